import { Global, Module } from '@nestjs/common';
import { DATABASE, type Database } from '@app/event-store';
import { SubscriptionKeyStore } from './subscription-key-store.js';

/** The key store for any process: the api seals and shreds, the worker unseals to deliver. */
@Global()
@Module({
  providers: [
    {
      provide: SubscriptionKeyStore,
      inject: [DATABASE],
      useFactory: async (database: Database) => {
        const keys = new SubscriptionKeyStore(database);
        await keys.ensureSchema();
        return keys;
      },
    },
  ],
  exports: [SubscriptionKeyStore],
})
export class SubscriptionsModule {}
