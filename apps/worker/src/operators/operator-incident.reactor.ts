import { Inject, Injectable } from '@nestjs/common';
import {
  assertNever,
  isEventOf,
  type KnownRecordedEvent,
  operatorSubscriptionStream,
} from '@app/contracts';
import { AsEventConsumer, type EventConsumer } from '@app/consumers';
import { operatorIncidentDecider } from '@app/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';

/**
 * Turns each `subscription.suspended` into an `operator.subscription_suspended` on the
 * subscription's incident stream; the decider keys it by the suspension's position, so a replay
 * of this reactor, or another worker running it, records it once.
 */
@Injectable()
@AsEventConsumer()
export class OperatorIncidentReactor implements EventConsumer {
  readonly name = 'operator-incidents';
  readonly eventTypes = ['subscription.suspended'] as const;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async handle(event: KnownRecordedEvent): Promise<void> {
    if (!isEventOf(event, this.eventTypes)) return;
    switch (event.type) {
      case 'subscription.suspended':
        await handleCommand(
          this.store,
          operatorSubscriptionStream(event.data.subscriptionId),
          operatorIncidentDecider,
          {
            type: 'record-suspension',
            subscriptionId: event.data.subscriptionId,
            reason: event.data.reason,
            since: event.recordedAt,
            position: event.position,
          },
        );
        return;
      default:
        assertNever(event);
    }
  }
}
