export type { EventConsumer } from './event-consumer.js';
export {
  ConsumerRunner,
  type ConsumerFailureListener,
  type ConsumerRunnerOptions,
  type RunnerLease,
} from './consumer-runner.js';
export { consumerLag, type ConsumerLag } from './consumer-lag.js';
export { AsEventConsumer } from './event-consumer.decorator.js';
export { FeedsProjection } from './projections/feeds/feeds.projection.js';
export { FeedsReader } from './projections/feeds/feeds.reader.js';
export { ensureFeedViewsSchema } from './projections/feeds/feeds-schema.js';
export type { FeedHealth, FeedView } from './projections/feeds/feed-view.js';
export { ViewsModule } from './views.module.js';
export { AlertsProjection } from './projections/alerts/alerts.projection.js';
export {
  AlertsReader,
  type AlertDetail,
  type AlertQuery,
  type AlertReport,
  type AlertSource,
  type AlertSummary,
} from './projections/alerts/alerts.reader.js';
export {
  SUBSCRIPTIONS_VIEW,
  SubscriptionsProjection,
} from './projections/subscriptions/subscriptions.projection.js';
export { ensureSubscriptionViewsSchema } from './projections/subscriptions/subscriptions-schema.js';
export {
  SubscriptionsReader,
  type DeliveryRecord,
  type DeliveryTrouble,
  type DigestSubscription,
  type OwedDelivery,
} from './projections/subscriptions/subscriptions.reader.js';
export { OwedWorkProjection } from './projections/owed-work/owed-work.projection.js';
export { OwedWorkReader, type OwedMatch } from './projections/owed-work/owed-work.reader.js';
export { ensureOwedWorkViewsSchema } from './projections/owed-work/owed-work-schema.js';
export { untilCheckpointReaches } from './until-checkpoint-reaches.js';
export { MetricsProjection } from './projections/metrics/metrics.projection.js';
export { MetricsReader, type StoredSeries } from './projections/metrics/metrics.reader.js';
export { ensureMetricsViewsSchema } from './projections/metrics/metrics-schema.js';
export { STORED_METRICS, type StoredMetric } from './projections/metrics/stored-metrics.js';
export { REBUILDABLE_VIEWS, type RebuildableView } from './rebuild/rebuildable-views.js';
export {
  ViewRebuilds,
  type ClaimedViewRebuild,
  type ViewRebuild,
  type ViewRebuildState,
} from './rebuild/view-rebuilds.js';
export { ViewRebuildInProgressError } from './rebuild/view-rebuild-in-progress.error.js';
export { ViewRebuilder } from './rebuild/view-rebuilder.js';
export { ensureViewRebuildsSchema } from './rebuild/view-rebuilds-schema.js';
export { LeasedConsumers, type LeaseListeners, type LeaseOptions } from './leased-consumers.js';
