import { describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { freePort, testConfig } from '@app/testing';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

describe('RedisThrottlerStorage without Redis', () => {
  it('lets requests pass uncounted rather than failing them', async () => {
    // Nothing listens on that port, and no offline queue: every command fails at once.
    const unreachable = new Redis(await freePort(), '127.0.0.1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    const storage = new RedisThrottlerStorage(unreachable, testConfig());

    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expect(storage.increment('203.0.113.7', 60_000, 1, 60_000, 'writes')).resolves.toEqual({
        totalHits: 0,
        timeToExpire: 0,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
    }
    await expect(storage.blockedFor('203.0.113.7', 'writes')).resolves.toBe(0);
    unreachable.disconnect();
  });
});
