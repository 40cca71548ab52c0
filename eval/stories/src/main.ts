import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { validateWatchlist } from '@app/matching';
import { readRuntimeSettings, readYamlFile, type YamlFile } from '@app/platform';
import { z } from 'zod';
import { labeledStoriesFileSchema } from './labeled-stories.js';
import { formatReport } from './stories-report.js';
import { groupReports, pairwiseScore } from './stories-evaluation.js';

const DEFAULT_WATCHLIST = 'config/watchlist.yaml';
const DEFAULT_SETTINGS = 'config/vigil.yaml';
const DEFAULT_ITEMS = 'eval/stories/data/labeled-stories.yaml';
/** Issue 5: pairwise precision and recall of the grouping, both at least this. */
const TARGET = 0.9;
const TIMING_RUNS = 20;

/** A file that cannot be read, parsed or validated: reported, then exit 1. */
class InputError extends Error {}

function main(args: readonly string[]): number {
  const { values } = parseArgs({
    args: [...args],
    options: {
      watchlist: { type: 'string', default: DEFAULT_WATCHLIST },
      settings: { type: 'string', default: DEFAULT_SETTINGS },
      items: { type: 'string', default: DEFAULT_ITEMS },
    },
  });
  const compiled = validateWatchlist(readYaml(values.watchlist, z.unknown()));
  if (!compiled.ok) {
    const issues = compiled.issues.map((issue) => `${issue.field}: ${issue.message}`);
    throw new InputError(`${values.watchlist}:\n  ${issues.join('\n  ')}`);
  }
  const runtime = readRuntimeSettings(yamlFile(values.settings));
  if (!runtime.ok) throw new InputError(describeIssues(runtime.issues));
  const { items } = readYaml(values.items, labeledStoriesFileSchema);

  const run = groupReports(items, compiled.matcher, runtime.settings.stories);
  // The first run pays for JIT compilation; the cost reported is the fastest of a few more.
  const microsPerItem = Math.min(
    ...Array.from(
      { length: TIMING_RUNS },
      () => groupReports(items, compiled.matcher, runtime.settings.stories).microsPerItem,
    ),
  );
  // The grouping is judged on the reports that reach it; the watchlist's misses are shown apart.
  const score = pairwiseScore(run.grouped.filter((entry) => entry.decision !== null));
  const endToEnd = pairwiseScore(run.grouped);
  const passed = score.precision >= TARGET && score.recall >= TARGET;
  process.stdout.write(
    [
      `stories eval: ${values.items} (${items.length} reports, ` +
        `${new Set(items.map((item) => item.story)).size} labeled stories), ` +
        `watchlist ${values.watchlist}, settings ${values.settings} stories section`,
      `target: pairwise precision and recall >= ${TARGET}`,
      '',
      formatReport({ ...run, microsPerItem }, score, endToEnd, runtime.settings.stories),
      '',
      passed ? 'PASS' : 'FAIL',
      '',
    ].join('\n'),
  );
  return passed ? 0 : 1;
}

function yamlFile(path: string): YamlFile {
  return { path: resolve(process.cwd(), path), source: path, required: true };
}

function readYaml<Schema extends z.ZodType>(path: string, schema: Schema): z.output<Schema> {
  const result = readYamlFile(yamlFile(path), schema);
  if (!result.ok) throw new InputError(describeIssues(result.issues));
  return result.value;
}

function describeIssues(
  issues: readonly { source: string; field: string; message: string }[],
): string {
  return issues
    .map((issue) => `${issue.source}: ${issue.field ? `${issue.field}: ` : ''}${issue.message}`)
    .join('\n');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    error instanceof InputError
      ? `stories eval: ${error.message}\n`
      : `stories eval failed: ${describe(error)}\n`,
  );
  process.exitCode = 1;
}
