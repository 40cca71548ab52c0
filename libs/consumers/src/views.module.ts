import { Global, Module } from '@nestjs/common';
import { DATABASE, type Database, EVENT_STORE, type EventStore } from '@app/event-store';
import { WatchlistCatalog } from './watchlist/watchlist-catalog.js';
import { FeedCatalog } from './projections/feeds/feed-catalog.js';
import { ensureFeedViewsSchema } from './projections/feeds/feeds-schema.js';
import { AlertCatalog } from './projections/alerts/alert-catalog.js';
import { ensureAlertViewsSchema } from './projections/alerts/alerts-schema.js';
import { SubscriptionCatalog } from './projections/subscriptions/subscription-catalog.js';
import { ensureSubscriptionViewsSchema } from './projections/subscriptions/subscriptions-schema.js';
import { OwedWorkReader } from './projections/owed-work/owed-work.reader.js';
import { ensureOwedWorkViewsSchema } from './projections/owed-work/owed-work-schema.js';

/** The feed, alert and subscription views and the watchlist for any process: the api reads them, the worker builds them. */
@Global()
@Module({
  providers: [
    {
      provide: FeedCatalog,
      inject: [DATABASE],
      useFactory: async (database: Database) => {
        await ensureFeedViewsSchema(database);
        return new FeedCatalog(database);
      },
    },
    {
      provide: AlertCatalog,
      inject: [DATABASE, FeedCatalog],
      useFactory: async (database: Database) => {
        // After the feed views (FeedCatalog is injected for that order): alerts join them.
        await ensureAlertViewsSchema(database);
        return new AlertCatalog(database);
      },
    },
    {
      provide: SubscriptionCatalog,
      inject: [DATABASE],
      useFactory: async (database: Database) => {
        await ensureSubscriptionViewsSchema(database);
        return new SubscriptionCatalog(database);
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
      provide: WatchlistCatalog,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new WatchlistCatalog(store),
    },
  ],
  exports: [FeedCatalog, AlertCatalog, SubscriptionCatalog, WatchlistCatalog, OwedWorkReader],
})
export class ViewsModule {}
