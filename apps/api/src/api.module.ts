import { Module } from '@nestjs/common';
import { AdminTokenGuard } from './admin/admin-token.guard.js';
import { HealthController } from './admin/health.controller.js';
import { HealthService } from './admin/health.service.js';
import { AdminFeedsController } from './admin/feeds/admin-feeds.controller.js';

/** HTTP: the admin API now; the public /v1 API joins here. */
@Module({
  controllers: [HealthController, AdminFeedsController],
  providers: [AdminTokenGuard, HealthService],
})
export class ApiModule {}
