import { describe, expect, it } from '@jest/globals';
import { nextRetryDelayMs } from './retry-schedule.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const SCHEDULE = [
  5 * SECOND,
  MINUTE,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];
/** The first attempt and one retry per delay. */
const MAX_ATTEMPTS = SCHEDULE.length + 1;
const lowest = () => 0;
const highest = () => 1;
const middle = () => 0.5;

/** Every delay of a notification that never gets through, under one source of randomness. */
function wholeSchedule(random: () => number): number[] {
  const delays: number[] = [];
  for (let failed = 1; ; failed += 1) {
    const delay = nextRetryDelayMs(failed, random, null, SCHEDULE);
    if (delay === null) return delays;
    delays.push(delay);
  }
}

describe('nextRetryDelayMs', () => {
  it('allows nine attempts: the first and eight retries', () => {
    expect(MAX_ATTEMPTS).toBe(9);
    expect(wholeSchedule(middle)).toHaveLength(MAX_ATTEMPTS - 1);
  });

  it('follows the SPEC schedule when the jitter falls in the middle', () => {
    expect(wholeSchedule(middle).slice(0, -1)).toEqual(SCHEDULE.slice(0, -1));
  });

  it.each(SCHEDULE.slice(0, -1).map((delay, index) => [index + 1, delay] as const))(
    'after %i failed attempts waits 80% to 120% of %i ms',
    (failed, delay) => {
      expect(nextRetryDelayMs(failed, lowest, null, SCHEDULE)).toBe(delay * 0.8);
      expect(nextRetryDelayMs(failed, highest, null, SCHEDULE)).toBe(delay * 1.2);
    },
  );

  it('never shortens the last delay, so every schedule lasts at least 24 hours', () => {
    expect(nextRetryDelayMs(8, lowest, null, SCHEDULE)).toBe(10 * HOUR);
    expect(nextRetryDelayMs(8, highest, null, SCHEDULE)).toBe(12 * HOUR);
    const shortest = wholeSchedule(lowest).reduce((sum, delay) => sum + delay, 0);
    const longest = wholeSchedule(highest).reduce((sum, delay) => sum + delay, 0);
    expect(shortest).toBeGreaterThanOrEqual(24 * HOUR);
    expect(longest).toBeLessThan(34 * HOUR);
  });

  it('gives null once the last attempt has failed', () => {
    expect(nextRetryDelayMs(MAX_ATTEMPTS, middle, null, SCHEDULE)).toBeNull();
    expect(nextRetryDelayMs(MAX_ATTEMPTS + 1, middle, null, SCHEDULE)).toBeNull();
  });

  it('waits for a Retry-After longer than the scheduled delay', () => {
    expect(nextRetryDelayMs(1, highest, 2 * MINUTE, SCHEDULE)).toBe(2 * MINUTE);
  });

  it('keeps the scheduled delay when Retry-After asks for less', () => {
    expect(nextRetryDelayMs(3, middle, 10 * SECOND, SCHEDULE)).toBe(5 * MINUTE);
  });

  it('waits no more than a day, whatever Retry-After asks', () => {
    expect(nextRetryDelayMs(1, middle, 7 * 24 * HOUR, SCHEDULE)).toBe(24 * HOUR);
  });

  it('gives null after the last attempt even when Retry-After asks for another', () => {
    expect(nextRetryDelayMs(MAX_ATTEMPTS, middle, MINUTE, SCHEDULE)).toBeNull();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p failed attempts', (failed) => {
    expect(() => nextRetryDelayMs(failed, middle, null, SCHEDULE)).toThrow(RangeError);
  });

  it('follows a configured schedule instead, dead-lettering after its last delay', () => {
    const schedule = [100, 200];
    expect(nextRetryDelayMs(1, middle, null, schedule)).toBe(100);
    expect(nextRetryDelayMs(2, middle, null, schedule)).toBeGreaterThanOrEqual(200);
    expect(nextRetryDelayMs(3, middle, null, schedule)).toBeNull();
  });
});
