import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { freePort } from '@app/testing';
import { redisAnswers, startRedisServer } from '../src/redis-server.js';

describe('the private redis-server of a one-machine install', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-redis-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts on loopback with noeviction and its data under the given folder, then stops', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    expect(await redisAnswers(url)).toBe(false);

    const server = await startRedisServer({ port, dir: join(dir, 'redis') });
    try {
      expect(await redisAnswers(url)).toBe(true);
      const redis = new Redis(url);
      try {
        expect(await redis.config('GET', 'maxmemory-policy')).toEqual([
          'maxmemory-policy',
          'noeviction',
        ]);
        expect(await redis.config('GET', 'dir')).toEqual(['dir', join(dir, 'redis')]);
        expect(await redis.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
      } finally {
        redis.disconnect();
      }
    } finally {
      await server.stop();
    }

    expect(await redisAnswers(url)).toBe(false);
  });
});
