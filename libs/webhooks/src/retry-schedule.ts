const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The wait after each failed attempt (SPEC §7): about 28 hours in all. */
const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  MINUTE,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];

/** The first attempt and one retry per delay; after the last failure, the dead letter. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

const JITTER = 0.2;
/** A receiver asking for more than a day is not waited for beyond it. */
const MAX_RETRY_AFTER_MS = 24 * HOUR;

/**
 * How long to wait before the next attempt, given how many have failed so far, or `null` when
 * none is left. Each delay is spread ±20% by `random` (in [0, 1)), so notifications that failed
 * together do not all come back at once; the last delay is only ever lengthened, which keeps
 * the whole schedule at 24 hours or more (SPEC §7) however the jitter falls. A `Retry-After`
 * longer than the delay wins, up to a day. `delaysMs` replaces the schedule (configuration,
 * tests).
 */
export function nextRetryDelayMs(
  failedAttempts: number,
  random: () => number,
  retryAfterMs: number | null = null,
  delaysMs: readonly number[] = RETRY_DELAYS_MS,
): number | null {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) {
    throw new RangeError(`failedAttempts must be a positive integer, got ${failedAttempts}`);
  }
  const delay = delaysMs[failedAttempts - 1];
  if (delay === undefined) return null;
  const lowest = failedAttempts === delaysMs.length ? 1 : 1 - JITTER;
  const jittered = Math.round(delay * (lowest + (1 + JITTER - lowest) * random()));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}
