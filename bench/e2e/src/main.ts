import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { noopJobsPerSecond } from '@app/bench-kit';
import { loadConfig, testInfrastructure } from '@app/platform';
import { uniqueQueuePrefix } from '@app/testing';
import { FeedServer, Receivers } from './fixtures.js';
import {
  DEFAULT_RATE,
  FEEDS,
  GENERATED_RULES,
  MAILBOXES,
  STALL_MS,
  WATCHLIST_SHARE,
  WEBHOOKS,
} from './load.js';
import { faultsOf, type HarnessOptions, type LayoutResult, runLayout } from './harness.js';
import { signedPostsPerSecond } from './signed-post-baseline.js';
import { loadAverage, machine, runMain, writeResults } from './run-info.js';
import { type Layout, LAYOUTS } from './vigil-processes.js';

const FULL = { steadySeconds: 60, burstItems: 100, baselineJobs: 20_000, layouts: LAYOUTS };
const QUICK = {
  steadySeconds: 15,
  burstItems: 20,
  baselineJobs: 2_000,
  layouts: LAYOUTS.slice(0, 1),
};
const TARGET_P99_MS = 2_000;
const TARGET_DELIVERIES_PER_SECOND = 1_000;
const TARGET_RATIO = 0.5;

function parse(args: readonly string[]) {
  const { values } = parseArgs({
    args: [...args],
    options: {
      quick: { type: 'boolean' },
      layouts: { type: 'string' },
      rate: { type: 'string' },
    },
  });
  const base = values.quick ? QUICK : FULL;
  const layouts = values.layouts?.split(',').map((name) => name.trim()) ?? base.layouts;
  const unknown = layouts.filter((name) => !LAYOUTS.includes(name as Layout));
  if (unknown.length > 0) {
    throw new Error(
      `--layouts: unknown ${unknown.join(', ')} (one or more of ${LAYOUTS.join(', ')})`,
    );
  }
  const rate = values.rate === undefined ? DEFAULT_RATE : Number(values.rate);
  if (!Number.isFinite(rate) || rate <= 0)
    throw new Error(`--rate: must be a positive number of items per second (got ${values.rate})`);
  return { quick: values.quick === true, ...base, layouts: layouts as Layout[], rate };
}

