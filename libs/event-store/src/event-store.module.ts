import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { VIGIL_CONFIG, type VigilConfig, redactUrlCredentials } from '@app/platform';
import type { EventStore } from './event-store.port.js';
import { embeddedStoreDir, eventStoreKind, openEventStore } from './open-event-store.js';

/** Nest token of the process's EventStore. */
export const EVENT_STORE = Symbol.for('vigil.event-store');

/**
 * Opens the configured store (migrating it) at boot and closes it last on shutdown, after
 * workers and queues, so nothing in flight loses its store.
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [VIGIL_CONFIG],
      useFactory: async (config: VigilConfig): Promise<EventStore> => {
        const store = await openEventStore(config);
        new Logger(EventStoreModule.name).log(
          eventStoreKind(config) === 'postgres'
            ? `event store: PostgreSQL at ${redactUrlCredentials(config.databaseUrl ?? '')}`
            : `event store: embedded PGlite in ${embeddedStoreDir(config.dataDir)}`,
        );
        return store;
      },
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  private readonly logger = new Logger(EventStoreModule.name);

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.log('event store closed');
  }
}
