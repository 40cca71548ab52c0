import { Logger } from 'nestjs-pino';
import { createHttpApplication, listenOnPort } from '@app/api';
import { createLogger, loadConfig, shutdownOnSignals } from '@app/platform';
import { startWorker, WorkerModule } from '@app/worker';
import { ensureRedis } from './ensure-redis.js';

/** `vigil start`: api and worker in one process, for one machine. */
export async function start(): Promise<void> {
  const config = loadConfig();
  const redisServer = await ensureRedis(config, createLogger(config));
  try {
    const app = await createHttpApplication(config, [WorkerModule]);
    const logger = app.get(Logger);
    await listenOnPort(app, config.port);
    await startWorker(app);
    shutdownOnSignals(app, logger, async () => {
      await redisServer?.stop();
    });
    logger.log(`vigil started: api on ${config.publicUrl} (OpenAPI at /docs), worker running`);
  } catch (error) {
    await redisServer?.stop();
    throw error;
  }
}
