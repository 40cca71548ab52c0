import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type KnownRecordedEvent,
  type NotificationKind,
  notificationStream,
  type RecordedEvent,
} from '@app/contracts';
import {
  AsEventConsumer,
  type EventConsumer,
  SUBSCRIPTIONS_VIEW,
  SubscriptionCatalog,
} from '@app/consumers';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { deliveryJobId, JobName, JobQueues } from '@app/jobs';

/**
 * Turns each alert event into one `notification.requested` per subscription that wants it
 * (topics, minScore, corroborations, active), then queues their deliveries. Notification ids
 * follow from the subscription and the alert event, so a replay creates nothing twice; its
 * jobs are queued again, and a delivery already recorded is not sent again. The audience is
 * read from the subscriptions view once it has caught up with the alert, so a subscription
 * created a moment before the alert is in it.
 */
@Injectable()
@AsEventConsumer()
export class NotificationFanoutReactor implements EventConsumer {
  readonly name = 'notification-fanout';
  readonly eventTypes = ['alert.raised', 'alert.corroborated'] as const;
  private readonly logger = new Logger(NotificationFanoutReactor.name);

  constructor(
    private readonly subscriptions: SubscriptionCatalog,
    private readonly queues: JobQueues,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async handle(recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as KnownRecordedEvent;
    if (event.type !== 'alert.raised' && event.type !== 'alert.corroborated') return;
    await this.untilSubscriptionsViewReaches(event.position);
    const audience = await this.subscriptions.audience({
      topics: event.data.topics,
      score: event.data.score,
      corroboration: event.type === 'alert.corroborated',
    });
    if (audience.length === 0) return;
    const kind: NotificationKind = event.type;
    const notifications = audience.map((subscription) => ({
      notificationId: notificationIdFor(subscription.subscriptionId, event.position),
      subscriptionId: subscription.subscriptionId,
    }));
    await this.store.appendToNewStreams(
      notifications.map(({ notificationId, subscriptionId }) => ({
        stream: notificationStream(notificationId),
        event: {
          type: 'notification.requested',
          data: {
            notificationId,
            subscriptionId,
            kind,
            alertId: event.data.alertId,
            sourcePosition: event.position,
            cause: 'alert',
          },
        },
      })),
    );
    await this.queues.enqueueMany(
      JobName.DeliverNotification,
      notifications.map(({ notificationId, subscriptionId }) => ({
        data: { notificationId, subscriptionId },
        options: { jobId: deliveryJobId(notificationId, 1) },
      })),
    );
  }

  /**
   * Waits for the view rather than going on without it: an alert fanned out to a view that
   * lags would miss its newest subscribers for good.
   */
  private async untilSubscriptionsViewReaches(position: number): Promise<void> {
    let waitedMs = 0;
    while ((await this.store.loadCheckpoint(SUBSCRIPTIONS_VIEW)) < position) {
      if (waitedMs > 0 && waitedMs % VIEW_LAG_WARNING_MS === 0) {
        this.logger.warn({ position, waitedMs }, 'fan-out waiting for the subscriptions view');
      }
      await sleep(VIEW_POLL_MS);
      waitedMs += VIEW_POLL_MS;
    }
  }
}

const VIEW_POLL_MS = 20;
const VIEW_LAG_WARNING_MS = 10_000;

function notificationIdFor(subscriptionId: string, alertPosition: number): string {
  return createHash('sha256')
    .update(`notification\n${subscriptionId}\n${alertPosition}`)
    .digest('hex')
    .slice(0, 32);
}
