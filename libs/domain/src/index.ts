export type { Decider } from './decider.js';
export {
  feedDecider,
  type FeedCommand,
  type FeedState,
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
  SubscriptionNotFoundError,
} from './subscription/subscription-errors.js';
