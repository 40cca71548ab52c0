import { deleteQueueKeys } from '@app/jobs';

/**
 * What a Redis restart without persistence, or a failover to an empty replica, does to a Vigil
 * deployment: every key of its queue prefix gone at once (jobs waiting, delayed and active,
 * schedulers, breaker state). Only the prefix, so test files sharing the machine's Redis go on
 * undisturbed. Resolves with the number of keys deleted.
 */
export async function loseRedisData(redisUrl: string, prefix: string): Promise<number> {
  return deleteQueueKeys(redisUrl, prefix);
}
