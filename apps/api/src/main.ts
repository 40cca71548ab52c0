import { Logger } from 'nestjs-pino';
import { loadConfig, runMain, shutdownOnSignals } from '@app/platform';
import { createHttpApplication } from './create-http-application.js';
import { listenOnPort } from './listen-on-port.js';

runMain(async () => {
  const config = loadConfig();
  const app = await createHttpApplication(config);
  const logger = app.get(Logger);
  shutdownOnSignals(app, logger);
  await listenOnPort(app, config.port);
  logger.log(`api listening on ${config.publicUrl} (OpenAPI at /docs)`);
});
