/**
 * Every event type of SPEC.md §2, then the ones Vigil adds (docs/outbox.md says why). The
 * strings are persisted in the log: never rename one.
 */
export const EVENT_TYPES = [
  'feed.registered',
  'feed.updated',
  'feed.removed',
  'feed.polled',
  'feed.poll_failed',
  'item.discovered',
  'watchlist.changed',
  'item.matched',
  'alert.raised',
  'alert.corroborated',
  'subscription.created',
  'subscription.confirmed',
  'subscription.updated',
  'subscription.paused',
  'subscription.resumed',
  'subscription.suspended',
  'subscription.deleted',
  'notification.requested',
  'notification.delivered',
  'notification.attempt_failed',
  'notification.dead_lettered',
  'digest.sent',
  'item.unmatched',
  'feed.poll_requested',
  'backfill.requested',
  'backfill.completed',
  'subscription.replay_requested',
  'subscription.replayed',
  'operator.feed_failing',
  'operator.feed_recovered',
  'operator.subscription_suspended',
  'operator.consumer_lagging',
  'operator.consumer_caught_up',
  'operator.alert_delivered',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
