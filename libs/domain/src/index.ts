export type { Decider } from './decider.js';
export {
  feedDecider,
  type FeedCommand,
  type FeedState,
  type PollOutcome,
} from './feed/feed.decider.js';
export { FeedAlreadyRegisteredError, FeedNotFoundError } from './feed/feed-errors.js';
