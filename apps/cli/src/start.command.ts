import { loadConfig, shutdownOnSignals } from '@app/platform';
import { startAllInOne } from './all-in-one.js';

/** `vigil start`: api and worker in one process, for one machine. */
export async function start(): Promise<void> {
  const config = loadConfig();
  const { app, logger, redisServer } = await startAllInOne(config);
  shutdownOnSignals(app, logger, async () => {
    await redisServer?.stop();
  });
  logger.log(`vigil started: api on ${config.publicUrl} (OpenAPI at /docs), worker running`);
}
