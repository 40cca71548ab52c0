import type { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { createHttpApplication, listenOnPort } from '@app/api';
import { createLogger, type VigilConfig } from '@app/platform';
import { startWorker, WorkerModule } from '@app/worker';
import { ensureRedis } from './ensure-redis.js';
import type { RedisServerHandle } from './redis-server.js';

/** The api and the worker in one process, listening, with the Redis it started if any. */
export interface AllInOneVigil {
  readonly app: INestApplication;
  readonly logger: Logger;
  /** The redis-server Vigil started because nothing answered at REDIS_URL; stop it last. */
  readonly redisServer: RedisServerHandle | undefined;
}

/**
 * Boots `vigil start`'s process: Redis (its own when none answers), the api listening on
 * `config.port` (on `host` when given, every interface otherwise), then the worker. A failure
 * closes whatever was opened before it is thrown.
 */
export async function startAllInOne(config: VigilConfig, host?: string): Promise<AllInOneVigil> {
  const redisServer = await ensureRedis(config, createLogger(config));
  try {
    const app = await createHttpApplication(config, [WorkerModule]);
    await listenOnPort(app, config.port, host);
    await startWorker(app);
    return { app, logger: app.get(Logger), redisServer };
  } catch (error) {
    await redisServer?.stop();
    throw error;
  }
}
