import {
  BadRequestException,
  Controller,
  Get,
  Headers,
  Inject,
  type OnModuleDestroy,
  Query,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type AlertCorroborated, type AlertRaised, isEventOf } from '@app/contracts';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { errorResponses, textResponse, zodQuery } from '../http/openapi.js';
import { ZodBodyPipe } from '../http/zod-body.pipe.js';
import { type AlertStreamQuery, alertStreamQuery, parseLastEventId } from './alert-requests.js';

const ALERT_TYPES = ['alert.raised', 'alert.corroborated'] as const;
const PAGE_SIZE = 200;
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
/** How long a client waits before reconnecting after a drop (the SSE `retry` field). */
const RECONNECT_MS = 3_000;

/**
 * GET /v1/alerts/stream: Server-Sent Events of alert.raised and alert.corroborated, read from
 * the log. Each event's id is its log position, so a client reconnecting with `Last-Event-ID`
 * gets exactly what it missed, however long it was away. Without one, the stream starts at
 * the present.
 */
@ApiTags('alerts')
@Controller('v1/alerts/stream')
export class AlertStreamController implements OnModuleDestroy {
  private readonly open = new Set<() => void>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ summary: 'Server-Sent Events of new alerts and corroborations' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this event' })
  @zodQuery(alertStreamQuery)
  @textResponse(
    200,
    'An endless stream; each event id is a log position',
    'text/event-stream',
    'id: 421\nevent: alert.raised\ndata: {"alert":{"id":"…","topics":["red-notice-abuse"]},"item":{…},"matches":[…]}\n\n',
  )
  @errorResponses(400)
  async stream(
    @Res() response: Response,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query(new ZodBodyPipe(alertStreamQuery)) { topic }: AlertStreamQuery,
  ): Promise<void> {
    const resumeAfter = parseLastEventId(lastEventId);
    if (resumeAfter === 'invalid') {
      throw new BadRequestException({
        code: 'validation_failed',
        message: 'Last-Event-ID: must be an event id this stream sent',
        details: [{ field: 'Last-Event-ID', message: 'must be an event id this stream sent' }],
      });
    }
    let after = resumeAfter ?? (await this.store.headPosition());
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write(`retry: ${RECONNECT_MS}\n\n`);

    let closed = false;
    let wake: (() => void) | undefined;
    const close = (): void => {
      closed = true;
      wake?.();
    };
    this.open.add(close);
    response.on('close', close);
    // Set by an alert append since the last read, so one that lands mid-read is not missed.
    let appended: boolean;
    const unsubscribe = this.store.onAppended((_head, appendedTypes) => {
      if (appendedTypes && !ALERT_TYPES.some((type) => appendedTypes.has(type))) return;
      appended = true;
      wake?.();
    });
    // Each heartbeat also reads the log: an append announcement is a hint that can be lost
    // (a LISTEN connection being re-made), and without this the stream would wait for the next.
    const heartbeat = setInterval(() => {
      response.write(': keep-alive\n\n');
      wake?.();
    }, HEARTBEAT_MS);
    try {
      while (!closed) {
        appended = false;
        const page = await this.store.readAll({ after, limit: PAGE_SIZE, types: ALERT_TYPES });
        for (const event of page) {
          after = event.position;
          if (!isEventOf(event, ALERT_TYPES)) continue;
          if (topic !== undefined && !event.data.topics.includes(topic)) continue;
          response.write(
            `id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(payload(event.data))}\n\n`,
          );
        }
        if (page.length < PAGE_SIZE && !closed && !appended) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
      }
    } finally {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(close);
      response.end();
    }
  }

  /** Ends every open stream, so that the server can close (clients reconnect elsewhere). */
  onModuleDestroy(): void {
    for (const close of this.open) close();
  }
}

function payload(data: AlertRaised | AlertCorroborated): object {
  const { item, matches } = data;
  const alert =
    'firstSeenAt' in data
      ? {
          id: data.alertId,
          topics: data.topics,
          score: data.score,
          title: data.title,
          url: data.url,
          firstSeenAt: data.firstSeenAt,
        }
      : { id: data.alertId };
  return {
    alert,
    item,
    matches,
    ...('likeness' in data ? { likeness: data.likeness } : {}),
    ...('start' in data && data.start ? { start: data.start } : {}),
  };
}
