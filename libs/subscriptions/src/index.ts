export { newDataKey, seal, unseal } from './sealing.js';
export { UnsealError } from './unseal.error.js';
export { SubscriptionKeyStore } from './subscription-key-store.js';
export {
  hashToken,
  linkTokenMatches,
  linkTokenSubscription,
  type LinkPurpose,
  newLinkToken,
  newSubscriptionToken,
  newWebhookSecret,
  tokenMatchesHash,
} from './tokens.js';
export { SubscriptionsModule } from './subscriptions.module.js';
export { loadSubscription } from './load-subscription.js';
export type { SubscriptionRecord, SubscriptionStatus } from './subscription-record.js';
