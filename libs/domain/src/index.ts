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
