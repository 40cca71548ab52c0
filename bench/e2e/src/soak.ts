import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
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
import { faultsOf, type LayoutHandle, runLayout } from './harness.js';
import { parsePrometheusText } from './prometheus-text.js';
import { loadAverage, machine, runMain, writeResults } from './run-info.js';
import { type ChartPoint, renderSoakChart } from './soak-chart.js';
import { type Layout, LAYOUTS } from './vigil-processes.js';

const SAMPLE_EVERY_MS = 5_000;
const MB = 2 ** 20;

interface Sample {
  readonly minute: number;
  readonly rssMb: Record<string, number>;
  /** Of the process answering /admin/metrics (the api; the whole of the all-in-one). */
  readonly heapUsedMb: number | null;
  readonly eventLoopDelayP99Ms: number | null;
  /** Waiting + active + delayed jobs, per queue. */
  readonly queueDepth: Record<string, number>;
  readonly consumerLag: Record<string, number>;
}

/** Least-squares slope of (x, y), in y per x; null with fewer than two points. */
function slope(points: readonly (readonly [number, number])[]): number | null {
  if (points.length < 2) return null;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  let numerator = 0;
  let denominator = 0;
  for (const [x, y] of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? null : numerator / denominator;
}

async function sampleOf(handle: LayoutHandle, started: number): Promise<Sample> {
  const response = await fetch(`${handle.apiUrl}/admin/metrics`, {
    headers: { authorization: `Bearer ${handle.adminToken}` },
  });
  const metrics = parsePrometheusText(await response.text());
  const value = (name: string) => metrics.find((sample) => sample.name === name)?.value ?? null;
  const queueDepth: Record<string, number> = {};
  const consumerLag: Record<string, number> = {};
  for (const sample of metrics) {
    const queue = sample.labels.queue;
    if (
      sample.name === 'vigil_queue_jobs' &&
      queue &&
      ['waiting', 'active', 'delayed'].includes(sample.labels.state ?? '')
    ) {
      queueDepth[queue] = (queueDepth[queue] ?? 0) + sample.value;
    }
    const consumer = sample.labels.consumer;
    if (sample.name === 'vigil_consumer_lag_events' && consumer)
      consumerLag[consumer] = sample.value;
  }
  const heap = value('nodejs_heap_size_used_bytes');
  const delay = value('nodejs_eventloop_lag_p99_seconds');
  return {
    minute: (Date.now() - started) / 60_000,
    rssMb: Object.fromEntries(
      Object.entries(handle.processes.rssBytes()).map(([name, bytes]) => [name, bytes / MB]),
    ),
    heapUsedMb: heap === null ? null : heap / MB,
    eventLoopDelayP99Ms: delay === null ? null : delay * 1_000,
    queueDepth,
    consumerLag,
  };
}

function chartPoints(samples: readonly Sample[]): ChartPoint[] {
  return samples.flatMap((sample) => [
    ...Object.entries(sample.rssMb).map(([series, value]) => ({
      minute: sample.minute,
      panel: 'RSS (MB)',
      series,
      value,
    })),
    ...(sample.heapUsedMb === null
      ? []
      : [
          {
            minute: sample.minute,
            panel: 'heap used (MB)',
            series: 'api',
            value: sample.heapUsedMb,
          },
        ]),
    ...(sample.eventLoopDelayP99Ms === null
      ? []
      : [
          {
            minute: sample.minute,
            panel: 'event-loop delay p99 (ms)',
            series: 'api',
            value: sample.eventLoopDelayP99Ms,
          },
        ]),
    ...Object.entries(sample.queueDepth).map(([series, value]) => ({
      minute: sample.minute,
      panel: 'queue depth (jobs)',
      series,
      value,
    })),
    ...Object.entries(sample.consumerLag).map(([series, value]) => ({
      minute: sample.minute,
      panel: 'consumer lag (events)',
      series,
      value,
    })),
  ]);
}

async function main(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { minutes: { type: 'string' }, layout: { type: 'string' }, rate: { type: 'string' } },
  });
  const minutes = Number(values.minutes ?? '10');
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new Error(`--minutes: must be a positive number (got ${values.minutes})`);
  const layout = (values.layout ?? 'all-in-one') as Layout;
  if (!LAYOUTS.includes(layout))
    throw new Error(`--layout: one of ${LAYOUTS.join(', ')} (got ${values.layout})`);
  const rate = Number(values.rate ?? DEFAULT_RATE);
  if (!Number.isFinite(rate) || rate <= 0)
    throw new Error(`--rate: must be a positive number of items per second (got ${values.rate})`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const startLoad = loadAverage();
  process.stdout.write(
    `soak: ${layout}, ${rate} items/s (${WATCHLIST_SHARE * 100}% on the watchlist) for ${minutes} min, ` +
      `${FEEDS} feeds, ${WEBHOOKS} webhook receivers, ${MAILBOXES} email subscribers; load average ${startLoad}\n`,
  );
  const feedServer = await FeedServer.start(FEEDS);
  const receivers = await Receivers.start(WEBHOOKS);
  const samples: Sample[] = [];
  let started = 0;
  try {
    const result = await runLayout(
      { feedServer, receivers },
      {
        layout,
        feeds: FEEDS,
        mailboxes: MAILBOXES,
        generatedRules: GENERATED_RULES,
        rate,
        watchlistShare: WATCHLIST_SHARE,
        steadySeconds: minutes * 60,
        burstItems: 0,
        stallMs: STALL_MS,
        log,
        sampler: {
          everyMs: SAMPLE_EVERY_MS,
          sample: async (handle) => {
            started ||= Date.now();
            samples.push(await sampleOf(handle, started));
          },
        },
      },
    );
    const secondHalf = samples.filter((sample) => sample.minute >= minutes / 2);
    const processes = Object.keys(samples[0]?.rssMb ?? {});
    const rssSlopes = Object.fromEntries(
      processes.map((name) => [
        name,
        slope(secondHalf.map((sample) => [sample.minute, sample.rssMb[name] ?? 0])),
      ]),
    );
    const heapSlope = slope(
      secondHalf.flatMap((sample) =>
        sample.heapUsedMb === null ? [] : [[sample.minute, sample.heapUsedMb] as const],
      ),
    );
    const endLoad = loadAverage();
    const title = `Vigil soak: ${layout}, ${rate} items/s, ${minutes} min (load ${startLoad} → ${endLoad})`;
    const svg = await renderSoakChart(chartPoints(samples), title);
    const figuresPath = writeResults(`soak-${layout}`, {
      command: `npm run bench:soak -- ${args.join(' ')}`.trim(),
      measuredAt: new Date().toISOString(),
      machine: machine(),
      loadAverage: { start: startLoad, end: endLoad },
      settings: {
        layout,
        minutes,
        rate,
        feeds: FEEDS,
        webhooks: WEBHOOKS,
        mailboxes: MAILBOXES,
        generatedRules: GENERATED_RULES,
        watchlistShare: WATCHLIST_SHARE,
        sampleEveryMs: SAMPLE_EVERY_MS,
      },
      slopesOverSecondHalf: { rssMbPerMinute: rssSlopes, heapUsedMbPerMinute: heapSlope },
      result,
      samples,
    });
    const chartPath = figuresPath.replace(/\.json$/, '.svg');
    writeFileSync(chartPath, svg);
    const show = (value: number | null) =>
      value === null ? '–' : `${value >= 0 ? '+' : ''}${value.toFixed(2)} MB/min`;
    process.stdout.write(
      [
        `${samples.length} samples every ${SAMPLE_EVERY_MS / 1_000} s; slopes over the second half (a leak is a steady rise):`,
        ...processes.map(
          (name) =>
            `  RSS ${name}: ${show(rssSlopes[name] ?? null)} (last ${(samples.at(-1)?.rssMb[name] ?? 0).toFixed(0)} MB)`,
        ),
        `  heap used (api): ${show(heapSlope)} (last ${samples.at(-1)?.heapUsedMb?.toFixed(0) ?? '–'} MB)`,
        `deliveries: ${result.steady.deliveries} verified webhooks, ${result.steady.emails} emails; ` +
          `watchlist items missing a webhook ${result.check.itemsMissingWebhooks}, an email ${result.check.itemsMissingEmails}; ` +
          `unverified ${result.check.unverifiedWebhooks}, not owed ${result.check.offWatchlistDeliveries}, ` +
          `repeated webhooks ${result.check.extraWebhooks}, emails ${result.check.extraEmails}`,
        `item on feed to webhook p50 / p99: ${result.steady.itemToWebhookMs.p50 ?? '–'} / ${result.steady.itemToWebhookMs.p99 ?? '–'} ms`,
        `load average: ${startLoad} at start, ${endLoad} at end (the machine is shared: figures are noisy)`,
        `figures: ${figuresPath}`,
        `chart: ${chartPath}`,
        '',
      ].join('\n'),
    );
    return faultsOf(result.check) > 0 ? 1 : 0;
  } finally {
    await receivers.stop();
    await feedServer.stop();
  }
}

runMain('soak', main);
