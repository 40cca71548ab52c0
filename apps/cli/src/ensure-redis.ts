import { join } from 'node:path';
import type { Logger } from 'pino';
import { redactUrlCredentials, type VigilConfig } from '@app/platform';
import {
  redisAnswers,
  type RedisServerHandle,
  RedisServerUnavailableError,
  startRedisServer,
} from './redis-server.js';

const HOW_TO_GET_REDIS = [
  'Vigil needs Redis for its work queues. Either:',
  '  - install it: sudo apt-get install redis-server (Debian/Ubuntu), brew install redis (macOS);',
  '    `vigil start` then runs one for itself under DATA_DIR; or',
  '  - point REDIS_URL at a running Redis (redis://host:6379).',
].join('\n');

/**
 * Makes sure a Redis answers before boot. Only when REDIS_URL was left at its default does
 * Vigil start its own redis-server; an explicit URL that does not answer is an error to fix.
 */
export async function ensureRedis(
  config: VigilConfig,
  logger: Logger,
): Promise<RedisServerHandle | undefined> {
  if (await redisAnswers(config.redisUrl)) return undefined;
  const where = redactUrlCredentials(config.redisUrl);
  if (!config.redisUrlIsDefault) {
    throw new Error(`Redis at ${where} (REDIS_URL) did not answer.\n${HOW_TO_GET_REDIS}`);
  }
  const dir = join(config.dataDir, 'redis');
  try {
    const server = await startRedisServer({ port: Number(new URL(config.redisUrl).port), dir });
    logger.info(
      `nothing answered at ${where}: started redis-server (pid ${server.pid}) with its data in ${dir}`,
    );
    return server;
  } catch (error) {
    if (!(error instanceof RedisServerUnavailableError)) throw error;
    throw new Error(`no Redis at ${where} and ${error.message}.\n${HOW_TO_GET_REDIS}`, {
      cause: error,
    });
  }
}
