import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { collectDefaultMetrics, Counter, Gauge, type Metric, Registry } from 'prom-client';
import { consumerLag, MetricsReader, STORED_METRICS, type StoredSeries } from '@app/consumers';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { QueueName, readPollCounts, REDIS } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig, withTimeout } from '@app/platform';
import { QueueInspector, QUEUE_STATES } from '../queues/queue-inspector.service.js';
import { StoredHistogram } from './stored-histogram.js';

/** How long a scrape waits for one source before answering without it. */
const SOURCE_TIMEOUT_MS = 2_000;

/** Where the `vigil_*` series come from; one that does not answer leaves the scrape whole. */
type MetricsSource = 'event_store' | 'redis';

/**
 * GET /admin/metrics. Everything but the process metrics is read at scrape time from what all
 * processes share (the metrics view, the checkpoints and head of the log, Redis), so every api
 * process answers the same numbers however many workers did the work (docs/operations.md).
 */
@Injectable()
export class MetricsService {
  private readonly registry = new Registry();
  private readonly storedCounters: { readonly name: string; readonly counter: Counter }[] = [];
  private readonly storedHistograms: StoredHistogram[] = [];
  private readonly polls: Counter;
  private readonly pollFailures: Counter<'reason'>;
  private readonly queueJobs: Gauge<'queue' | 'state'>;
  private readonly consumerLag: Gauge<'consumer'>;
  private readonly logHead: Gauge;
  private readonly sourceUp: Gauge<'source'>;

  constructor(
    private readonly view: MetricsReader,
    private readonly queues: QueueInspector,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    for (const metric of STORED_METRICS) {
      if (metric.type === 'counter') {
        const { name, help, labelNames } = metric;
        this.storedCounters.push({
          name,
          counter: new Counter({ name, help, labelNames, registers }),
        });
      } else {
        const histogram = new StoredHistogram(metric);
        // prom-client's typings name only its own classes; its registry needs get() alone.
        this.registry.registerMetric(histogram as unknown as Metric);
        this.storedHistograms.push(histogram);
      }
    }
    this.polls = new Counter({
      name: 'vigil_feed_polls_total',
      help: 'Feed polls made by all workers, whatever their outcome.',
      registers,
    });
    this.pollFailures = new Counter({
      name: 'vigil_feed_poll_failures_total',
      help: 'Feed polls that failed, per reason code (SPEC.md §3).',
      labelNames: ['reason'],
      registers,
    });
    this.queueJobs = new Gauge({
      name: 'vigil_queue_jobs',
      help: 'Jobs in each BullMQ queue, per state, at scrape time.',
      labelNames: ['queue', 'state'],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'vigil_consumer_lag_events',
      help: "Events committed after a consumer's checkpoint, not yet handled by it.",
      labelNames: ['consumer'],
      registers,
    });
    this.logHead = new Gauge({
      name: 'vigil_event_log_head_position',
      help: 'Position of the last committed event: the size of the event log.',
      registers,
    });
    this.sourceUp = new Gauge({
      name: 'vigil_metrics_source_up',
      help: 'Whether the last scrape read this source (1) or kept its series from before (0).',
      labelNames: ['source'],
      registers,
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * Reads each source under a deadline: a Redis or a database that does not answer would
   * otherwise hold the scrape (ioredis queues commands until it reconnects), and the scrape is
   * how an operator sees that something is down. A source that fails keeps its series' last
   * values, so a counter never falls to zero and back, and `vigil_metrics_source_up` says so.
   */
  async render(): Promise<string> {
    await Promise.all([
      this.read('event_store', () => this.readEventStore()),
      this.read('redis', () => this.readRedis()),
    ]);
    return this.registry.metrics();
  }

  private async read(source: MetricsSource, update: () => Promise<void>): Promise<void> {
    try {
      await withTimeout(update(), SOURCE_TIMEOUT_MS);
      this.sourceUp.set({ source }, 1);
    } catch {
      this.sourceUp.set({ source }, 0);
    }
  }

  private async readEventStore(): Promise<void> {
    const [stored, lags, head] = await Promise.all([
      this.view.series(),
      consumerLag(this.store),
      this.store.headPosition(),
    ]);
    this.updateStored(stored);
    this.consumerLag.reset();
    for (const { name, lag } of lags) this.consumerLag.set({ consumer: name }, lag);
    this.logHead.set(head);
  }

  private async readRedis(): Promise<void> {
    const [polls, queueCounts] = await Promise.all([
      readPollCounts(this.redis, this.config.queuePrefix),
      Promise.all(
        Object.values(QueueName).map(async (queue) => ({
          queue,
          counts: await this.queues.counts(queue),
        })),
      ),
    ]);
    this.polls.reset();
    this.polls.inc(polls.total);
    this.pollFailures.reset();
    for (const [reason, count] of polls.failures) this.pollFailures.inc({ reason }, count);
    this.queueJobs.reset();
    for (const { queue, counts } of queueCounts) {
      for (const state of QUEUE_STATES) this.queueJobs.set({ queue, state }, counts[state]);
    }
  }

  private updateStored(series: readonly StoredSeries[]): void {
    for (const { name, counter } of this.storedCounters) {
      counter.reset();
      for (const row of series) if (row.name === name) counter.inc(row.labels, row.value);
    }
    for (const histogram of this.storedHistograms) histogram.update(series);
  }
}
