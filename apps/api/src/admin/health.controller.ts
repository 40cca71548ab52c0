import { Controller, Get, HttpStatus, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { errorBody, errorResponses, jsonResponse } from '../http/openapi.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import { type HealthReport, healthReport, HealthService } from './health.service.js';

const HEALTH_EXAMPLE = {
  status: 'ok',
  checks: {
    eventStore: { status: 'up', adapter: 'postgres', latencyMs: 2 },
    redis: { status: 'up', latencyMs: 1 },
    workers: { status: 'up', latencyMs: 1, count: 1 },
  },
} satisfies z.input<typeof healthReport>;

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/health')
@UseGuards(AdminTokenGuard)
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Readiness of the event store, Redis and the workers' })
  @jsonResponse(200, 'Everything is up', healthReport, HEALTH_EXAMPLE)
  @errorResponses(401)
  @jsonResponse(
    503,
    'A component is down (the same report), or the admin API is closed (the error shape)',
    z.union([healthReport, errorBody]),
    {
      ...HEALTH_EXAMPLE,
      status: 'error',
      checks: {
        ...HEALTH_EXAMPLE.checks,
        workers: { status: 'down', latencyMs: 2000, error: 'no worker process has reported in' },
      },
    },
  )
  async get(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
