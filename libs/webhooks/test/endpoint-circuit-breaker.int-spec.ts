import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { testInfrastructure } from '@app/platform';
import { type BreakerVerdict, EndpointCircuitBreaker } from '../src/index.js';

const PREFIX = `test-breaker-${randomBytes(5).toString('hex')}`;
/*
 * Tests that wait out a cool-down use short ones; the rest use a long one, so that a loaded
 * machine taking a while between two Redis calls cannot end the opening under them.
 */
const COOL_DOWN_MS = 1_000;
const MAX_COOL_DOWN_MS = 2_500;
const OPTIONS = { failureThreshold: 3, coolDownMs: COOL_DOWN_MS, maxCoolDownMs: MAX_COOL_DOWN_MS };
const LONG_COOL_DOWN_MS = 10 * 60_000;
const LONG_OPTIONS = {
  ...OPTIONS,
  coolDownMs: LONG_COOL_DOWN_MS,
  maxCoolDownMs: LONG_COOL_DOWN_MS,
};

/** Two connections, as two worker processes would have. */
let redis: Redis;
let otherRedis: Redis;
let breaker: EndpointCircuitBreaker;
let otherWorker: EndpointCircuitBreaker;
let patient: EndpointCircuitBreaker;
let otherPatient: EndpointCircuitBreaker;
let testNumber = 0;
/** A fresh endpoint per test, so no test inherits another's failures. */
let url: string;

beforeAll(() => {
  const { redisUrl } = testInfrastructure();
  redis = new Redis(redisUrl);
  otherRedis = new Redis(redisUrl);
  breaker = new EndpointCircuitBreaker(redis, PREFIX, OPTIONS);
  otherWorker = new EndpointCircuitBreaker(otherRedis, PREFIX, OPTIONS);
  patient = new EndpointCircuitBreaker(redis, PREFIX, LONG_OPTIONS);
  otherPatient = new EndpointCircuitBreaker(otherRedis, PREFIX, LONG_OPTIONS);
});

beforeEach(() => {
  testNumber += 1;
  url = `https://hooks-${testNumber}.example.org/vigil?token=abc`;
});

afterEach(async () => {
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
});

afterAll(async () => {
  await Promise.all([redis.quit(), otherRedis.quit()]);
});

async function fail(times: number, on = breaker): Promise<void> {
  for (let failure = 0; failure < times; failure += 1) await on.recordFailure(url);
}

/** The verdict of an open breaker; fails the test if it is closed. */
async function expectOpen(on = breaker): Promise<number> {
  const verdict = await on.check(url);
  if (!verdict.open) throw new Error('expected the breaker to be open');
  return verdict.retryAtMs;
}

/** Waits until the cool-down the breaker announced is over, and no longer. */
async function waitUntil(atMs: number): Promise<void> {
  // A timer may fire a millisecond before the clock says it is due: wait on the clock.
  while (Date.now() < atMs) {
    await new Promise((resolve) => setTimeout(resolve, atMs - Date.now()));
  }
}

/** Fails the trial after the current cool-down, returning when the next one ends. */
async function failTrial(): Promise<{ retryAtMs: number; failedAt: number; recorded: number }> {
  await waitUntil(await expectOpen());
  expect(await breaker.check(url)).toEqual({ open: false, failing: true });
  const failedAt = Date.now();
  await breaker.recordFailure(url);
  const recorded = Date.now();
  return { retryAtMs: await expectOpen(), failedAt, recorded };
}

describe('EndpointCircuitBreaker', () => {
  it('lets deliveries through while failures stay below the threshold', async () => {
    expect(await breaker.check(url)).toEqual({ open: false, failing: false });
    await fail(2);
    expect(await breaker.check(url)).toEqual({ open: false, failing: true });
  });

  it('counts consecutive failures only: a success starts the count again', async () => {
    await fail(2);
    await breaker.recordSuccess(url);
    expect(await breaker.check(url)).toEqual({ open: false, failing: false });
    await fail(2);
    expect(await breaker.check(url)).toEqual({ open: false, failing: true });
  });

  it('opens after N failures, whichever workers saw them, for the cool-down', async () => {
    await fail(2, patient);
    const openedAt = Date.now();
    await fail(1, otherPatient);
    const opened = Date.now();
    const retryAtMs = await expectOpen(otherPatient);
    expect(retryAtMs).toBeGreaterThanOrEqual(openedAt + LONG_COOL_DOWN_MS);
    expect(retryAtMs).toBeLessThanOrEqual(opened + LONG_COOL_DOWN_MS);
    expect(await expectOpen(patient)).toBe(retryAtMs);
  });

  it('shares the breaker between URLs of one origin, and only those', async () => {
    await fail(3, patient);
    const sameOrigin = new URL('/other?token=xyz', url).href;
    expect((await patient.check(sameOrigin)).open).toBe(true);
    expect(await patient.check('https://elsewhere.example.org/vigil')).toEqual({
      open: false,
      failing: false,
    });
  });

  it('stays open for the whole cool-down, further failures not extending it', async () => {
    await fail(3, patient);
    const retryAtMs = await expectOpen(patient);
    await fail(5, patient);
    expect(await expectOpen(patient)).toBe(retryAtMs);
  });

  it('lets exactly one trial through when workers race after the cool-down', async () => {
    await fail(3);
    await waitUntil(await expectOpen());
    const verdicts: BreakerVerdict[] = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 ? breaker : otherWorker).check(url)),
    );
    expect(verdicts.filter((verdict) => !verdict.open)).toHaveLength(1);
  });

  it('closes when the trial succeeds, and opens next time with the first cool-down', async () => {
    await fail(3);
    await failTrial();
    await waitUntil(await expectOpen());
    expect(await breaker.check(url)).toEqual({ open: false, failing: true });
    await breaker.recordSuccess(url);
    expect(await breaker.check(url)).toEqual({ open: false, failing: false });
    await fail(2);
    expect(await breaker.check(url)).toEqual({ open: false, failing: true });
    const openedAt = Date.now();
    await fail(1);
    expect(await expectOpen()).toBeLessThanOrEqual(Date.now() + COOL_DOWN_MS);
    expect(await expectOpen()).toBeGreaterThanOrEqual(openedAt + COOL_DOWN_MS);
  });

  it('re-opens for twice as long when the trial fails, up to the longest cool-down', async () => {
    await fail(3);
    const second = await failTrial();
    expect(second.retryAtMs).toBeGreaterThanOrEqual(second.failedAt + 2 * COOL_DOWN_MS);
    expect(second.retryAtMs).toBeLessThanOrEqual(second.recorded + 2 * COOL_DOWN_MS);
    const third = await failTrial();
    expect(third.retryAtMs).toBeGreaterThanOrEqual(third.failedAt + MAX_COOL_DOWN_MS);
    expect(third.retryAtMs).toBeLessThanOrEqual(third.recorded + MAX_COOL_DOWN_MS);
  });

  it('keeps its keys only for a while, and never under the URL itself', async () => {
    await fail(1);
    const keys = await redis.keys(`${PREFIX}:*`);
    expect(keys).toEqual([expect.stringMatching(new RegExp(`^${PREFIX}:breaker:[0-9a-f]{64}$`))]);
    const ttl = await redis.pttl(keys[0] ?? '');
    expect(ttl).toBeGreaterThan(0);
  });
});
