import { relative } from 'node:path';
import { ConfigError } from './config-error.js';
import { type FeedsFileEntry, feedsFileSchema } from './feeds-file.schema.js';
import { readYamlFile } from './read-yaml-file.js';

/**
 * The feeds of config/feeds.yaml (FEEDS_FILE), validated; a missing file means no configured
 * feeds. Throws ConfigError naming the file, the entry and the field.
 */
export function loadFeedsFile(path: string, cwd = process.cwd()): readonly FeedsFileEntry[] {
  const source = relative(cwd, path) || path;
  const result = readYamlFile({ path, source, required: false }, feedsFileSchema);
  if (!result.ok) throw new ConfigError(result.issues);
  return result.value.feeds;
}
