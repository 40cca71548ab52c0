import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AlertDetail, AlertsReader, type AlertSummary } from '@app/consumers';
import { ZodBodyPipe } from '../http/zod-body.pipe.js';
import { encodeCursor, type ListAlertsQuery, listAlertsQuery } from './alert-requests.js';

/**
 * Alerts, one per story (SPEC.md §6). Public like the news they come from; the stream is in
 * AlertStreamController.
 */
@ApiTags('alerts')
@Controller('v1/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsReader) {}

  @Get()
  @ApiOperation({ summary: 'Alerts, newest first, by topic and time, a page at a time' })
  async list(
    @Query(new ZodBodyPipe(listAlertsQuery)) query: ListAlertsQuery,
  ): Promise<{ alerts: AlertSummary[]; next: string | null }> {
    const { alerts, nextBeforePosition } = await this.alerts.list({
      limit: query.limit,
      ...(query.topic === undefined ? {} : { topic: query.topic }),
      ...(query.since === undefined ? {} : { since: query.since }),
      ...(query.cursor === undefined ? {} : { beforePosition: query.cursor }),
    });
    return {
      alerts,
      next: nextBeforePosition === null ? null : encodeCursor(nextBeforePosition),
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One alert: its reports, sources, match explanations and timeline' })
  async get(@Param('id') id: string): Promise<AlertDetail> {
    const alert = await this.alerts.get(id);
    if (!alert) {
      throw new NotFoundException({ code: 'alert_not_found', message: `no alert ${id}` });
    }
    return alert;
  }
}
