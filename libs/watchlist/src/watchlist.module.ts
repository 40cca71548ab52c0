import { Global, Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { WatchlistRepository } from './watchlist.repository.js';

/** The watchlist in force for any process: the api reads and records it, the worker matches with it. */
@Global()
@Module({
  providers: [
    {
      provide: WatchlistRepository,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new WatchlistRepository(store),
    },
  ],
  exports: [WatchlistRepository],
})
export class WatchlistModule {}
