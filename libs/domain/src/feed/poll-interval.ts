export interface PollIntervalBounds {
  readonly minIntervalSeconds: number;
  readonly maxIntervalSeconds: number;
  readonly maxBackoffSeconds: number;
}

export type PollIntervalInput = {
  /** The feed's own setting; null lets the observed publishing rate decide. */
  readonly fixedIntervalSeconds: number | null;
  /** New items per day observed so far; null before anything is known. */
  readonly itemsPerDay: number | null;
  readonly bounds: PollIntervalBounds;
  /** A number in [0, 1): jitter comes in on the input, so the policy stays pure. */
  readonly random: number;
} & (
  | {
      readonly ok: true;
      /** From Cache-Control max-age or Expires. */
      readonly cacheLifetimeSeconds: number | null;
      /** RSS <ttl>. */
      readonly ttlMinutes: number | null;
    }
  | {
      readonly ok: false;
      /** Failures in a row, this one included. */
      readonly failuresInRow: number;
      /** From Retry-After on a 429 or 503. */
      readonly retryAfterSeconds: number | null;
    }
);

/** Polls per expected new item: a feed that publishes hourly is read every 15 minutes. */
const POLLS_PER_ITEM = 4;
const JITTER = 0.2;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * Seconds until a feed's next poll. Healthy: its own interval, else one that follows its
 * publishing rate, stretched by cache hints (max-age, Expires, <ttl>), all within the bounds.
 * Failing: exponential back-off from that interval with ±20% jitter (so failing feeds do not
 * retry in lockstep), at least any Retry-After, at most maxBackoffSeconds. One success returns
 * the feed to its normal interval.
 */
export function nextPollInterval(input: PollIntervalInput): number {
  const { bounds } = input;
  const adaptive =
    input.itemsPerDay && input.itemsPerDay > 0
      ? 86_400 / (input.itemsPerDay * POLLS_PER_ITEM)
      : bounds.maxIntervalSeconds;
  const normal = clamp(
    input.fixedIntervalSeconds ?? adaptive,
    bounds.minIntervalSeconds,
    bounds.maxIntervalSeconds,
  );
  if (input.ok) {
    const hinted = Math.max(normal, input.cacheLifetimeSeconds ?? 0, (input.ttlMinutes ?? 0) * 60);
    return Math.round(clamp(hinted, bounds.minIntervalSeconds, bounds.maxIntervalSeconds));
  }
  const exponent = Math.min(Math.max(input.failuresInRow - 1, 0), 30);
  const backoff = normal * 2 ** exponent * (1 - JITTER + 2 * JITTER * input.random);
  const waited = Math.max(backoff, input.retryAfterSeconds ?? 0);
  return Math.round(clamp(waited, bounds.minIntervalSeconds, bounds.maxBackoffSeconds));
}

const DAY_MS = 86_400_000;

/**
 * New items per day since the first poll, averaged over at least a day so that the backlog a
 * feed serves at its first poll does not pass for a burst of publishing. Null before any poll.
 */
export function averageItemsPerDay(
  itemsSeen: number,
  firstPolledAt: string | null,
  now: Date,
): number | null {
  if (firstPolledAt === null) return null;
  const days = Math.max((now.getTime() - Date.parse(firstPolledAt)) / DAY_MS, 1);
  return itemsSeen / days;
}
