export type { EventConsumer } from './event-consumer.js';
export {
  ConsumerRunner,
  type ConsumerFailureListener,
  type ConsumerRunnerOptions,
} from './consumer-runner.js';
export { consumerLag, type ConsumerLag } from './consumer-lag.js';
export { AsEventConsumer } from './event-consumer.decorator.js';
export { FeedsProjection } from './projections/feeds/feeds.projection.js';
export { FeedCatalog, type PollRecord } from './projections/feeds/feed-catalog.js';
export { ensureFeedViewsSchema } from './projections/feeds/feeds-schema.js';
export type { FeedHealth, FeedView } from './projections/feeds/feed-view.js';
export { ViewsModule } from './views.module.js';
export {
  type CurrentWatchlist,
  WatchlistCatalog,
  watchlistHash,
} from './watchlist/watchlist-catalog.js';
export { readWatchlistFile } from './watchlist/read-watchlist-file.js';
export { AlertsProjection } from './projections/alerts/alerts.projection.js';
export {
  AlertCatalog,
  type AlertDetail,
  type AlertQuery,
  type AlertReport,
  type AlertSource,
  type AlertSummary,
} from './projections/alerts/alert-catalog.js';
export {
  SUBSCRIPTIONS_VIEW,
  SubscriptionsProjection,
} from './projections/subscriptions/subscriptions.projection.js';
export { ensureSubscriptionViewsSchema } from './projections/subscriptions/subscriptions-schema.js';
export {
  SubscriptionCatalog,
  type DeliveryRecord,
  type OwedDelivery,
  type SubscriptionRecord,
  type SubscriptionStatus,
} from './projections/subscriptions/subscription-catalog.js';
export { loadSubscription } from './projections/subscriptions/subscription-from-history.js';
export { OwedWorkProjection } from './projections/owed-work/owed-work.projection.js';
export { OwedWorkReader, type OwedMatch } from './projections/owed-work/owed-work.reader.js';
export { ensureOwedWorkViewsSchema } from './projections/owed-work/owed-work-schema.js';
export { untilCheckpointReaches } from './until-checkpoint-reaches.js';
