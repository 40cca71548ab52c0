import type { Database } from '@app/event-store';
import type { EventConsumer } from '../event-consumer.js';
import { AlertsProjection } from '../projections/alerts/alerts.projection.js';
import { ensureAlertViewsSchema } from '../projections/alerts/alerts-schema.js';
import { FeedsProjection } from '../projections/feeds/feeds.projection.js';
import { ensureFeedViewsSchema } from '../projections/feeds/feeds-schema.js';
import { OwedWorkProjection } from '../projections/owed-work/owed-work.projection.js';
import { ensureOwedWorkViewsSchema } from '../projections/owed-work/owed-work-schema.js';
import { SubscriptionsProjection } from '../projections/subscriptions/subscriptions.projection.js';
import { ensureSubscriptionViewsSchema } from '../projections/subscriptions/subscriptions-schema.js';

/** A view that can be built again from the log alone, beside the one in use. */
export interface RebuildableView {
  /** The projection's checkpoint name. */
  readonly name: string;
  /**
   * The tables its projection writes, in the order a projection's transaction takes them: the
   * swap locks them in this order, so it never deadlocks with a live write.
   */
  readonly tables: readonly string[];
  ensureSchema(database: Database): Promise<void>;
  projection(database: Database): EventConsumer;
}

/**
 * Every projection. Reactors are not here: built again, they would queue all past work again.
 * The feeds view's health table is left out: the poller writes it, the log does not hold it.
 */
const VIEWS: readonly RebuildableView[] = [
  {
    name: 'feeds-view',
    tables: ['vigil_view_feeds'],
    ensureSchema: ensureFeedViewsSchema,
    projection: (database) => new FeedsProjection(database),
  },
  {
    name: 'alerts-view',
    tables: ['vigil_view_alert_reports', 'vigil_view_alerts'],
    ensureSchema: ensureAlertViewsSchema,
    projection: (database) => new AlertsProjection(database),
  },
  {
    name: 'subscriptions-view',
    tables: ['vigil_view_subscriptions', 'vigil_view_notifications', 'vigil_view_deliveries'],
    ensureSchema: ensureSubscriptionViewsSchema,
    projection: (database) => new SubscriptionsProjection(database),
  },
  {
    name: 'owed-work-view',
    tables: ['vigil_view_owed_backfills', 'vigil_view_owed_replays', 'vigil_view_owed_matches'],
    ensureSchema: ensureOwedWorkViewsSchema,
    projection: (database) => new OwedWorkProjection(database),
  },
];

export const REBUILDABLE_VIEWS: ReadonlyMap<string, RebuildableView> = new Map(
  VIEWS.map((view) => [view.name, view]),
);