const ms = (value: number | null) => (value === null ? '–' : `${value.toFixed(0)} ms`);
const perSecond = (value: number) => value.toFixed(1);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function table(results: readonly LayoutResult[], signedPosts: number, noopJobs: number): string {
  const row = (label: string, cell: (result: LayoutResult) => string) =>
    `| ${label} | ${results.map(cell).join(' | ')} |`;
  return [
    `| measure | ${results.map((result) => result.layout).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    row('steady: items/s ingested', (r) => perSecond(r.steady.itemsPerSecond)),
    row('steady: alerts/s', (r) => perSecond(r.steady.alertsPerSecond)),
    row('steady: deliveries/s (verified webhooks)', (r) => perSecond(r.steady.deliveriesPerSecond)),
    row('steady: emails/s', (r) => perSecond(r.steady.emailsPerSecond)),
    row('item on feed to webhook p50 / p95 / p99', (r) =>
      [r.steady.itemToWebhookMs.p50, r.steady.itemToWebhookMs.p95, r.steady.itemToWebhookMs.p99]
        .map(ms)
        .join(' / '),
    ),
    row('item recorded to webhook p50 / p95 / p99', (r) =>
      [
        r.steady.discoveredToWebhookMs.p50,
        r.steady.discoveredToWebhookMs.p95,
        r.steady.discoveredToWebhookMs.p99,
      ]
        .map(ms)
        .join(' / '),
    ),
    row('item on feed to recorded (ping + poll) p50 / p99', (r) =>
      [r.steady.itemToDiscoveredMs.p50, r.steady.itemToDiscoveredMs.p99].map(ms).join(' / '),
    ),
    row('item on feed to email p50 / p95 / p99', (r) =>
      [r.steady.itemToEmailMs.p50, r.steady.itemToEmailMs.p95, r.steady.itemToEmailMs.p99]
        .map(ms)
        .join(' / '),
    ),
    row(
      'steady: CPU s per 1,000 deliveries',
      (r) => r.steady.cpuSecondsPer1000Deliveries?.toFixed(2) ?? '–',
    ),
    row('saturation: deliveries/s', (r) =>
      r.saturation ? perSecond(r.saturation.deliveriesPerSecond) : '–',
    ),
    row('saturation: emails/s', (r) =>
      r.saturation ? perSecond(r.saturation.emailsPerSecond) : '–',
    ),
    row('saturation: item on feed to webhook p99', (r) =>
      ms(r.saturation?.itemToWebhookMs.p99 ?? null),
    ),
    row(
      'saturation: CPU s per 1,000 deliveries',
      (r) => r.saturation?.cpuSecondsPer1000Deliveries?.toFixed(2) ?? '–',
    ),
    row('saturation deliveries/s ÷ bare signed POSTs/s', (r) =>
      r.saturation ? (r.saturation.deliveriesPerSecond / signedPosts).toFixed(2) : '–',
    ),
    row('saturation deliveries/s ÷ BullMQ no-op jobs/s', (r) =>
      r.saturation ? (r.saturation.deliveriesPerSecond / noopJobs).toFixed(3) : '–',
    ),
    row('peak RSS per process', (r) =>
      Object.entries(r.peakRssBytes)
        .map(([name, bytes]) => `${name} ${mb(bytes)}`)
        .join(', '),
    ),
    row(
      'watchlist items / missing a webhook / missing an email',
      (r) =>
        `${r.check.watchlistItems} / ${r.check.itemsMissingWebhooks} / ${r.check.itemsMissingEmails}`,
    ),
    row(
      'unverified webhooks / failed pings',
      (r) => `${r.check.unverifiedWebhooks} / ${r.check.pingFailures}`,
    ),
    row(
      'deliveries not owed: other items / extra webhooks (repeated ids) / extra emails',
      (r) =>
        `${r.check.offWatchlistDeliveries} / ${r.check.extraWebhooks} (${r.check.repeatedWebhookIds}) / ${r.check.extraEmails}`,
    ),
  ].join('\n');
}

async function main(args: readonly string[]): Promise<number> {
  const settings = parse(args);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const startLoad = loadAverage();
  process.stdout.write(
    `e2e bench${settings.quick ? ' (quick)' : ''}: ${FEEDS} feeds, default watchlist + ${GENERATED_RULES} generated rules, ` +
      `${WEBHOOKS} webhook receivers, ${MAILBOXES} email subscribers; ${settings.rate} items/s ` +
      `(${WATCHLIST_SHARE * 100}% on the watchlist) for ${settings.steadySeconds} s, then ${settings.burstItems} watchlist items at once\n` +
      `layouts: ${settings.layouts.join(', ')}; load average at start ${startLoad}\n`,
  );
  const feedServer = await FeedServer.start(FEEDS);
  const receivers = await Receivers.start(WEBHOOKS);
  const results: LayoutResult[] = [];
  try {
    for (const layout of settings.layouts) {
      const options: HarnessOptions = {
        layout,
        feeds: FEEDS,
        mailboxes: MAILBOXES,
        generatedRules: GENERATED_RULES,
        rate: settings.rate,
        watchlistShare: WATCHLIST_SHARE,
        steadySeconds: settings.steadySeconds,
        burstItems: settings.burstItems,
        stallMs: STALL_MS,
        log,
      };
      results.push(await runLayout({ feedServer, receivers }, options));
      log(`${layout}: done (load average ${loadAverage()})`);
    }
    const concurrency = loadConfig({ env: {} }).runtime.webhooks.concurrency;
    log(
      `baselines: ${settings.baselineJobs} signed POSTs and BullMQ no-op jobs, ${concurrency} in flight`,
    );
    const signed = await signedPostsPerSecond(receivers, settings.baselineJobs, concurrency);
    const redis = new Redis(testInfrastructure().redisUrl, { maxRetriesPerRequest: null });
    let noopJobs: number;
    try {
      noopJobs = await noopJobsPerSecond(
        redis,
        uniqueQueuePrefix(),
        settings.baselineJobs,
        concurrency,
      );
    } finally {
      await redis.quit();
    }
    const endLoad = loadAverage();
    process.stdout.write(
      `\n${table(results, signed.postsPerSecond, noopJobs)}\n\n` +
        `baseline: bare signed POSTs (standardwebhooks + undici, ${concurrency} in flight, same receivers): ` +
        `${signed.postsPerSecond.toFixed(0)}/s (${signed.verified} of ${signed.posts} verified)\n` +
        `baseline: BullMQ no-op jobs (concurrency ${concurrency}): ${noopJobs.toFixed(0)}/s\n` +
        `load average: ${startLoad} at start, ${endLoad} at end (the machine is shared: figures are noisy)\n\n`,
    );
    for (const result of results) {
      const steady = result.steady;
      const p99 = steady.itemToWebhookMs.p99;
      process.stdout.write(
        `${result.layout}: target p99 item-to-webhook < ${TARGET_P99_MS} ms at ${TARGET_DELIVERIES_PER_SECOND} deliveries/s: ` +
          `p99 ${ms(p99)} at ${steady.deliveriesPerSecond.toFixed(0)} deliveries/s ` +
          `(${steady.deliveriesPerSecond < TARGET_DELIVERIES_PER_SECOND ? 'rate below the target rate: not shown' : p99 !== null && p99 < TARGET_P99_MS ? 'met' : 'NOT MET'}); ` +
          `target saturation >= ${TARGET_RATIO} x signed POSTs: ` +
          `${result.saturation && result.saturation.deliveriesPerSecond >= TARGET_RATIO * signed.postsPerSecond ? 'met' : 'NOT MET'}\n`,
      );
    }
    const path = writeResults(settings.quick ? 'e2e-quick' : 'e2e', {
      command: `npm run bench:e2e -- ${args.join(' ')}`.trim(),
      measuredAt: new Date().toISOString(),
      machine: machine(),
      loadAverage: { start: startLoad, end: endLoad },
      settings: {
        ...settings,
        feeds: FEEDS,
        webhooks: WEBHOOKS,
        mailboxes: MAILBOXES,
        generatedRules: GENERATED_RULES,
        watchlistShare: WATCHLIST_SHARE,
      },
      layouts: results,
      baselines: { signedPosts: signed, noopJobsPerSecond: noopJobs },
    });
    process.stdout.write(`figures: ${path}\n`);
    return results.some((result) => faultsOf(result.check) > 0) ? 1 : 0;
  } finally {
    await receivers.stop();
    await feedServer.stop();
  }
}

runMain('e2e bench', main);
