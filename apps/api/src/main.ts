import { Logger } from 'nestjs-pino';
import { loadConfig, runMain, shutdownOnSignals } from '@app/platform';
import { createHttpApplication } from './create-http-application.js';

runMain(async () => {
  const config = loadConfig();
  const app = await createHttpApplication(config);
  const logger = app.get(Logger);
  shutdownOnSignals(app, logger);
  await app.listen(config.port);
  logger.log(`api listening on ${config.publicUrl} (OpenAPI at /docs)`);
});
