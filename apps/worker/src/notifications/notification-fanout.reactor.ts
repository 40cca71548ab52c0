import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  isEventOf,
  type KnownRecordedEvent,
  type NotificationKind,
  isWeakLikeness,
  notificationStream,
} from '@app/contracts';
import {
  AsEventConsumer,
  type EventConsumer,
  SUBSCRIPTIONS_VIEW,
  SubscriptionsReader,
  untilCheckpointReaches,
} from '@app/consumers';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';

/**
 * Turns each alert event into one `notification.requested` per subscription that wants it
 * (topics, minScore, corroborations, active); the delivery-dispatch reactor queues their
 * deliveries from those events. Notification ids follow from the subscription and the alert
 * event, so a replay of this reactor creates nothing twice. The audience is
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
    private readonly subscriptions: SubscriptionsReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async handle(event: KnownRecordedEvent): Promise<void> {
    if (!isEventOf(event, this.eventTypes)) return;
    // Waits for the view rather than going on without it: an alert fanned out to a view that
    // lags would miss its newest subscribers for good.
    await untilCheckpointReaches(this.store, SUBSCRIPTIONS_VIEW, event.position, (waitedMs) =>
      this.logger.warn(
        { position: event.position, waitedMs },
        'fan-out waiting for the subscriptions view',
      ),
    );
    const audience = await this.subscriptions.audience({
      topics: event.data.topics,
      score: event.data.score,
      // A report that joined its story only weakly may be a new story the grouper merged: it
      // goes to every subscriber of its topics, as a raise does, since a second message costs
      // less than a story nobody hears of (docs/stories.md).
      corroboration:
        event.type === 'alert.corroborated' &&
        !isWeakLikeness(event.data.likeness, this.config.runtime.stories),
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
  }
}

function notificationIdFor(subscriptionId: string, alertPosition: number): string {
  return createHash('sha256')
    .update(`notification\n${subscriptionId}\n${alertPosition}`)
    .digest('hex')
    .slice(0, 32);
}
