import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
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
  @ApiProduces('text/plain')
  async get(@Res({ passthrough: true }) response: Response): Promise<string> {
    const text = await this.metrics.render();
    response.setHeader('content-type', this.metrics.contentType);
    return text;
  }
}
