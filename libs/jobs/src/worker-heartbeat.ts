import type { Redis } from 'ioredis';

const KEY_PREFIX = 'vigil:workers:';

/**
 * Each worker process renews a key that expires after a few missed beats, so any api process
 * can tell which workers are alive without talking to them.
 */
export async function beat(
  redis: Redis,
  workerId: string,
  ttlMs: number,
  details: Readonly<Record<string, string | number>>,
): Promise<void> {
  await redis.set(`${KEY_PREFIX}${workerId}`, JSON.stringify(details), 'PX', ttlMs);
}

export async function retire(redis: Redis, workerId: string): Promise<void> {
  await redis.del(`${KEY_PREFIX}${workerId}`);
}

export async function liveWorkers(redis: Redis): Promise<string[]> {
  const ids: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${KEY_PREFIX}*`, 'COUNT', 100);
    cursor = next;
    ids.push(...keys.map((key) => key.slice(KEY_PREFIX.length)));
  } while (cursor !== '0');
  return ids.sort();
}
