import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { arch, cpus, platform, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FeedHealth } from '@app/consumers';
import { testInfrastructure } from '@app/platform';
import { createPostgresTestDatabase } from '@app/testing';
import { FeedPublisher } from './feed-publisher.js';
import { type BaselineTarget, HttpGetBaseline } from './http-get.baseline.js';
import { type FeedEntry, feedEntries, feedEtag } from '@app/bench-kit';
import { PollingWorker } from './polling-worker.js';
import { progressReporter } from './progress.js';
import type { PublisherStats } from './publisher-protocol.js';
import { ResourceMeter } from './resource-meter.js';
import { formatResultsTable, grouped, mebibytes, pollsPerSecond } from './results-table.js';
import type { ResultRow } from './results-table.js';

/** What the issue asks for: 1,000 feeds, 50 new items each, polled 50 at a time. */
const DEFAULTS = { feeds: 1_000, items: 50, concurrency: 50 } as const;
const ITEM_DISCOVERED = 'item.discovered';

interface Options {
  readonly feeds: number;
  readonly items: number;
  readonly concurrency: number;
}

type Cleanup = readonly [what: string, run: () => Promise<void>];

/** Everything a section of the run needs. */
interface Bench {
  readonly options: Options;
  readonly meter: ResourceMeter;
  readonly publisher: FeedPublisher;
  readonly worker: PollingWorker;
  readonly signal: AbortSignal;
  readonly problems: string[];
}

interface RoundResult {
  readonly row: ResultRow;
  readonly stats: PublisherStats;
  readonly health: readonly FeedHealth[];
  /** Events appended during the round, by type. */
  readonly appended: ReadonlyMap<string, number>;
  readonly itemsSeenDelta: number;
}

