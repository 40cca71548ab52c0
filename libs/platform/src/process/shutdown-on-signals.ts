import type { INestApplicationContext, LoggerService } from '@nestjs/common';

/** SIGHUP too: a closed terminal or SSH session, or a supervisor that sends it to stop. */
const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/**
 * Ctrl-C under `npm start` arrives twice: the terminal signals the whole process group, and npm
 * forwards the signal it got to its script. The same signal this soon after the first is that
 * echo, not a person asking to hurry.
 */
const ECHO_WINDOW_MS = 1_000;

/**
 * Closes the application once on SIGTERM, SIGINT (Ctrl-C) or SIGHUP and exits 0: Nest runs
 * the shutdown phases (workers, then queues, then the store). A second signal exits at once,
 * unless it is the first one's echo.
 * SIGHUP does not reload: the configuration is read once at start, so it stops like SIGTERM,
 * instead of Node's default of dying on the spot without closing anything.
 * Only `close` is called, so a command that owns more than the application (`vigil demo`)
 * passes its own.
 */
export function shutdownOnSignals(
  app: Pick<INestApplicationContext, 'close'>,
  logger: LoggerService,
  afterClose: () => Promise<void> = () => Promise.resolve(),
): void {
  let first: { readonly signal: NodeJS.Signals; readonly at: number } | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (first !== undefined) {
      if (signal === first.signal && performance.now() - first.at < ECHO_WINDOW_MS) return;
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    first = { signal, at: performance.now() };
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
        for (const signal of SHUTDOWN_SIGNALS) process.removeListener(signal, onSignal);
      });
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);
}
