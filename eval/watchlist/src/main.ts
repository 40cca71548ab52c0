import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { validateWatchlist } from '@app/matching';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import {
  formatMisses,
  formatScoreTable,
  formatThresholds,
  judge,
  type Targets,
} from './evaluation-report.js';
import { labeledItemsFileSchema, unknownTopicLabels } from './labeled-items.js';
import { evaluateWatchlist } from './watchlist-evaluation.js';

const DEFAULT_WATCHLIST = 'config/watchlist.yaml';
const DEFAULT_ITEMS = 'eval/watchlist/data/labeled-items.yaml';
/** Issue 4 part 6: both >= 0.95 overall; no topic may hide behind the others' average. */
const TARGETS: Targets = { overall: 0.95, perTopic: 0.9 };

/** A file that cannot be read, parsed or validated: reported, then exit 1. */
class InputError extends Error {}

async function main(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      watchlist: { type: 'string', default: DEFAULT_WATCHLIST },
      items: { type: 'string', default: DEFAULT_ITEMS },
    },
  });
  const watchlistPath = resolve(process.cwd(), values.watchlist);
  const itemsPath = resolve(process.cwd(), values.items);
  // The same validation the worker applies to config/watchlist.yaml at start-up.
  const compiled = validateWatchlist(await readYaml(watchlistPath, z.unknown()));
  const { items } = await readYaml(itemsPath, labeledItemsFileSchema);
  if (!compiled.ok) {
    for (const issue of compiled.issues) {
      process.stderr.write(`${values.watchlist}: ${issue.field}: ${issue.message}\n`);
    }
    return 1;
  }
  const topicIds = compiled.definition.topics.map((topic) => topic.id);
  const unknown = unknownTopicLabels(items, new Set(topicIds));
  if (unknown.length > 0) {
    for (const problem of unknown) process.stderr.write(`${values.items}: ${problem}\n`);
    return 1;
  }

  const evaluation = evaluateWatchlist(compiled.matcher, topicIds, items);
  const verdict = judge(evaluation, TARGETS);
  const negatives = items.filter((item) => item.topics.length === 0).length;
  process.stdout.write(
    [
      `watchlist eval: ${values.watchlist} (${topicIds.length} topics, ` +
        `${compiled.matcher.ruleCount} rules) against ${values.items} ` +
        `(${items.length} items, ${items.length - negatives} with topics, ${negatives} with none)`,
      formatThresholds(TARGETS),
      '',
      formatScoreTable(evaluation),
      '',
      formatMisses(evaluation.misses),
      '',
      verdict.passed ? 'PASS' : `FAIL: ${verdict.failures.join('; ')}`,
      '',
    ].join('\n'),
  );
  return verdict.passed ? 0 : 1;
}

async function readYaml<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
): Promise<z.output<Schema>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path} cannot be read: ${describe(error)}`);
  }
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new InputError(`${path} is not valid YAML: ${document.errors[0]?.message ?? ''}`);
  }
  const parsed = schema.safeParse(document.toJS());
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new InputError(`${path} does not have the expected shape:\n${issues.join('\n')}`);
  }
  return parsed.data;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(
      error instanceof InputError
        ? `watchlist eval: ${error.message}\n`
        : `watchlist eval failed: ${describe(error)}\n`,
    );
    process.exitCode = 1;
  },
);
