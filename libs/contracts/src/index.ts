export { EVENT_TYPES, type EventType } from './event-types.js';
export type {
  EventMetadata,
  JsonObject,
  JsonValue,
  NewEvent,
  RecordedEvent,
} from './event-envelope.js';
export {
  feedStream,
  POLL_FAILURE_REASONS,
  type EventDataMap,
  type FeedPolled,
  type FeedPollRequested,
  type FeedBadItem,
  type FeedFetchFailed,
  type FeedPollFailed,
  type FeedRegistered,
  type FeedRemoved,
  type FeedSettings,
  type FeedSource,
  type FeedUpdated,
  type ItemDiscovered,
  type KnownNewEvent,
  type KnownRecordedEvent,
  type PollFailureReason,
  type StreamEventOf,
} from './feed-events.js';
export { assertNever } from './assert-never.js';
export { isEventOf, isStreamEventOf, type EventOf } from './event-guards.js';
export {
  WATCHLIST_STREAM,
  backfillStream,
  type BackfillCompleted,
  type BackfillRequested,
  type ItemMatched,
  type ItemUnmatched,
  type MatchedTermData,
  type RuleMatchData,
  type WatchlistChanged,
  type WatchlistDefinitionData,
} from './watchlist-events.js';
export {
  alertStream,
  type AlertCorroborated,
  type AlertItemData,
  type AlertNotificationData,
  type NotifiedSource,
  type AlertRaised,
  type StoryLikeness,
} from './alert-events.js';
export {
  subscriptionStream,
  type EmailFrequency,
  type EmailSchedule,
  type SealedEmail,
  type SealedValue,
  type SubscriptionChannel,
  type SubscriptionConfirmed,
  type SubscriptionCreated,
  type SubscriptionDeleted,
  type SubscriptionPaused,
  type SubscriptionReplayed,
  type SubscriptionReplayRequested,
  type SubscriptionResumed,
  type SubscriptionSuspended,
  type SubscriptionUpdated,
} from './subscription-events.js';
export {
  digestStream,
  notificationStream,
  type DigestSent,
  type NotificationAttemptFailed,
  type NotificationDeadLettered,
  type NotificationDelivered,
  type NotificationKind,
  type NotificationRequested,
} from './notification-events.js';
export {
  OPERATOR_ALERT_TYPES,
  operatorConsumerStream,
  operatorFeedStream,
  operatorSubscriptionStream,
  type OperatorAlertDelivered,
  type OperatorAlertType,
  type OperatorConsumerCaughtUp,
  type OperatorConsumerLagging,
  type OperatorFeedFailing,
  type OperatorFeedRecovered,
  type OperatorSubscriptionSuspended,
} from './operator-events.js';
export { storableText, unstorableCharacter } from './storable-text.js';
