import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type KnownRecordedEvent,
  type NotificationKind,
  notificationStream,
  type RecordedEvent,
} from '@app/contracts';
import { AsEventConsumer, type EventConsumer, SubscriptionCatalog } from '@app/consumers';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { deliveryJobId, JobName, JobQueues } from '@app/jobs';

/**
 * Turns each alert event into one `notification.requested` per subscription that wants it
 * (topics, minScore, corroborations, active), then queues their deliveries. Notification ids
 * follow from the subscription and the alert event, so a replay creates nothing twice; its
 * jobs are queued again, and a delivery already recorded is not sent again.
 */
@Injectable()
@AsEventConsumer()
export class NotificationFanoutReactor implements EventConsumer {
  readonly name = 'notification-fanout';
  readonly eventTypes = ['alert.raised', 'alert.corroborated'] as const;

  constructor(
    private readonly subscriptions: SubscriptionCatalog,
    private readonly queues: JobQueues,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async handle(recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as KnownRecordedEvent;
    if (event.type !== 'alert.raised' && event.type !== 'alert.corroborated') return;
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
}

function notificationIdFor(subscriptionId: string, alertPosition: number): string {
  return createHash('sha256')
    .update(`notification\n${subscriptionId}\n${alertPosition}`)
    .digest('hex')
    .slice(0, 32);
}
