const HOUR = 3_600_000;

const JITTER = 0.2;
/** A receiver asking for more than a day is not waited for beyond it. */
const MAX_RETRY_AFTER_MS = 24 * HOUR;

/**
 * How long to wait before the next attempt, given how many have failed so far, or `null` when
 * none is left. Each delay is spread ±20% by `random` (in [0, 1)), so notifications that failed
 * together do not all come back at once; the last delay is only ever lengthened, which keeps
 * the whole schedule at 24 hours or more (SPEC §7) however the jitter falls. A `Retry-After`
 * longer than the delay wins, up to a day. `delaysMs` is the schedule, from the configuration
 * (`webhooks.retryDelaysSeconds`): the first attempt and one retry per delay.
 */
export function nextRetryDelayMs(
  failedAttempts: number,
  random: () => number,
  retryAfterMs: number | null,
  delaysMs: readonly number[],
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
