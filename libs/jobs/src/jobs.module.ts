import { type BeforeApplicationShutdown, Global, Inject, Module } from '@nestjs/common';
import { Redis } from 'ioredis';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { JobQueues } from './job-queues.js';
import { REDIS } from './redis-connection.js';

/** Nest token of the Redis connection the queues share (BullMQ needs maxRetriesPerRequest null). */
export const QUEUE_CONNECTION = Symbol.for('vigil.queue-connection');

/**
 * Queues for producers in any process. Closed in the second shutdown phase, after the workers
 * (first phase) and before the event store (last).
 */
@Global()
@Module({
  providers: [
    {
      provide: QUEUE_CONNECTION,
      // After REDIS, which connects and pings first: a Redis that does not answer then fails
      // the boot once, in one line, before the queues connect and print their own errors.
      inject: [VIGIL_CONFIG, REDIS],
      useFactory: (config: VigilConfig) =>
        new Redis(config.redisUrl, { maxRetriesPerRequest: null }),
    },
    {
      provide: JobQueues,
      inject: [QUEUE_CONNECTION, VIGIL_CONFIG],
      useFactory: (connection: Redis, config: VigilConfig) =>
        new JobQueues(connection, config.queuePrefix),
    },
  ],
  exports: [JobQueues, QUEUE_CONNECTION],
})
export class JobsModule implements BeforeApplicationShutdown {
  constructor(
    private readonly queues: JobQueues,
    @Inject(QUEUE_CONNECTION) private readonly connection: Redis,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.queues.close();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
