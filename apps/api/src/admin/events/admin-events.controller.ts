import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { KnownRecordedEvent } from '@app/contracts';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { AdminTokenGuard } from '../admin-token.guard.js';
import { ZodBodyPipe } from '../../http/zod-body.pipe.js';
import { DEFAULT_EVENTS_LIMIT, eventsQuery, type EventsQuery } from './events-query.js';

/**
 * The event log as recorded (SPEC.md §9). Events hold no personal data or secret in clear:
 * URLs, secrets, addresses and link tokens are sealed with the subscription's key, the
 * subscription token is only a hash, so the envelope is answered as stored.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/events')
@UseGuards(AdminTokenGuard)
export class AdminEventsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({
    summary: 'A page of the event log, oldest first; pass `next` as `after` for the next page',
  })
  async list(
    @Query(new ZodBodyPipe(eventsQuery)) query: EventsQuery,
  ): Promise<{ events: KnownRecordedEvent[]; next: number | null }> {
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
