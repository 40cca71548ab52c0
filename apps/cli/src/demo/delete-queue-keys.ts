import { Redis } from 'ioredis';

/**
 * Deletes every Redis key under `prefix:` once nothing uses them any more (the demo's own
 * QUEUE_PREFIX, after Vigil closed), so a demo run leaves nothing in a Redis it shares.
 * Resolves with the number of keys deleted.
 */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
  try {
    await redis.connect();
    let deleted = 0;
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1_000 })) {
      const batch = keys as string[];
      if (batch.length > 0) deleted += await redis.unlink(...batch);
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}