async function main(args: readonly string[], signal: AbortSignal): Promise<number> {
  const started = performance.now();
  const options = parseOptions(args);
  const cpuList = cpus();
  process.stdout.write(
    [
      `poll bench: ${grouped(options.feeds)} RSS feeds on loopback, ${options.items} new items ` +
        `each, one worker polling ${options.concurrency} at a time (feeds.concurrency)`,
      `machine: ${cpuList.length} CPUs (${cpuList[0]?.model ?? 'unknown'}), ` +
        `${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${platform()}-${arch()}`,
      '',
    ].join('\n'),
  );
  const meter = new ResourceMeter();
  const cleanups: Cleanup[] = [];
  try {
    return await run(options, meter, cleanups, signal);
  } finally {
    for (const [what, cleanup] of cleanups.reverse()) {
      await cleanup().catch((error: unknown) =>
        process.stderr.write(`clean-up: could not ${what}: ${messageOf(error)}\n`),
      );
    }
    meter.stop();
    const maxRss = process.resourceUsage().maxRSS * 1024;
    process.stdout.write(
      `peak RSS of the bench process: ${mebibytes(meter.peakRssBytes)} MiB sampled every 100 ms, ` +
        `${mebibytes(maxRss)} MiB maxRSS\n` +
        `total wall time: ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
}

async function run(
  options: Options,
  meter: ResourceMeter,
  cleanups: Cleanup[],
  signal: AbortSignal,
): Promise<number> {
  const publisher = await FeedPublisher.start(options.feeds);
  cleanups.push(['stop the feed publisher', () => publisher.stop()]);
  const emptyBytes = await publisher.serve(0, 'empty');
  const database = await createPostgresTestDatabase();
  cleanups.push(['drop the database', () => database.drop()]);
  const configDir = await mkdtemp(join(tmpdir(), 'vigil-bench-poll-'));
  cleanups.push(['remove the temp files', () => rm(configDir, { recursive: true, force: true })]);

  const entries = feedEntries(options.feeds);
  await publisher.takeStats();
  const bootStarted = performance.now();
  const worker = await PollingWorker.boot({
    databaseUrl: database.url,
    redisUrl: testInfrastructure().redisUrl,
    queuePrefix: `bench-${randomBytes(5).toString('hex')}`,
    feeds: entries.map((feed) => ({ id: feed.id, url: `${publisher.baseUrl}${feed.path}` })),
    concurrency: options.concurrency,
    configDir,
  });
  cleanups.push(['close the worker', () => worker.close()]);
  const bootSeconds = (performance.now() - bootStarted) / 1000;
  const bench: Bench = { options, meter, publisher, worker, signal, problems: [] };

  // The schedulers poll every new feed once at boot: let that happen on empty channels, so
  // that every item of round (b) is new.
  const first = await firstPolls(bench);
  expectNoFailures(bench, 'first poll', first.health);

  const version = `items${options.items}`;
  const fullBytes = await publisher.serve(options.items, version);
  const withItems = await pollRound(bench, `(b) all with ${options.items} new items`, 'b');
  checkRound(bench, '(b)', withItems, { ok: options.feeds, items: options.feeds * options.items });
  const unchanged = await pollRound(bench, '(a) all unchanged (304)', 'a');
  checkRound(bench, '(a)', unchanged, { ok: 0, items: 0 });

  const baseline = new HttpGetBaseline(options.concurrency);
  cleanups.push(['close the baseline client', () => baseline.close()]);
  const targets = (etag: boolean): BaselineTarget[] =>
    entries.map((feed: FeedEntry) => ({
      url: `${publisher.baseUrl}${feed.path}`,
      ...(etag ? { etag: feedEtag(feed.id, version) } : {}),
    }));
  // An untimed pass first, so the timed ones start on open connections as the worker's did.
  await baseline.run(targets(true), 304, signal);
  const baseline304 = await baselineRound(bench, 'baseline: undici GET, 304', () =>
    baseline.run(targets(true), 304, signal),
  );
  const baseline200 = await baselineRound(bench, 'baseline: undici GET, 200 + body', () =>
    baseline.run(targets(false), 200, signal),
  );

  const rows = [first.row, withItems.row, unchanged.row, baseline304, baseline200];
  const ratio = (row: ResultRow, base: ResultRow) =>
    (pollsPerSecond(row) / pollsPerSecond(base)).toFixed(2);
  process.stdout.write(
    [
      `worker boot: ${bootSeconds.toFixed(2)} s; feed documents: ${bytes(emptyBytes / options.feeds)} empty, ` +
        `${bytes(fullBytes / options.feeds)} with ${options.items} items`,
      '',
      formatResultsTable(rows),
      '',
      `ratio (a) 304 polls/s / baseline 304 GET/s: ${ratio(unchanged.row, baseline304)}`,
      `ratio (b) polls/s / baseline 200 GET/s:     ${ratio(withItems.row, baseline200)}`,
      '',
    ].join('\n'),
  );
  for (const problem of bench.problems) process.stderr.write(`CHECK FAILED ${problem}\n`);
  return bench.problems.length === 0 ? 0 : 1;
}

async function firstPolls(bench: Bench): Promise<{ row: ResultRow; health: FeedHealth[] }> {
  const label = 'first poll, empty channels (schedulers)';
  const { result, usage } = await bench.meter.measure(async () => {
    const startedAt = performance.now();
    const { health, endedAt } = await bench.worker.waitForPolls(
      0,
      bench.signal,
      progressReporter(label, bench.options.feeds),
    );
    return { health, seconds: (endedAt - startedAt) / 1000 };
  });
  const stats = await bench.publisher.takeStats();
  return {
    health: result.health,
    row: {
      section: label,
      polls: bench.options.feeds,
      newItems: 0,
      ...usage,
      seconds: result.seconds,
      publisherCpuSeconds: stats.cpuSeconds,
    },
  };
}

/** One poll job per feed, timed from the first enqueue until every feed shows its poll. */
async function pollRound(bench: Bench, label: string, round: string): Promise<RoundResult> {
  const { worker, publisher } = bench;
  const headBefore = await worker.headPosition();
  const seenBefore = sumItemsSeen(await worker.allHealth());
  await publisher.takeStats();
  const { result, usage } = await bench.meter.measure(async () => {
    const since = Date.now();
    const startedAt = performance.now();
    await worker.enqueuePolls(round);
    const { health, endedAt } = await worker.waitForPolls(
      since,
      bench.signal,
      progressReporter(label, bench.options.feeds),
    );
    return { health, seconds: (endedAt - startedAt) / 1000 };
  });
  const stats = await publisher.takeStats();
  const appended = await worker.countEventsAfter(headBefore);
  return {
    row: {
      section: label,
      polls: bench.options.feeds,
      newItems: appended.get(ITEM_DISCOVERED) ?? 0,
      ...usage,
      seconds: result.seconds,
      publisherCpuSeconds: stats.cpuSeconds,
    },
    stats,
    health: result.health,
    appended,
    itemsSeenDelta: sumItemsSeen(result.health) - seenBefore,
  };
}

async function baselineRound(
  bench: Bench,
  label: string,
  loop: () => Promise<{ readonly requests: number; readonly unexpected: number }>,
): Promise<ResultRow> {
  await bench.publisher.takeStats();
  const { result, usage } = await bench.meter.measure(loop);
  const stats = await bench.publisher.takeStats();
  if (result.unexpected > 0) {
    bench.problems.push(`${label}: ${result.unexpected} answers with another status`);
  }
  return {
    section: label,
    polls: result.requests,
    newItems: null,
    ...usage,
    publisherCpuSeconds: stats.cpuSeconds,
  };
}

function checkRound(
  bench: Bench,
  name: string,
  round: RoundResult,
  expected: { readonly ok: number; readonly items: number },
): void {
  const { feeds } = bench.options;
  const { problems } = bench;
  const discovered = round.appended.get(ITEM_DISCOVERED) ?? 0;
  if (discovered !== expected.items) {
    problems.push(`${name}: ${discovered} ${ITEM_DISCOVERED} appended, expected ${expected.items}`);
  }
  const others = [...round.appended].filter(([type]) => type !== ITEM_DISCOVERED);
  if (others.length > 0) {
    problems.push(`${name}: also appended ${others.map(([t, n]) => `${n} ${t}`).join(', ')}`);
  }
  if (round.itemsSeenDelta !== expected.items) {
    problems.push(`${name}: itemsSeen grew by ${round.itemsSeenDelta}, expected ${expected.items}`);
  }
  const { ok, notModified, other } = round.stats;
  const expectedNotModified = feeds - expected.ok;
  if (ok !== expected.ok || notModified !== expectedNotModified || other !== 0) {
    problems.push(
      `${name}: the publisher answered ${ok} × 200, ${notModified} × 304, ${other} others; ` +
        `expected ${expected.ok} × 200, ${expectedNotModified} × 304`,
    );
  }
  expectNoFailures(bench, name, round.health);
}

function expectNoFailures(bench: Bench, name: string, health: readonly FeedHealth[]): void {
  const failing = health.filter((feed) => feed.failuresInRow > 0);
  const [example] = failing;
  if (example) {
    bench.problems.push(
      `${name}: ${failing.length} feeds failing, e.g. ${example.feedId}: ${example.lastErrorReason} ` +
        `(${example.lastErrorMessage})`,
    );
  }
}

function sumItemsSeen(health: readonly FeedHealth[]): number {
  return health.reduce((sum, feed) => sum + feed.itemsSeen, 0);
}

function bytes(value: number): string {
  return value < 10_240 ? `${grouped(value)} bytes` : `${(value / 1024).toFixed(1)} KiB`;
}

function parseOptions(args: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...args],
    options: {
      feeds: { type: 'string' },
      items: { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
  return {
    feeds: positiveInteger('feeds', values.feeds, DEFAULTS.feeds, 99_999),
    items: positiveInteger('items', values.items, DEFAULTS.items, 10_000),
    // The bounds of feeds.concurrency in config/vigil.yaml.
    concurrency: positiveInteger('concurrency', values.concurrency, DEFAULTS.concurrency, 200),
  };
}

function positiveInteger(
  name: string,
  given: string | undefined,
  fallback: number,
  max: number,
): number {
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new RangeError(`--${name} must be an integer from 1 to ${max}, got ${given}`);
  }
  return value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort(new Error('interrupted by SIGINT')));
main(process.argv.slice(2), interrupt.signal).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    // An abort surfaces as whichever AbortError the interrupted await threw: name the cause.
    const reason = interrupt.signal.aborted ? 'interrupted by SIGINT' : messageOf(error);
    process.stderr.write(`poll bench failed: ${reason}\n`);
    process.exitCode = 1;
  },
);
