import { Global, Module } from '@nestjs/common';
import { DATABASE, type Database } from '@app/event-store';
import { FeedsReader } from './projections/feeds/feeds.reader.js';
import { ensureFeedViewsSchema } from './projections/feeds/feeds-schema.js';
import { AlertsReader } from './projections/alerts/alerts.reader.js';
import { ensureAlertViewsSchema } from './projections/alerts/alerts-schema.js';
import { SubscriptionsReader } from './projections/subscriptions/subscriptions.reader.js';
import { ensureSubscriptionViewsSchema } from './projections/subscriptions/subscriptions-schema.js';
import { OwedWorkReader } from './projections/owed-work/owed-work.reader.js';
import { ensureOwedWorkViewsSchema } from './projections/owed-work/owed-work-schema.js';
import { MetricsReader } from './projections/metrics/metrics.reader.js';
import { ensureMetricsViewsSchema } from './projections/metrics/metrics-schema.js';
import { ViewRebuilds } from './rebuild/view-rebuilds.js';
import { ensureViewRebuildsSchema } from './rebuild/view-rebuilds-schema.js';

/**
 * The readers of the views (feeds, alerts, subscriptions, owed work) and the table of their
 * rebuilds, for any process, each after its schema is in place: the api reads them, the worker builds them.
 */
@Global()
@Module({
  providers: [
    {
      provide: FeedsReader,
      inject: [DATABASE],
      useFactory: async (database: Database) => {
        await ensureFeedViewsSchema(database);
        return new FeedsReader(database);
      },
    },
    {
      provide: AlertsReader,
      inject: [DATABASE, FeedsReader],
      useFactory: async (database: Database) => {
        // After the feed views (FeedsReader is injected for that order): alerts join them.
        await ensureAlertViewsSchema(database);
        return new AlertsReader(database);
      },
    },
    {
      provide: SubscriptionsReader,
      inject: [DATABASE],
      useFactory: async (database: Database) => {
        await ensureSubscriptionViewsSchema(database);
        return new SubscriptionsReader(database);
      },
    },
    {
      provide: OwedWorkReader,
      inject: [DATABASE],
      useFactory: async (database: Database) => {
        await ensureOwedWorkViewsSchema(database);
        return new OwedWorkReader(database);
      },
    },
    {
      provide: MetricsReader,
      inject: [DATABASE],
      useFactory: async (database: Database) => {
        await ensureMetricsViewsSchema(database);
        return new MetricsReader(database);
      },
    },
    {
      provide: ViewRebuilds,
      inject: [DATABASE],
      useFactory: async (database: Database) => {
        await ensureViewRebuildsSchema(database);
        return new ViewRebuilds(database);
      },
    },
  ],
  exports: [
    FeedsReader,
    AlertsReader,
    SubscriptionsReader,
    OwedWorkReader,
    MetricsReader,
    ViewRebuilds,
  ],
})
export class ViewsModule {}
