import { Global, Module } from '@nestjs/common';
import { DATABASE, type Database } from '@app/event-store';
import { FeedCatalog } from './feed-catalog.js';
import { ensureFeedViewsSchema } from './feeds-schema.js';

/** The feed views for any process: the api reads them, the worker builds them. */
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
  ],
  exports: [FeedCatalog],
})
export class FeedViewsModule {}
