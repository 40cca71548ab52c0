import type { EventMetadata, RecordedEvent } from './event-envelope.js';
import type { AlertCorroborated, AlertRaised } from './alert-events.js';
import type {
  DigestSent,
  NotificationAttemptFailed,
  NotificationDeadLettered,
  NotificationDelivered,
  NotificationRequested,
} from './notification-events.js';
import type {
  SubscriptionConfirmed,
  SubscriptionCreated,
  SubscriptionDeleted,
  SubscriptionPaused,
  SubscriptionReplayed,
  SubscriptionReplayRequested,
  SubscriptionResumed,
  SubscriptionSuspended,
  SubscriptionUpdated,
} from './subscription-events.js';
import type {
  BackfillCompleted,
  BackfillRequested,
  ItemMatched,
  ItemUnmatched,
  WatchlistChanged,
} from './watchlist-events.js';
import type {
  OperatorAlertDelivered,
  OperatorConsumerCaughtUp,
  OperatorConsumerLagging,
  OperatorFeedFailing,
  OperatorFeedRecovered,
  OperatorSubscriptionSuspended,
} from './operator-events.js';

/** Where a feed came from: reconciling config/feeds.yaml only ever touches its own. */
export type FeedSource = 'config' | 'admin';

/** SPEC.md §3 reason codes of a failed poll. Persisted: never rename one. */
export const POLL_FAILURE_REASONS = [
  'invalid_url',
  'unsupported_protocol',
  'blocked_address',
  'dns_error',
  'connection_error',
  'tls_error',
  'timeout',
  'too_large',
  'too_many_redirects',
  'decompression_error',
  'http_4xx',
  'http_5xx',
  'not_a_feed',
  'parse_error',
] as const;

export type PollFailureReason = (typeof POLL_FAILURE_REASONS)[number];

export interface FeedSettings {
  readonly url: string;
  readonly title: string | null;
  /** Fixed polling interval; null lets Vigil adapt it to the feed's publishing rate. */
  readonly intervalSeconds: number | null;
  readonly enabled: boolean;
  /** Lets this feed reach private or loopback addresses (an intranet feed). */
  readonly allowPrivateNetwork: boolean;
}

export interface FeedRegistered extends FeedSettings {
  readonly feedId: string;
  readonly source: FeedSource;
}

export interface FeedUpdated {
  readonly feedId: string;
  readonly changes: Partial<FeedSettings>;
}

export interface FeedRemoved {
  readonly feedId: string;
  readonly source: FeedSource;
}

/** Appended only when a failing feed recovers: unchanged polls write nothing. */
export interface FeedPolled {
  readonly feedId: string;
  readonly status: number;
  readonly newItems: number;
  readonly recoveredFrom: PollFailureReason;
}

/** An operator asked for a poll now (POST /admin/feeds/:id/poll); a reactor queues it. */
export interface FeedPollRequested {
  readonly feedId: string;
}

/**
 * A poll that failed: appended on the first failure and when the reason changes, not on every
 * retry; or (`bad_item`) one item of a poll that otherwise succeeded could not be stored.
 */
export type FeedPollFailed = FeedFetchFailed | FeedBadItem;

/** The feed could not be fetched or parsed: it is failing, and backs off until it recovers. */
export interface FeedFetchFailed {
  readonly feedId: string;
  readonly reason: PollFailureReason;
  readonly message: string;
  readonly status: number | null;
}

/**
 * SPEC §3: one item the store refused was skipped and the rest were discovered. Not a failure
 * of the feed: its health, back-off and operator alerts ignore it. Appended once per item,
 * however many polls see the item again.
 */
export interface FeedBadItem {
  readonly feedId: string;
  readonly reason: 'bad_item';
  /** Why the store refused it. */
  readonly message: string;
  /** The HTTP status of the poll, which succeeded. */
  readonly status: number;
  readonly item: {
    /** Its identity (SPEC §3), made storable and cut to 1,000 characters. */
    readonly identity: string;
    /** `item-<hash>`: the stream it would have opened, which names it exactly. */
    readonly stream: string;
  };
}

export interface ItemDiscovered {
  readonly feedId: string;
  readonly identity: string;
  readonly title: string;
  readonly url: string | null;
  readonly summary: string;
  readonly publishedAt: string | null;
  readonly categories: readonly string[];
  readonly language: string | null;
  readonly fingerprint: string;
}

/** The data type of each event type introduced so far, keyed by its dotted name. */
export interface EventDataMap {
  'feed.registered': FeedRegistered;
  'feed.updated': FeedUpdated;
  'feed.removed': FeedRemoved;
  'feed.polled': FeedPolled;
  'feed.poll_failed': FeedPollFailed;
  'item.discovered': ItemDiscovered;
  'watchlist.changed': WatchlistChanged;
  'item.matched': ItemMatched;
  'alert.raised': AlertRaised;
  'alert.corroborated': AlertCorroborated;
  'subscription.created': SubscriptionCreated;
  'subscription.confirmed': SubscriptionConfirmed;
  'subscription.updated': SubscriptionUpdated;
  'subscription.paused': SubscriptionPaused;
  'subscription.resumed': SubscriptionResumed;
  'subscription.suspended': SubscriptionSuspended;
  'subscription.deleted': SubscriptionDeleted;
  'notification.requested': NotificationRequested;
  'notification.delivered': NotificationDelivered;
  'notification.attempt_failed': NotificationAttemptFailed;
  'notification.dead_lettered': NotificationDeadLettered;
  'digest.sent': DigestSent;
  'item.unmatched': ItemUnmatched;
  'feed.poll_requested': FeedPollRequested;
  'backfill.requested': BackfillRequested;
  'backfill.completed': BackfillCompleted;
  'subscription.replay_requested': SubscriptionReplayRequested;
  'subscription.replayed': SubscriptionReplayed;
  'operator.feed_failing': OperatorFeedFailing;
  'operator.feed_recovered': OperatorFeedRecovered;
  'operator.subscription_suspended': OperatorSubscriptionSuspended;
  'operator.consumer_lagging': OperatorConsumerLagging;
  'operator.consumer_caught_up': OperatorConsumerCaughtUp;
  'operator.alert_delivered': OperatorAlertDelivered;
}

/** An event of a known type, to append. */
export type KnownNewEvent = {
  [TType in keyof EventDataMap]: {
    readonly type: TType;
    readonly data: EventDataMap[TType];
    readonly metadata?: EventMetadata;
  };
}[keyof EventDataMap];

/** A recorded event of a known type, narrowed by its `type`. */
export type KnownRecordedEvent = {
  [TType in keyof EventDataMap]: RecordedEvent<TType, EventDataMap[TType]>;
}[keyof EventDataMap];

/** The events one kind of stream holds: `feed-<id>` holds `feed.*`, and so on. */
export type StreamEventOf<TPrefix extends string> = Extract<
  KnownRecordedEvent,
  { readonly type: `${TPrefix}.${string}` }
>;

export const feedStream = (feedId: string): string => `feed-${feedId}`;
