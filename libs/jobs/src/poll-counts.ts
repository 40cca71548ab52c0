import type { Redis } from 'ioredis';

const pollCountsKey = (prefix: string): string => `${prefix}:metrics:polls`;
const TOTAL = 'total';
const FAILED = 'failed:';

/** How many polls every worker made, and how many failed for each reason code. */
export interface PollCounts {
  readonly total: number;
  readonly failures: ReadonlyMap<string, number>;
}

/**
 * Counts one poll in Redis, where every worker counts into the same hash and any api process
 * reads it. Polls are not in the log (a healthy poll records no event, by design of
 * `feed.polled`), so the metrics view cannot count them. Losing the hash with Redis's data is
 * a counter reset, which Prometheus's rate() and increase() already allow for.
 */
export async function countPoll(
  redis: Redis,
  prefix: string,
  /** The failure's reason code (SPEC §3), null for a poll that worked. */
  failure: string | null,
): Promise<void> {
  const key = pollCountsKey(prefix);
  const counting = redis.multi().hincrby(key, TOTAL, 1);
  if (failure !== null) counting.hincrby(key, `${FAILED}${failure}`, 1);
  await counting.exec();
}

export async function readPollCounts(redis: Redis, prefix: string): Promise<PollCounts> {
  const fields = await redis.hgetall(pollCountsKey(prefix));
  const failures = new Map<string, number>();
  for (const [field, value] of Object.entries(fields)) {
    if (field.startsWith(FAILED)) {
      failures.set(field.slice(FAILED.length), Number(value));
    }
  }
  return { total: Number(fields[TOTAL] ?? 0), failures };
}
