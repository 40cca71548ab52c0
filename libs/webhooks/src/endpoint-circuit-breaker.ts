import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type BreakerVerdict =
  /** `failing`: failures are on record, which a success must clear. */
  | { readonly open: false; readonly failing: boolean }
  | { readonly open: true; readonly retryAtMs: number };

export interface EndpointCircuitBreakerOptions {
  /** Consecutive failures that open the breaker. Default 5. */
  readonly failureThreshold?: number;
  /** The first cool-down, doubled on each re-open. Default 30 s. */
  readonly coolDownMs?: number;
  /** Default 10 min. */
  readonly maxCoolDownMs?: number;
  /**
   * How long the one trial let through after a cool-down holds the endpoint before another may
   * try, should its worker die without reporting. Longer than a delivery can take. Default 60 s.
   */
  readonly trialTimeoutMs?: number;
}

const DEFAULT_FAILURE_THRESHOLD = 5;
const DEFAULT_COOL_DOWN_MS = 30_000;
const DEFAULT_MAX_COOL_DOWN_MS = 10 * 60_000;
const DEFAULT_TRIAL_TIMEOUT_MS = 60_000;
/** How long a run of failures is remembered with no new attempt to the endpoint. */
const IDLE_MEMORY_MS = 60 * 60_000;

/*
 * One hash per endpoint: `failures` (consecutive, while closed), `openUntil` (set while open or
 * half-open), `coolDown` (the cool-down of the current opening, doubled on a re-open) and
 * `trialUntil` (set while the half-open trial is out). Times come from Redis's clock, the one
 * clock every worker shares. Each script is one atomic step, so racing workers never both get
 * the trial nor both open the breaker.
 */
const REDIS_NOW_MS = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
`;

/**
 * KEYS: the breaker. ARGV: trial timeout, key lifetime. Returns 0 to go with nothing on record,
 * 1 to go with failures on record (or as the trial), else when to retry.
 */
const CHECK = `${REDIS_NOW_MS}
local state = redis.call('HMGET', KEYS[1], 'openUntil', 'trialUntil')
local openUntil, trialUntil = tonumber(state[1]), tonumber(state[2])
if not openUntil then return redis.call('EXISTS', KEYS[1]) end
if now < openUntil then return openUntil end
if trialUntil and now < trialUntil then return trialUntil end
redis.call('HSET', KEYS[1], 'trialUntil', now + tonumber(ARGV[1]))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** KEYS: the breaker. ARGV: threshold, first cool-down, longest cool-down, key lifetime. */
const RECORD_FAILURE = `${REDIS_NOW_MS}
local state = redis.call('HMGET', KEYS[1], 'openUntil', 'trialUntil', 'coolDown')
local openUntil, trialUntil, coolDown = tonumber(state[1]), tonumber(state[2]), tonumber(state[3])
if trialUntil then
  coolDown = math.min(coolDown * 2, tonumber(ARGV[3]))
  redis.call('HSET', KEYS[1], 'openUntil', now + coolDown, 'coolDown', coolDown)
  redis.call('HDEL', KEYS[1], 'trialUntil')
elseif not openUntil then
  if redis.call('HINCRBY', KEYS[1], 'failures', 1) >= tonumber(ARGV[1]) then
    redis.call('HSET', KEYS[1], 'openUntil', now + tonumber(ARGV[2]), 'coolDown', ARGV[2])
  end
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 0
`;

/**
 * A circuit breaker per endpoint origin, shared through Redis by every worker process. After
 * `failureThreshold` consecutive failures the endpoint is open: `check` answers at once with
 * when to come back, so a delivery to a dead endpoint is deferred without taking a worker slot
 * or waiting out a timeout, and other endpoints are never held up behind it. After the
 * cool-down one delivery is let through as a trial; its success closes the breaker, its failure
 * re-opens it for twice as long. Which outcomes count as the endpoint failing is the caller's
 * choice. Failures of deliveries that were already in flight when it opened do not extend it.
 */
export class EndpointCircuitBreaker {
  private readonly failureThreshold: number;
  private readonly coolDownMs: number;
  private readonly maxCoolDownMs: number;
  private readonly trialTimeoutMs: number;
  /** Outlives the longest opening and trial, so a key only expires once it says nothing. */
  private readonly keyLifetimeMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    options: EndpointCircuitBreakerOptions = {},
  ) {
    this.failureThreshold = options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
    this.coolDownMs = options.coolDownMs ?? DEFAULT_COOL_DOWN_MS;
    this.maxCoolDownMs = options.maxCoolDownMs ?? DEFAULT_MAX_COOL_DOWN_MS;
    this.trialTimeoutMs = options.trialTimeoutMs ?? DEFAULT_TRIAL_TIMEOUT_MS;
    this.keyLifetimeMs = this.maxCoolDownMs + this.trialTimeoutMs + IDLE_MEMORY_MS;
  }

  /** Whether a delivery to `url` may go now; when open, the earliest time worth trying again. */
  async check(url: string): Promise<BreakerVerdict> {
    // EVAL, not EVALSHA: the script is short, Redis caches it compiled, and there is no
    // NOSCRIPT to recover from after Redis restarts.
    const answer = Number(
      await this.redis.eval(CHECK, 1, this.key(url), this.trialTimeoutMs, this.keyLifetimeMs),
    );
    return answer <= 1 ? { open: false, failing: answer === 1 } : { open: true, retryAtMs: answer };
  }

  /**
   * The endpoint answered: close the breaker and forget its failures and cool-down. Needed only
   * when `check` said failures were on record.
   */
  async recordSuccess(url: string): Promise<void> {
    await this.redis.del(this.key(url));
  }

  async recordFailure(url: string): Promise<void> {
    await this.redis.eval(
      RECORD_FAILURE,
      1,
      this.key(url),
      this.failureThreshold,
      this.coolDownMs,
      this.maxCoolDownMs,
      this.keyLifetimeMs,
    );
  }

  /**
   * One breaker per origin: endpoints on one host share its fate. Hashed, so a subscriber's URL
   * never appears in Redis; a URL that does not parse is its own endpoint.
   */
  private key(url: string): string {
    const origin = URL.parse(url)?.origin ?? url;
    return `${this.keyPrefix}:breaker:${createHash('sha256').update(origin).digest('hex')}`;
  }
}
