export { type Decider, stateOf } from './decider.js';
export {
  feedDecider,
  type FeedCommand,
  type FeedState,
  type BadItem,
  type PollOutcome,
} from './feed/feed.decider.js';
export { FeedAlreadyRegisteredError, FeedNotFoundError } from './feed/feed-errors.js';
export {
  averageItemsPerDay,
  nextPollInterval,
  type PollIntervalBounds,
  type PollIntervalInput,
} from './feed/poll-interval.js';
export { deriveFeedId } from './feed/feed-id.js';
export {
  subscriptionDecider,
  type CreateSubscription,
  type SubscriptionChanges,
  type SubscriptionCommand,
  type SubscriptionState,
  type SubscriptionStatus,
} from './subscription/subscription.decider.js';
export {
  SubscriptionChannelMismatchError,
  SubscriptionDeletedError,
  SubscriptionExistsError,
  SubscriptionNotPendingError,
  SubscriptionNotFoundError,
} from './subscription/subscription-errors.js';
export {
  notificationDecider,
  owedAttempt,
  type AttemptOutcome,
  type NotificationCommand,
  type NotificationState,
  type NotificationStatus,
} from './notification/notification.decider.js';
export {
  NotificationNotDeadLetteredError,
  NotificationNotFoundError,
} from './notification/notification-errors.js';
export { nextRetryDelayMs } from './notification/retry-schedule.js';
export {
  shouldSuspend,
  withLatestAttempt,
  type FailureRun,
  type SuspensionPolicy,
} from './notification/suspension-rule.js';
export {
  itemDecider,
  type ItemCommand,
  type ItemMatchResult,
  type ItemState,
} from './item/item.decider.js';
export {
  alertDecider,
  alertIdFor,
  placementAlertId,
  type AlertCommand,
  type AlertReport,
  type AlertState,
  type StoryPlacement,
} from './alert/alert.decider.js';
export {
  watchlistDecider,
  type WatchlistCommand,
  type WatchlistState,
} from './watchlist/watchlist.decider.js';
export { type DigestPeriod, duePeriods } from './digest/digest-periods.js';
export {
  operatorIncidentDecider,
  type OperatorIncidentCommand,
  type OperatorIncidentState,
} from './operator/operator-incident.decider.js';
