import { Redis } from 'ioredis';

/**
 * Scans the whole keyspace and deletes the matching keys inside one script, so the deletion is
 * atomic, as a Redis restart is: a SCAN and DEL from the client would leave a window in which
 * a worker's reconcile adds a job whose hash survives while its wait list is deleted.
 */
const DELETE_MATCHING = `
local deleted = 0
local cursor = '0'
repeat
  local reply = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
  cursor = reply[1]
  for _, key in ipairs(reply[2]) do
    deleted = deleted + redis.call('DEL', key)
  end
until cursor == '0'
return deleted
`;

/** Deletes, at once, every Redis key `pattern` (a SCAN MATCH glob) matches; resolves with how many. */
export async function deleteKeysMatching(redisUrl: string, pattern: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    return Number(await redis.eval(DELETE_MATCHING, 0, pattern));
  } finally {
    redis.disconnect();
  }
}

/**
 * Deletes every Redis key under `prefix:` (one deployment's QUEUE_PREFIX: jobs, schedulers,
 * heartbeats, breaker state, rate limits), leaving other prefixes sharing the Redis alone.
 * Resolves with the number of keys deleted.
 */
export function deleteQueueKeys(redisUrl: string, prefix: string): Promise<number> {
  return deleteKeysMatching(redisUrl, `${prefix}:*`);
}
