import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CliUsageError } from '../cli-usage-error.js';
import { SHARED_SEEDS_PATH } from './seed-reports.js';

/** apps/cli/{src,dist}/demo/ -> the repository, where config/ and ../shared are. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface DemoOptions {
  /** Stop once every report was delivered, instead of running until Ctrl-C. */
  readonly once: boolean;
  /** The folder of plain-text reports the outlets publish, one outlet per report. */
  readonly seedsDir: string;
}

/**
 * `vigil demo [--once] [--seeds <folder>]`. The seeds are found from the repository, not the
 * current directory, so `npx vigil demo` works from anywhere in a checkout.
 */
export function parseDemoArgs(args: readonly string[]): DemoOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { once: { type: 'boolean', default: false }, seeds: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
  return {
    once: values.once,
    seedsDir:
      values.seeds === undefined ? resolve(REPO_ROOT, SHARED_SEEDS_PATH) : resolve(values.seeds),
  };
}
