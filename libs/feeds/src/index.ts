export { canonicalLink } from './canonical-link.js';
export { decodeFeedBody } from './decode-feed-body.js';
export { htmlToText } from './html-to-text.js';
export { itemStreamId } from './item-stream-id.js';
export { parseFeed } from './parse-feed.js';
export type {
  CharsetSource,
  DecodedFeedBody,
  FeedFormat,
  FeedItem,
  ItemIdentitySource,
  ParsedFeed,
  ParseFailureReason,
  ParseFeedOptions,
  ParseFeedResult,
} from './parsed-feed.types.js';
export { safeLink } from './safe-link.js';
export { hammingDistance, simHash } from './sim-hash.js';
export { dropEditedCopies, type ContentIdentifiedItem } from './edited-copies.js';
export { fetchFailureReason } from './fetch-failure-reason.js';
