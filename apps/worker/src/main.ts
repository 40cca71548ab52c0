import { Logger } from 'nestjs-pino';
import { loadConfig, runMain, shutdownOnSignals } from '@app/platform';
import { createWorkerContext } from './create-worker-context.js';

runMain(async () => {
  const app = await createWorkerContext(loadConfig());
  const logger = app.get(Logger);
  shutdownOnSignals(app, logger);
  logger.log('worker started');
});
