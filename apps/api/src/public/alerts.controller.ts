import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { AlertsReader } from '@app/consumers';
import { errorResponses, jsonResponse, type ResponseBody, zodQuery } from '../http/openapi.js';
import { ZodBodyPipe } from '../http/zod-body.pipe.js';
import { encodeCursor, type ListAlertsQuery, listAlertsQuery } from './alert-requests.js';
import { alertDetail, alertPage, alertSummary } from './alert-responses.js';

const ALERT_SUMMARY_EXAMPLE = {
  id: '0f8d2c1e-5b7a-4c3e-9a51-2d7c6b4e8f10',
  topics: ['red-notice-abuse'],
  score: 3,
  title: 'Interpol red notice sought against exiled journalist',
  url: 'https://news.example.org/2026/11/red-notice',
  firstSeenAt: '2026-11-02T08:14:00.000Z',
  raisedAt: '2026-11-02T08:15:02.000Z',
  updatedAt: '2026-11-02T09:40:11.000Z',
  reportCount: 2,
  sourceCount: 2,
} satisfies z.input<typeof alertSummary>;

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
  @zodQuery(listAlertsQuery)
  @jsonResponse(200, 'A page of alerts; pass `next` as `cursor` for the next one', alertPage, {
    alerts: [ALERT_SUMMARY_EXAMPLE],
    next: 'cDQyMQ',
  })
  @errorResponses(400)
  async list(
    @Query(new ZodBodyPipe(listAlertsQuery)) query: ListAlertsQuery,
  ): Promise<ResponseBody<typeof alertPage>> {
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
  @jsonResponse(200, 'The alert', alertDetail, {
    ...ALERT_SUMMARY_EXAMPLE,
    items: [
      {
        kind: 'raised',
        itemId: 'c3a1…',
        feedId: 'example-news',
        title: ALERT_SUMMARY_EXAMPLE.title,
        url: ALERT_SUMMARY_EXAMPLE.url,
        summary: '…',
        publishedAt: '2026-11-02T08:10:00.000Z',
        seenAt: '2026-11-02T08:10:00.000Z',
        recordedAt: '2026-11-02T08:15:02.000Z',
        topics: ['red-notice-abuse'],
        score: 3,
        matches: [
          {
            topic: 'red-notice-abuse',
            rule: 'red-notice',
            weight: 3,
            terms: [{ text: 'red notice', field: 'title', start: 9, end: 19 }],
          },
        ],
      },
    ],
    sources: [
      {
        feedId: 'example-news',
        title: 'Example News',
        reportCount: 1,
        firstReportAt: '2026-11-02T08:15:02.000Z',
      },
    ],
    timeline: [
      {
        at: '2026-11-02T08:15:02.000Z',
        type: 'alert.raised',
        itemId: 'c3a1…',
        feedId: 'example-news',
      },
    ],
  })
  @errorResponses(404)
  async get(@Param('id') id: string): Promise<ResponseBody<typeof alertDetail>> {
    const alert = await this.alerts.get(id);
    if (!alert) {
      throw new NotFoundException({ code: 'alert_not_found', message: `no alert ${id}` });
    }
    return alert;
  }
}
