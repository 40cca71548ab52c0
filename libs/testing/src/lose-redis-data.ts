import { Redis } from 'ioredis';

/**
 * Deletes every key of one queue prefix: what a Redis restart without persistence, or a
 * failover to an empty replica, does to a Vigil deployment (jobs waiting, delayed and active,
 * schedulers, breaker state). Only the prefix, so test files sharing the machine's Redis go on
 * undisturbed. Resolves with the number of keys deleted.
 */
export async function loseRedisData(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
