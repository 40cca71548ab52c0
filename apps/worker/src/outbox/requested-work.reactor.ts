import { Injectable } from '@nestjs/common';
import { assertNever, isEventOf, type KnownRecordedEvent } from '@app/contracts';
import { AsEventConsumer, type EventConsumer } from '@app/consumers';
import { JobName, JobQueues, owedJobs, pollNowJobId } from '@app/jobs';

/**
 * Turns what operators and subscribers ask for through the api into jobs: a poll now, a
 * backfill, a replay. The api only appends the request; the job is queued from the log, so a
 * process that dies after the append loses nothing, and the reconciler re-queues a backfill or
 * a replay that Redis lost before it completed. A lost "poll now" is not re-queued: the feed's
 * scheduler polls it anyway within its interval.
 */
@Injectable()
@AsEventConsumer()
export class RequestedWorkReactor implements EventConsumer {
  readonly name = 'requested-work-dispatch';
  readonly eventTypes = [
    'feed.poll_requested',
    'backfill.requested',
    'subscription.replay_requested',
  ] as const;

  constructor(private readonly queues: JobQueues) {}

  async handle(event: KnownRecordedEvent): Promise<void> {
    if (!isEventOf(event, this.eventTypes)) return;
    switch (event.type) {
      case 'feed.poll_requested':
        await this.queues.enqueue(
          JobName.PollFeed,
          { feedId: event.data.feedId },
          { jobId: pollNowJobId(event.data.feedId, event.position) },
        );
        return;
      case 'backfill.requested': {
        const { backfillId, since } = event.data;
        await this.queues.enqueueMany(JobName.BackfillMatches, [
          owedJobs.backfill(backfillId, since),
        ]);
        return;
      }
      case 'subscription.replay_requested': {
        const { replayId, subscriptionId } = event.data;
        await this.queues.enqueueMany(JobName.ReplayNotifications, [
          owedJobs.replay(replayId, subscriptionId),
        ]);
        return;
      }
      default:
        assertNever(event);
    }
  }
}
