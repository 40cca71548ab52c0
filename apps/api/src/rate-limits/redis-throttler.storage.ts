import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { REDIS } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig, withTimeout } from '@app/platform';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One hit in a fixed window (KEYS[1] counts it, expiring with the window). The hit past the
 * limit blocks the address (KEYS[2]) and ends the window, so the budget is whole again once the
 * block is over. While blocked nothing is counted. Replies: hits, ms left in the window, 1 when
 * blocked, ms left of the block.
 */
const HIT = `
local blockedFor = redis.call('PTTL', KEYS[2])
if blockedFor > 0 then
  return { tonumber(ARGV[2]) + 1, blockedFor, 1, blockedFor }
end
local hits = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local windowLeft = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return { hits, windowLeft, 1, tonumber(ARGV[3]) }
end
return { hits, windowLeft, 0, 0 }
`;

/**
 * How long a request waits for its count: a Redis that hangs (ioredis queues commands until it
 * reconnects) would otherwise hold every admin request and every public write with it.
 */
const ANSWER_TIMEOUT_MS = 1_000;

const NOT_COUNTED: ThrottlerStorageRecord = {
  totalHits: 0,
  timeToExpire: 0,
  isBlocked: false,
  timeToBlockExpire: 0,
};

/**
 * @nestjs/throttler's storage in the Redis every api process shares, so a client address has
 * one budget however many processes answer it (SPEC §9). Keys live under the deployment's
 * QUEUE_PREFIX and expire with their window. @nest-lab/throttler-storage-redis does the same
 * but does not accept Nest 12 (its peer range stops at 11).
 *
 * When Redis does not answer, requests pass uncounted: limits protect the service, and a
 * Redis outage must not take the public API down with it. The outage is logged once.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private unavailable = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  /** Times in the record are whole seconds, as @nestjs/throttler's own storage gives them. */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const reply = await this.answered(
      () =>
        this.redis.eval(
          HIT,
          2,
          this.key(throttlerName, key, 'hits'),
          this.key(throttlerName, key, 'blocked'),
          Math.max(1, Math.ceil(ttl)),
          limit,
          Math.max(1, Math.ceil(blockDuration)),
        ) as Promise<[number, number, number, number]>,
    );
    if (reply === undefined) return NOT_COUNTED;
    const [totalHits, windowLeftMs, blocked, blockLeftMs] = reply;
    return {
      totalHits,
      timeToExpire: seconds(windowLeftMs),
      isBlocked: blocked === 1,
      timeToBlockExpire: seconds(blockLeftMs),
    };
  }

  /** Seconds until `key` may try again under `throttlerName`, or 0 when it is not blocked. */
  async blockedFor(key: string, throttlerName: string): Promise<number> {
    const left = await this.answered(() =>
      this.redis.pttl(this.key(throttlerName, key, 'blocked')),
    );
    return left === undefined ? 0 : seconds(left);
  }

  private key(throttlerName: string, key: string, part: 'hits' | 'blocked'): string {
    return `${this.config.queuePrefix}:rate-limits:${throttlerName}:${key}:${part}`;
  }

  private async answered<T>(command: () => Promise<T>): Promise<T | undefined> {
    try {
      const reply = await withTimeout(command(), ANSWER_TIMEOUT_MS);
      if (this.unavailable) this.logger.log('rate limits counted again: Redis answers');
      this.unavailable = false;
      return reply;
    } catch (error) {
      if (!this.unavailable) {
        this.logger.warn(
          `rate limits not applied while Redis does not answer: ${(error as Error).message}`,
        );
      }
      this.unavailable = true;
      return undefined;
    }
  }
}

/** Whole seconds, at least 1 for any time left: `Retry-After: 0` would invite an instant retry. */
function seconds(milliseconds: number): number {
  return milliseconds > 0 ? Math.ceil(milliseconds / 1000) : 0;
}
