import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { errorResponses, textResponse } from '../../http/openapi.js';
import { AdminTokenGuard } from '../admin-token.guard.js';
import { MetricsService } from './metrics.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/metrics')
@UseGuards(AdminTokenGuard)
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus text: polls, items, matches, alerts, deliveries, latencies, queues, lag',
  })
  @textResponse(
    200,
    'Prometheus text exposition format',
    'text/plain',
    '# TYPE vigil_alerts_raised_total counter\nvigil_alerts_raised_total 42\n',
  )
  @errorResponses(401)
  async get(@Res({ passthrough: true }) response: Response): Promise<string> {
    const text = await this.metrics.render();
    response.setHeader('content-type', this.metrics.contentType);
    return text;
  }
}
