export type {
  OutboundFailure,
  OutboundFailureReason,
  OutboundRequest,
  OutboundResponse,
  OutboundResult,
  OutboundSuccess,
} from './outbound.types.js';
export {
  DEFAULT_USER_AGENT,
  OutboundHttpClient,
  type OutboundHttpClientOptions,
} from './outbound-http-client.js';
export { isPublicAddress } from './is-public-address.js';
export { guardLookup, ipLiteral } from './guard-lookup.js';
export {
  checkHttpUrl,
  type HttpUrlCheck,
  type HttpUrlCheckOptions,
  type HttpUrlRefusal,
} from './check-http-url.js';
export { describeNetworkError } from './describe-network-error.js';
export { readCapped } from './read-capped.js';
export { parseRetryAfter } from './parse-retry-after.js';
export { cacheLifetimeSeconds } from './cache-lifetime-seconds.js';
