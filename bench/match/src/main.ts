import { arch, cpus, platform, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { NewsStream } from './news-stream.js';
import { buildBaseline, runBaseline } from './regex-baseline.js';
import { compileTimed, runMatcher } from './matcher-run.js';
import { formatResultsTable, grouped, type ResultRow, speedUp } from './results-table.js';
import { buildVocabulary, type GeneratedRule, RuleGenerator, SeededRandom } from '@app/bench-kit';

interface Settings {
  readonly ruleCounts: readonly number[];
  readonly items: number;
  /** Matching is timed over whole passes of the stream until at least this long. */
  readonly matcherSeconds: number;
  /** The baseline stops after the item that crosses this, per rule count. */
  readonly baselineSeconds: number;
}

const FULL: Settings = {
  ruleCounts: [100, 1_000, 10_000, 100_000],
  items: 2_000,
  matcherSeconds: 3,
  baselineSeconds: 8,
};
const QUICK: Settings = {
  ruleCounts: [100, 1_000],
  items: 500,
  matcherSeconds: 1,
  baselineSeconds: 2,
};

/** Separate seeds, so that a change to the rules leaves the stream as it was, and vice versa. */
const SEEDS = {
  vocabulary: 0x5eed_0001,
  stream: 0x5eed_0002,
  rules: 0x5eed_0003,
  silentRules: 0x5eed_0004,
};
const MB = 2 ** 20;

/** The targets. */
const TARGET_RULES = 10_000;
const TARGET_MB_PER_SECOND = 20;
const TARGET_SPEED_UP = 50;
const SCALE_FROM = 1_000;
const SCALE_TO = 100_000;
const TARGET_SCALE = 2;

function main(args: readonly string[]): void {
  const started = performance.now();
  const { values } = parseArgs({ args: [...args], options: { quick: { type: 'boolean' } } });
  const settings = values.quick ? QUICK : FULL;

  const vocabulary = buildVocabulary(new SeededRandom(SEEDS.vocabulary));
  const items = new NewsStream(vocabulary, new SeededRandom(SEEDS.stream)).items(settings.items);
  const streamBytes = items.reduce((total, item) => total + item.bytes, 0);
  const streamWords = items.reduce((total, item) => total + item.words, 0);
  const cpuList = cpus();
  process.stdout.write(
    [
      `match bench${values.quick ? ' (quick)' : ''}: ${grouped(items.length)} items, ` +
        `${grouped(streamWords / items.length)} words and ${grouped(streamBytes / items.length)} ` +
        `bytes each on average (${(streamBytes / MB).toFixed(2)} MB), ` +
        `vocabulary of ${grouped(vocabulary.terms.length)} terms`,
      `machine: ${cpuList.length} CPUs (${cpuList[0]?.model ?? 'unknown'}), ` +
        `${(totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}, ${platform()}-${arch()}` +
        (globalThis.gc ? '' : ' (no --expose-gc: heap not measured)'),
      '',
    ].join('\n'),
  );

  const rows: ResultRow[] = [];
  let largestMix = '';
  for (const ruleCount of settings.ruleCounts) {
    const progress = (step: string) =>
      process.stderr.write(`  ${grouped(ruleCount)} rules: ${step}\n`);
    // Same seed for each count: every watchlist begins with the rules of the smaller ones.
    const { definition, rules } = new RuleGenerator(
      vocabulary,
      new SeededRandom(SEEDS.rules),
    ).watchlist(ruleCount);
    largestMix = ruleMix(rules);
    progress('compiling');
    const compiled = compileTimed(definition);
    progress(`compiled in ${grouped(compiled.compileMs)} ms; matching`);
    const matched = runMatcher(compiled.matcher, items, settings.matcherSeconds);
    progress('baseline');
    const baseline = runBaseline(buildBaseline(rules), items, settings.baselineSeconds);

    const hit = new Set(matched.matched.flat());
    const matcherSeconds = matched.seconds;
    rows.push({
      rules: ruleCount,
      compileMs: compiled.compileMs,
      heapMb: compiled.heapMb,
      itemsPerSecond: matched.items / matcherSeconds,
      mbPerSecond: (streamBytes * (matched.items / items.length)) / MB / matcherSeconds,
      matchesPerItem: matched.matched.flat().length / items.length,
      rulesHit: hit.size / ruleCount,
      baselineItemsPerSecond: baseline.items / baseline.seconds,
      baselineItems: baseline.items,
      streamItems: items.length,
      agreement: agreement(matched.matched, baseline.matched),
    });
  }

  const quietGrowth =
    settings.ruleCounts.includes(SCALE_FROM) && settings.ruleCounts.includes(SCALE_TO)
      ? measureQuietGrowth(vocabulary, items, settings)
      : undefined;

  process.stdout.write(
    `rule mix at ${grouped(settings.ruleCounts.at(-1) ?? 0)}: ${largestMix}\n\n`,
  );
  process.stdout.write(`${formatResultsTable(rows)}\n\n`);
  process.stdout.write(
    [
      'MB = 2^20 bytes of title + summary (UTF-8). items/s: the matcher on one thread over whole',
      `passes of the stream (at least ${settings.matcherSeconds} s, after one untimed pass).`,
      'baseline: one case-insensitive RegExp per rule (one per operand for AND), every rule on',
      `every item; * = time-boxed to ~${settings.baselineSeconds} s, items/s from the items it ran.`,
      'agreement: (item, rule) matches both found over those either found, on the baseline items.',
      '',
      ...verdicts(rows, quietGrowth),
      '',
      `total wall time: ${((performance.now() - started) / 1000).toFixed(1)} s`,
      '',
    ].join('\n'),
  );
}

function ruleMix(rules: readonly GeneratedRule[]): string {
  const counts = new Map<string, number>();
  for (const rule of rules) counts.set(rule.shape, (counts.get(rule.shape) ?? 0) + 1);
  const titleOnly = rules.filter((rule) => rule.titleOnly).length;
  const share = (count: number) => `${((count / rules.length) * 100).toFixed(0)}%`;
  return [
    ...[...counts].map(([shape, count]) => `${shape} ${share(count)}`),
    `(title-only ${share(titleOnly)})`,
  ].join(', ');
}

function agreement(
  matcher: readonly (readonly number[])[],
  baseline: readonly (readonly number[])[],
): number {
  let both = 0;
  let either = 0;
  baseline.forEach((baselineRules, item) => {
    const matcherRules = new Set(matcher[item]);
    const common = baselineRules.filter((rule) => matcherRules.has(rule)).length;
    both += common;
    either += matcherRules.size + baselineRules.length - common;
  });
  return either === 0 ? 1 : both / either;
}

interface QuietGrowth {
  readonly itemsPerSecond: number;
  readonly matchesPerItem: number;
  readonly compileMs: number;
}

/**
 * The 1k watchlist grown to 100k with rules that never fire on the stream: what matches stays
 * the same, so the per-item cost shows how matching scales with the number of rules alone.
 */
function measureQuietGrowth(
  vocabulary: ReturnType<typeof buildVocabulary>,
  items: ReturnType<NewsStream['items']>,
  settings: Settings,
): QuietGrowth {
  process.stderr.write(`  ${grouped(SCALE_TO)} rules, ${grouped(SCALE_TO - SCALE_FROM)} silent\n`);
  const firing = new RuleGenerator(vocabulary, new SeededRandom(SEEDS.rules)).watchlist(SCALE_FROM);
  const silent = new RuleGenerator(vocabulary, new SeededRandom(SEEDS.silentRules), 0).watchlist(
    SCALE_TO - SCALE_FROM,
    SCALE_FROM,
  );
  const compiled = compileTimed({
    topics: [...firing.definition.topics, ...silent.definition.topics],
  });
  const matched = runMatcher(compiled.matcher, items, settings.matcherSeconds);
  return {
    itemsPerSecond: matched.items / matched.seconds,
    matchesPerItem: matched.matched.flat().length / items.length,
    compileMs: compiled.compileMs,
  };
}

function verdicts(rows: readonly ResultRow[], quietGrowth: QuietGrowth | undefined): string[] {
  const at = (rules: number) => rows.find((row) => row.rules === rules);
  const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');
  const target = at(TARGET_RULES);
  const from = at(SCALE_FROM);
  const to = at(SCALE_TO);
  const notMeasured = (what: string) => `${what}: not measured in this run`;
  const lines = ['targets:'];
  lines.push(
    target
      ? `- ${grouped(TARGET_RULES)} rules, >= ${TARGET_MB_PER_SECOND} MB/s on one core: ` +
          `${target.mbPerSecond.toFixed(1)} MB/s, ${verdict(target.mbPerSecond >= TARGET_MB_PER_SECOND)}`
      : notMeasured(`- ${grouped(TARGET_RULES)} rules, MB/s`),
    target
      ? `- ${grouped(TARGET_RULES)} rules, >= ${TARGET_SPEED_UP}x the baseline: ` +
          `${speedUp(target).toFixed(1)}x, ${verdict(speedUp(target) >= TARGET_SPEED_UP)}`
      : notMeasured(`- ${grouped(TARGET_RULES)} rules vs baseline`),
  );
  if (from && to) {
    const slower = from.itemsPerSecond / to.itemsPerSecond;
    lines.push(
      `- ${grouped(SCALE_TO)} rules <= ${TARGET_SCALE}x slower per item than ${grouped(SCALE_FROM)}: ` +
        `${slower.toFixed(2)}x (${(1e6 / from.itemsPerSecond).toFixed(0)} µs -> ` +
        `${(1e6 / to.itemsPerSecond).toFixed(0)} µs per item), ${verdict(slower <= TARGET_SCALE)}`,
    );
  } else {
    lines.push(notMeasured(`- ${grouped(SCALE_TO)} vs ${grouped(SCALE_FROM)} rules per item`));
  }
  if (from && quietGrowth) {
    const slower = from.itemsPerSecond / quietGrowth.itemsPerSecond;
    lines.push(
      `- the same, with the ${grouped(SCALE_FROM)} watchlist grown to ${grouped(SCALE_TO)} by ` +
        `rules that never fire (${quietGrowth.matchesPerItem.toFixed(1)} matches/item vs ` +
        `${from.matchesPerItem.toFixed(1)}; compiled in ${grouped(quietGrowth.compileMs)} ms): ` +
        `${slower.toFixed(2)}x (${(1e6 / from.itemsPerSecond).toFixed(0)} µs -> ` +
        `${(1e6 / quietGrowth.itemsPerSecond).toFixed(0)} µs per item), ${verdict(slower <= TARGET_SCALE)}`,
    );
  }
  return lines;
}

try {
  main(process.argv.slice(2));
} catch (error: unknown) {
  process.stderr.write(
    `match bench failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
