import { type BeforeApplicationShutdown, Global, Inject, Logger, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { connectRedis, createRedisConnection, REDIS } from './redis-connection.js';

/**
 * The process's Redis connection. Closed in the second shutdown phase: after workers stop
 * (onModuleDestroy) and before the event store closes (onApplicationShutdown).
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [VIGIL_CONFIG],
      useFactory: async (config: VigilConfig): Promise<Redis> => {
        const redis = createRedisConnection(config.redisUrl);
        await connectRedis(redis, config.redisUrl);
        await warnUnlessNoEviction(redis);
        return redis;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RedisModule.name);

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
    this.logger.log('redis connection closed');
  }
}

/** BullMQ loses jobs when Redis evicts keys; managed Redis may refuse CONFIG, which is fine. */
async function warnUnlessNoEviction(redis: Redis): Promise<void> {
  const reply = (await redis.config('GET', 'maxmemory-policy').catch(() => [])) as string[];
  const policy = reply[1];
  if (policy !== undefined && policy !== 'noeviction') {
    new Logger(RedisModule.name).warn(
      `Redis maxmemory-policy is "${policy}": set it to "noeviction" or queued jobs may be lost`,
    );
  }
}
