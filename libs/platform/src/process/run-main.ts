import { ConfigError } from '../config/config-error.js';

/**
 * The one way a process starts: an invalid configuration or a failed boot prints one clear
 * message to stderr and exits 1, instead of a stack trace from deep inside Nest.
 */
export function runMain(main: () => Promise<void>, failurePrefix = 'Vigil cannot start'): void {
  main().catch((error: unknown) => {
    const message =
      error instanceof ConfigError
        ? error.message
        : `${failurePrefix}: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  });
}
