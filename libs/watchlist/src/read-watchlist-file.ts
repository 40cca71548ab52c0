import { relative } from 'node:path';
import { z } from 'zod';
import { validateWatchlist, type WatchlistValidation } from '@app/matching';
import { ConfigError, readYamlFile } from '@app/platform';

/**
 * Reads and validates a watchlist file (config/watchlist.yaml's shape); throws ConfigError
 * naming the file, each field and, for a query, the position and what was expected.
 */
export function readWatchlistFile(path: string): Extract<WatchlistValidation, { ok: true }> {
  const source = relative(process.cwd(), path) || path;
  const read = readYamlFile({ path, source, required: true }, z.unknown());
  if (!read.ok) throw new ConfigError(read.issues);
  const validation = validateWatchlist(read.value);
  if (!validation.ok) {
    throw new ConfigError(
      validation.issues.map((issue) => ({ source, field: issue.field, message: issue.message })),
    );
  }
  return validation;
}
