import { Module } from '@nestjs/common';
import { AdminTokenGuard } from './admin/admin-token.guard.js';
import { HealthController } from './admin/health.controller.js';
import { HealthService } from './admin/health.service.js';
import { AdminFeedsController } from './admin/feeds/admin-feeds.controller.js';
import { AdminWatchlistController } from './admin/watchlist/admin-watchlist.controller.js';

/** HTTP: the admin API now; the public /v1 API joins here. */
@Module({
  controllers: [HealthController, AdminFeedsController, AdminWatchlistController],
  providers: [AdminTokenGuard, HealthService],
})
export class ApiModule {}
