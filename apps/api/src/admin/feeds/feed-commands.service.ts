import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { feedStream } from '@app/contracts';
import {
  FeedAlreadyRegisteredError,
  type FeedCommand,
  feedDecider,
  type FeedState,
  FeedNotFoundError,
} from '@app/domain';
import { type AppendResult, EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import { pollNowJobId } from '@app/jobs';

/**
 * Commands on a feed's stream, shared by the admin API and the dashboard so that both record
 * exactly the same events. Domain errors become the HTTP errors of the admin API.
 */
@Injectable()
export class FeedCommandsService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async decide(
    command: FeedCommand,
  ): Promise<{ appended: readonly unknown[]; state: FeedState; result: AppendResult | null }> {
    try {
      return await handleCommand(this.store, feedStream(command.feedId), feedDecider, command);
    } catch (error) {
      if (error instanceof FeedNotFoundError) throw feedNotFound(command.feedId);
      if (error instanceof FeedAlreadyRegisteredError) {
        throw new ConflictException({
          code: 'feed_exists',
          message: error.message,
          details: [{ field: 'id', message: 'is already registered' }],
        });
      }
      throw error;
    }
  }

  /** Records a poll request; a worker's reactor queues the poll from the event, at once. */
  async requestPoll(feedId: string): Promise<{ feedId: string; jobId: string }> {
    const { result } = await this.decide({ type: 'request-poll', feedId });
    return { feedId, jobId: pollNowJobId(feedId, result!.lastPosition) };
  }
}

export function feedNotFound(id: string): NotFoundException {
  return new NotFoundException({ code: 'feed_not_found', message: `no feed ${id}` });
}
