import type { Redis } from 'ioredis';

const workerKey = (prefix: string, workerId = ''): string => `${prefix}:workers:${workerId}`;

/**
 * Each worker process renews a key that expires after a few missed beats, so any api process
 * can tell which workers are alive without talking to them.
 */
export async function beat(
  redis: Redis,
  prefix: string,
  workerId: string,
  ttlMs: number,
  details: Readonly<Record<string, string | number>>,
): Promise<void> {
  await redis.set(workerKey(prefix, workerId), JSON.stringify(details), 'PX', ttlMs);
}

export async function retire(redis: Redis, prefix: string, workerId: string): Promise<void> {
  await redis.del(workerKey(prefix, workerId));
}

export async function liveWorkers(redis: Redis, prefix: string): Promise<string[]> {
  const keyPrefix = workerKey(prefix);
  const ids: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 100);
    cursor = next;
    ids.push(...keys.map((key) => key.slice(keyPrefix.length)));
  } while (cursor !== '0');
  return ids.sort();
}
