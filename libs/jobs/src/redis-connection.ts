import { Redis } from 'ioredis';
import { redactUrlCredentials } from '@app/platform';

/** Nest token of the process's shared Redis connection. */
export const REDIS = Symbol.for('vigil.redis');

/**
 * A connection that fails fast: a request made while Redis is down errors at once instead of
 * queueing, so an HTTP handler or a health check never hangs on it. ioredis keeps reconnecting
 * in the background. Commands issued in the same turn of the event loop (job adds, breaker
 * checks of concurrent deliveries) share one write: round trips are what this machine pays for.
 */
export function createRedisConnection(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  });
}

/**
 * Connects and pings; the error names the URL (without its password), REDIS_URL and the cause.
 * The connection's error events are the rejection's while connecting: without a listener,
 * ioredis would also print each with its stack.
 */
export async function connectRedis(redis: Redis, url: string): Promise<void> {
  let connectionError: Error | undefined;
  const reported = (error: Error): void => {
    connectionError = error;
  };
  redis.on('error', reported);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    // The rejection says only "Connection is closed."; the error event says why.
    const reason = (connectionError ?? (error as Error)).message;
    throw new Error(
      `Redis at ${redactUrlCredentials(url)} (REDIS_URL) did not answer (${reason}): ` +
        'start Redis there, or correct REDIS_URL',
      { cause: error },
    );
  } finally {
    redis.off('error', reported);
  }
}
