import type { PollFailureReason } from './feed-events.js';

/**
 * Operator alerts (SPEC §9). Each incident's subject has a stream of its own
 * (`operator-feed-<id>`, `operator-subscription-<id>`, `operator-consumer-<name>`), so an
 * incident opens and closes once however many workers notice it. The four alert types are sent
 * to OPERATOR_WEBHOOK_URL, their data as the body's `data`.
 */

/** A feed failed `operators.feedFailuresBeforeAlert` polls in a row. */
export interface OperatorFeedFailing {
  readonly feedId: string;
  readonly url: string;
  readonly failures: number;
  readonly reason: PollFailureReason;
  readonly message: string;
  /** When the first failing poll of the run happened. */
  readonly since: string;
}

/** The first successful poll of a feed reported failing. */
export interface OperatorFeedRecovered {
  readonly feedId: string;
  readonly url: string;
  /** The reason of the last failure before the recovery. */
  readonly reason: PollFailureReason;
  readonly since: string;
  readonly recoveredAt: string;
}

export interface OperatorSubscriptionSuspended {
  readonly subscriptionId: string;
  readonly reason: 'gone' | 'failing';
  /** When `subscription.suspended` was recorded. */
  readonly since: string;
  /** Its log position: one alert per suspension, however often the reactor replays it. */
  readonly suspensionPosition: number;
}

/** A consumer more than `threshold` events behind the head for longer than configured. */
export interface OperatorConsumerLagging {
  readonly consumer: string;
  readonly lag: number;
  readonly threshold: number;
  readonly position: number;
  readonly head: number;
  /** When the lag was first seen above the threshold. */
  readonly since: string;
}

/** Closes a lag incident, so the next one alerts again. Recorded, not sent. */
export interface OperatorConsumerCaughtUp {
  readonly consumer: string;
  readonly lag: number;
}

/** The alert recorded at `alertVersion` of this stream reached OPERATOR_WEBHOOK_URL. */
export interface OperatorAlertDelivered {
  readonly alertVersion: number;
  readonly status: number;
}

/** The event types sent to OPERATOR_WEBHOOK_URL. */
export const OPERATOR_ALERT_TYPES = [
  'operator.feed_failing',
  'operator.feed_recovered',
  'operator.subscription_suspended',
  'operator.consumer_lagging',
] as const;

export type OperatorAlertType = (typeof OPERATOR_ALERT_TYPES)[number];

export const operatorFeedStream = (feedId: string): string => `operator-feed-${feedId}`;
export const operatorSubscriptionStream = (subscriptionId: string): string =>
  `operator-subscription-${subscriptionId}`;
export const operatorConsumerStream = (consumer: string): string => `operator-consumer-${consumer}`;
