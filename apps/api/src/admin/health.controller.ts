import { Controller, Get, HttpStatus, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminTokenGuard } from './admin-token.guard.js';
import { type HealthReport, HealthService } from './health.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/health')
@UseGuards(AdminTokenGuard)
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Readiness of the event store, Redis and the workers' })
  @ApiResponse({ status: 200, description: 'Everything is up' })
  @ApiResponse({ status: 401, description: 'Missing or wrong admin token' })
  @ApiResponse({ status: 503, description: 'A component is down, or the admin API is closed' })
  async get(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
