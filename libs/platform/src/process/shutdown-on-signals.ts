import type { INestApplicationContext, LoggerService } from '@nestjs/common';

/**
 * Closes the application once on SIGTERM or SIGINT (Ctrl-C) and exits 0: Nest runs the
 * shutdown phases (workers, then queues, then the store). A second signal exits at once. Only
 * `close` is called, so a command that owns more than the application (`vigil demo`) passes
 * its own.
 */
export function shutdownOnSignals(
  app: Pick<INestApplicationContext, 'close'>,
  logger: LoggerService,
  afterClose: () => Promise<void> = () => Promise.resolve(),
): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    closing = true;
    logger.log(`${signal} received: shutting down`);
    app
      .close()
      .then(afterClose)
      .then(() => {
        logger.log('shut down cleanly');
        process.exitCode = 0;
      })
      .catch((error: unknown) => {
        logger.error(`shutdown failed: ${(error as Error).message}`);
        process.exitCode = 1;
      })
      .finally(() => {
        process.removeListener('SIGTERM', onSignal);
        process.removeListener('SIGINT', onSignal);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
