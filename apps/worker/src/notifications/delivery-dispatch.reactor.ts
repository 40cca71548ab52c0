import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertNever, type EventOf, isEventOf, type KnownRecordedEvent } from '@app/contracts';
import {
  AsEventConsumer,
  type EventConsumer,
  SUBSCRIPTIONS_VIEW,
  untilCheckpointReaches,
} from '@app/consumers';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { JobName, JobQueues, owedJobs } from '@app/jobs';
import { OwedWorkReconciler } from '../outbox/owed-work.reconciler.js';

/**
 * The one path from the log to the delivery queue: each `notification.requested` (an alert's
 * fan-out, a test, a replay, a redelivery) becomes the job of its first attempt, each
 * `notification.attempt_failed` with a next-attempt time the delayed job of the next one, and a
 * `subscription.resumed` queues again what the subscription still owes. Job ids name the
 * stream version the attempt is owed at, so a replay of this reactor, another worker running
 * it, and the reconciler all derive the same job. The checkpoint moves only once the page's
 * jobs are in Redis.
 */
@Injectable()
@AsEventConsumer()
export class DeliveryDispatchReactor implements EventConsumer {
  readonly name = 'delivery-dispatch';
  readonly eventTypes = [
    'notification.requested',
    'notification.attempt_failed',
    'subscription.resumed',
  ] as const;
  private readonly logger = new Logger(DeliveryDispatchReactor.name);

  constructor(
    private readonly queues: JobQueues,
    private readonly reconciler: OwedWorkReconciler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async handle(event: KnownRecordedEvent): Promise<void> {
    await this.handleBatch([event]);
  }

  async handleBatch(page: readonly KnownRecordedEvent[]): Promise<void> {
    const now = Date.now();
    const jobs = [];
    const resumed: EventOf<'subscription.resumed'>[] = [];
    for (const event of page) {
      if (!isEventOf(event, this.eventTypes)) continue;
      switch (event.type) {
        case 'notification.requested':
          jobs.push(
            owedJobs.delivery(
              event.data.notificationId,
              event.data.subscriptionId,
              event.version,
              0,
            ),
          );
          break;
        case 'notification.attempt_failed': {
          // No next attempt: dead-lettered, or "gone" (sent again only once resumed).
          const { nextAttemptAt } = event.data;
          if (nextAttemptAt === null) break;
          const delay = Math.max(0, Date.parse(nextAttemptAt) - now);
          jobs.push(
            owedJobs.delivery(
              event.data.notificationId,
              event.data.subscriptionId,
              event.version,
              delay,
            ),
          );
          break;
        }
        case 'subscription.resumed':
          resumed.push(event);
          break;
        default:
          assertNever(event);
      }
    }
    await this.queues.enqueueMany(JobName.DeliverNotification, jobs);
    for (const event of resumed) {
      // What it owes is read from the view, once the view has seen everything up to the resume.
      await untilCheckpointReaches(this.store, SUBSCRIPTIONS_VIEW, event.position, (waitedMs) =>
        this.logger.warn(
          { position: event.position, waitedMs },
          'resume waiting for the subscriptions view',
        ),
      );
      await this.reconciler.reconcileDeliveries(event.data.subscriptionId);
    }
  }
}
