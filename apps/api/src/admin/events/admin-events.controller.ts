import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { AdminTokenGuard } from '../admin-token.guard.js';
import { errorResponses, jsonResponse, type ResponseBody, zodQuery } from '../../http/openapi.js';
import { ZodBodyPipe } from '../../http/zod-body.pipe.js';
import { DEFAULT_EVENTS_LIMIT, eventsQuery, type EventsQuery } from './events-query.js';
import { eventPage } from './events-response.js';

/**
 * The event log as recorded (SPEC.md §9). Events hold no personal data or secret in clear:
 * URLs, secrets, addresses and link tokens are sealed with the subscription's key, the
 * subscription token is only a hash, so the envelope is answered as stored.
 */
@ApiTags('admin')
@ApiBearerAuth()
@errorResponses(401)
@Controller('admin/events')
@UseGuards(AdminTokenGuard)
export class AdminEventsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({
    summary: 'A page of the event log, oldest first; pass `next` as `after` for the next page',
  })
  @zodQuery(eventsQuery)
  @jsonResponse(200, 'A page of envelopes as stored (SPEC.md §2)', eventPage, {
    events: [
      {
        id: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
        stream: 'watchlist',
        version: 3,
        position: 421,
        type: 'watchlist.changed',
        schemaVersion: 1,
        data: { version: 3, source: 'admin' },
        metadata: {},
        recordedAt: '2026-11-02T08:00:00.000Z',
      },
    ],
    next: 421,
  })
  @errorResponses(400)
  async list(
    @Query(new ZodBodyPipe(eventsQuery)) query: EventsQuery,
  ): Promise<ResponseBody<typeof eventPage>> {
    const limit = query.limit ?? DEFAULT_EVENTS_LIMIT;
    // One more than asked says whether another page exists without a second query.
    const page = await this.store.readAll({
      after: query.after ?? 0,
      limit: limit + 1,
      ...(query.type === undefined ? {} : { types: query.type }),
      ...(query.stream === undefined ? {} : { stream: query.stream }),
    });
    const events = page.slice(0, limit);
    return { events, next: page.length > limit ? events.at(-1)!.position : null };
  }
}
