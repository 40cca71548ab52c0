import { runMain } from '@app/platform';
import { CliUsageError } from './cli-usage-error.js';

/**
 * Parses a command's arguments, then runs it through runMain: a usage error prints one line and
 * exits 2 before anything is called; any other failure prints one line and exits 1.
 */
export function runCliCommand<TOptions>(
  name: string,
  parse: () => TOptions,
  run: (options: TOptions) => Promise<void>,
): void {
  let options: TOptions;
  try {
    options = parse();
  } catch (error) {
    if (!(error instanceof CliUsageError || error instanceof TypeError)) throw error;
    process.stderr.write(`${name}: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  runMain(() => run(options), name);
}
