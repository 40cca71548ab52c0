import { describe, expect, it } from '@jest/globals';
import { averageItemsPerDay, nextPollInterval, type PollIntervalInput } from './poll-interval.js';

const bounds = { minIntervalSeconds: 300, maxIntervalSeconds: 7_200, maxBackoffSeconds: 86_400 };
const healthy = (overrides: Partial<Extract<PollIntervalInput, { ok: true }>> = {}) =>
  nextPollInterval({
    ok: true,
    fixedIntervalSeconds: null,
    itemsPerDay: null,
    bounds,
    random: 0.5,
    cacheLifetimeSeconds: null,
    ttlMinutes: null,
    ...overrides,
  });
const failing = (overrides: Partial<Extract<PollIntervalInput, { ok: false }>> = {}) =>
  nextPollInterval({
    ok: false,
    fixedIntervalSeconds: null,
    itemsPerDay: 96,
    bounds,
    random: 0.5,
    failuresInRow: 1,
    retryAfterSeconds: null,
    ...overrides,
  });

describe('nextPollInterval', () => {
  it('polls a feed of unknown rate at the slowest bound', () => {
    expect(healthy()).toBe(7_200);
  });

  it('follows the publishing rate within the bounds', () => {
    expect(healthy({ itemsPerDay: 24 })).toBe(900);
    expect(healthy({ itemsPerDay: 2_000 })).toBe(300);
    expect(healthy({ itemsPerDay: 0.5 })).toBe(7_200);
  });

  it("uses the feed's own interval, still within the bounds", () => {
    expect(healthy({ fixedIntervalSeconds: 600, itemsPerDay: 2_000 })).toBe(600);
    expect(healthy({ fixedIntervalSeconds: 60 })).toBe(300);
  });

  it('stretches to honour max-age and <ttl>, never past the slowest bound', () => {
    expect(healthy({ itemsPerDay: 2_000, cacheLifetimeSeconds: 1_800 })).toBe(1_800);
    expect(healthy({ itemsPerDay: 2_000, ttlMinutes: 60 })).toBe(3_600);
    expect(healthy({ itemsPerDay: 2_000, cacheLifetimeSeconds: 999_999 })).toBe(7_200);
  });

  it('backs off exponentially while failing, up to the ceiling', () => {
    // 96 items a day: a normal interval of 225 s, raised to the 300 s floor.
    expect([1, 2, 3, 4].map((failuresInRow) => failing({ failuresInRow }))).toEqual([
      300, 600, 1_200, 2_400,
    ]);
    expect(failing({ failuresInRow: 40 })).toBe(86_400);
  });

  it('spreads retries with ±20% jitter', () => {
    expect(failing({ failuresInRow: 3, random: 0 })).toBe(960);
    expect(failing({ failuresInRow: 3, random: 0.999_999 })).toBe(1_440);
  });

  it('waits at least as long as Retry-After asks, up to the ceiling', () => {
    expect(failing({ retryAfterSeconds: 3_600 })).toBe(3_600);
    expect(failing({ retryAfterSeconds: 10 * 86_400 })).toBe(86_400);
  });
});

describe('averageItemsPerDay', () => {
  const now = new Date('2026-11-22T12:00:00Z');

  it('is unknown before the first poll', () => {
    expect(averageItemsPerDay(0, null, now)).toBeNull();
  });

  it('averages over the days since the first poll', () => {
    expect(averageItemsPerDay(30, '2026-11-19T12:00:00Z', now)).toBe(10);
  });

  it('counts a first day as a whole day, so a backlog is not a burst', () => {
    expect(averageItemsPerDay(50, '2026-11-22T11:00:00Z', now)).toBe(50);
  });
});
