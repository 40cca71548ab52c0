import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { VIGIL_CONFIG, type VigilConfig, redactUrlCredentials } from '@app/platform';
import type { EventStore } from './event-store.port.js';
import type { Database } from './database.port.js';
import { embeddedStoreDir, eventStoreKind, openDatabase } from './open-event-store.js';
import { SqlEventStore } from './sql-event-store.js';

/** Nest token of the process's EventStore. */
export const EVENT_STORE = Symbol.for('vigil.event-store');
/** Nest token of the store's Database, for projections that keep their views beside the log. */
export const DATABASE = Symbol.for('vigil.database');

/**
 * Opens the configured store (migrating it) at boot and closes it last on shutdown, after
 * workers and queues, so nothing in flight loses its store.
 */
@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [VIGIL_CONFIG],
      useFactory: (config: VigilConfig): Promise<Database> => openDatabase(config),
    },
    {
      provide: EVENT_STORE,
      inject: [VIGIL_CONFIG, DATABASE],
      useFactory: async (config: VigilConfig, database: Database): Promise<EventStore> => {
        const store = await SqlEventStore.open(database);
        new Logger(EventStoreModule.name).log(
          eventStoreKind(config) === 'postgres'
            ? `event store: PostgreSQL at ${redactUrlCredentials(config.databaseUrl ?? '')}`
            : `event store: embedded PGlite in ${embeddedStoreDir(config.dataDir)}`,
        );
        return store;
      },
    },
  ],
  exports: [EVENT_STORE, DATABASE],
})
export class EventStoreModule implements OnApplicationShutdown {
  private readonly logger = new Logger(EventStoreModule.name);

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.log('event store closed');
  }
}
