import { inspect } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { formatConfigIssue } from '../config/config-issue.js';
import { loadEnvFile } from '../config/load-env-file.js';

/** Levels at which a failure also prints its stack and causes, for whoever debugs Vigil. */
const STACK_LEVELS = new Set(['debug', 'trace']);

/**
 * The one way a process starts: `.env` (or ENV_FILE) is read into the environment, then
 * `main` runs. An invalid configuration or a failed boot prints one clear line to stderr (one
 * per problem when the configuration has several) and exits 1, instead of a stack trace from
 * deep inside Nest; LOG_LEVEL=debug adds the stack and its causes.
 */
export function runMain(main: () => Promise<void>, failurePrefix = 'Vigil cannot start'): void {
  // Through a promise, so that a synchronous throw in `main` is caught like a rejection.
  Promise.resolve()
    .then(() => {
      loadEnvFile();
      return main();
    })
    .catch((error: unknown) => {
      process.stderr.write(`${describeFailure(error, failurePrefix)}\n`);
      if (STACK_LEVELS.has(process.env.LOG_LEVEL ?? '')) {
        process.stderr.write(`${inspect(error)}\n`);
      }
      process.exit(1);
    });
}

function describeFailure(error: unknown, prefix: string): string {
  if (error instanceof ConfigError) {
    const lines = error.issues.map(formatConfigIssue);
    return lines.length === 1
      ? `${prefix}: ${lines[0]}`
      : [`${prefix}: ${lines.length} problems in the configuration:`, ...lines].join('\n  ');
  }
  return `${prefix}: ${error instanceof Error ? error.message : String(error)}`;
}
