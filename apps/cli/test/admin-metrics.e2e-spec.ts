import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createHttpApplication } from '@app/api';
import { MetricsProjection } from '@app/consumers';
import { DATABASE, type Database, EVENT_STORE, type EventStore } from '@app/event-store';
import type { VigilConfig } from '@app/platform';
import {
  adminClient,
  apiClient,
  consumersCaughtUp,
  createPostgresTestDatabase,
  expectEventually,
  freePort,
  type PostgresTestDatabase,
  testConfig,
  WebhookReceiver,
} from '@app/testing';
import { createWorkerContext } from '@app/worker';
import { type RedisServerHandle, startRedisServer } from '../src/redis-server.js';

const ADMIN_TOKEN = 'e2e-admin-token-metrics-0123456789';

const WIRE_RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>http://wire.example/</link>
<item><title>Dissident Ana Lopez held in Vilnius on a red notice</title>
<link>http://wire.example/lopez</link><guid>lopez-1</guid>
<description>Police detained Lopez, an exiled activist, on a red notice.</description></item>
</channel></rss>`;

/** `name{a="1",b="2"}` with the labels sorted: the key of one series in a scrape. */
function seriesKey(name: string, labels: Readonly<Record<string, string>> = {}): string {
  const pairs = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}="${value}"`);
  return pairs.length === 0 ? name : `${name}{${pairs.join(',')}}`;
}

/**
 * Parses the Prometheus text exposition format strictly enough to fail on anything else: every
 * line is a HELP, a TYPE or a sample of a family whose TYPE came first.
 */
function parsePrometheusText(text: string): Map<string, number> {
  const families = new Map<string, string>();
  const samples = new Map<string, number>();
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const sampleLine = new RegExp(
    `^(${name})(?:\\{((?:[a-zA-Z_]\\w*="(?:[^"\\\\]|\\\\.)*",?)*)\\})? ` +
      // Values as Prometheus reads them (Go's ParseFloat, which takes NaN in any case):
      // prom-client writes `Nan` for a default metric with no sample yet.
      '(-?\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?|[Nn]a[Nn]|[+-]Inf)$',
  );
  for (const line of text.split('\n')) {
    if (line === '' || new RegExp(`^# HELP ${name} `).test(line)) continue;
    const type = new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`).exec(
      line,
    );
    if (type) {
      families.set(type[1]!, type[2]!);
      continue;
    }
    const sample = sampleLine.exec(line);
    if (!sample) throw new Error(`not Prometheus text: ${line}`);
    const [, metric = '', labelText = '', value = ''] = sample;
    const family = metric.replace(/_(bucket|sum|count)$/, '');
    if (!families.has(metric) && families.get(family) !== 'histogram') {
      throw new Error(`sample of an undeclared family: ${line}`);
    }
    const labels = Object.fromEntries(
      [...labelText.matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((match) => [
        match[1]!,
        match[2]!,
      ]),
    );
    samples.set(seriesKey(metric, labels), Number(value));
  }
  return samples;
}

describe('GET /admin/metrics with a worker and two api processes', () => {
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let otherApi: INestApplication;
  let store: EventStore;
  let feedServer: Server;
  let feedUrl: string;
  let baseUrl: string;
  let otherBaseUrl: string;
  const receivers: WebhookReceiver[] = [];
  const admin = adminClient(() => baseUrl, ADMIN_TOKEN);
  const call = apiClient(() => baseUrl);

  const scrape = async (url = baseUrl): Promise<Map<string, number>> => {
    const response = await fetch(`${url}/admin/metrics`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parsePrometheusText(await response.text());
  };
  const value = (samples: Map<string, number>, name: string, labels = {}) =>
    samples.get(seriesKey(name, labels)) ?? 0;

  const subscribe = async (receiver: WebhookReceiver): Promise<void> => {
    const response = await call('POST', '/v1/subscriptions', {
      body: { channel: 'webhook', url: receiver.url, topics: ['red-notice-abuse'] },
    });
    expect(response.status).toBe(201);
    receiver.secret = response.body['secret'] as string;
  };

  const boot = async (config: VigilConfig): Promise<[INestApplication, string]> => {
    const app = await createHttpApplication(config);
    await app.listen(0, '127.0.0.1');
    return [app, (await app.getUrl()).replace('[::1]', '127.0.0.1')];
  };

  beforeAll(async () => {
    feedServer = createServer((request, response) => {
      if (request.url === '/wire.rss') {
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(WIRE_RSS);
      } else {
        response.writeHead(200, { 'content-type': 'text/html' }).end('<html>no feed</html>');
      }
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
    database = await createPostgresTestDatabase();
    const base = testConfig({
      DATABASE_URL: database.url,
      ADMIN_TOKEN,
      ALLOW_PRIVATE_NETWORKS: 'true',
    });
    // Retries in milliseconds, so a failing endpoint is dead-lettered within the test.
    const config: VigilConfig = {
      ...base,
      runtime: {
        ...base.runtime,
        webhooks: { ...base.runtime.webhooks, retryDelaysSeconds: [0.05, 0.05] },
      },
    };
    worker = await createWorkerContext(config);
    store = worker.get<EventStore>(EVENT_STORE);
    [api, baseUrl] = await boot(config);
    [otherApi, otherBaseUrl] = await boot(config);
  });

  afterAll(async () => {
    await otherApi.close();
    await api.close();
    await worker.close();
    await Promise.all(receivers.map((receiver) => receiver.stop()));
    feedServer.closeAllConnections();
    await new Promise((resolve) => feedServer.close(resolve));
    await database.drop();
  });

  it('answers Prometheus text with every family, the process metrics, and nothing counted yet', async () => {
    const samples = await scrape();

    expect(value(samples, 'vigil_items_discovered_total')).toBe(0);
    expect(value(samples, 'vigil_alerts_raised_total')).toBe(0);
    expect(value(samples, 'vigil_feed_polls_total')).toBe(0);
    expect(samples.get(seriesKey('vigil_event_log_head_position'))).toBeGreaterThan(0);
    expect(
      samples.get(seriesKey('vigil_queue_jobs', { queue: 'deliveries', state: 'failed' })),
    ).toBe(0);
    expect(samples.has('process_cpu_user_seconds_total')).toBe(true);
    expect(samples.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('moves the poll, item, match, alert and delivery series when a feed brings a matching item', async () => {
    const delivered = await WebhookReceiver.start();
    const refusing = await WebhookReceiver.start(() => 500);
    receivers.push(delivered, refusing);
    await subscribe(delivered);
    await subscribe(refusing);

    const feed = await admin('POST', '/admin/feeds', { id: 'wire', url: `${feedUrl}/wire.rss` });
    expect(feed.status).toBe(201);
    expect((await admin('POST', '/admin/feeds/wire/poll')).status).toBe(202);
    await expectEventually(() => expect(delivered.received).toHaveLength(1));
    await expectEventually(async () => {
      const dead = await store.readAll({
        after: 0,
        limit: 1_000,
        types: ['notification.dead_lettered'],
      });
      expect(dead).toHaveLength(1);
    });
    await consumersCaughtUp(store);
    const samples = await scrape();

    expect(value(samples, 'vigil_feed_polls_total')).toBeGreaterThanOrEqual(1);
    expect(value(samples, 'vigil_items_discovered_total')).toBe(1);
    expect(value(samples, 'vigil_item_matches_total', { topic: 'red-notice-abuse' })).toBe(1);
    expect(value(samples, 'vigil_alerts_raised_total')).toBe(1);
    const webhook = (outcome: string) => ({ channel: 'webhook', outcome });
    expect(value(samples, 'vigil_deliveries_total', webhook('delivered'))).toBe(1);
    // Three attempts (the first and two retries), then the dead letter.
    expect(value(samples, 'vigil_deliveries_total', webhook('failed'))).toBe(3);
    expect(value(samples, 'vigil_deliveries_total', webhook('dead_lettered'))).toBe(1);
    const latency = 'vigil_delivery_latency_seconds';
    expect(value(samples, `${latency}_count`, webhook('delivered'))).toBe(1);
    expect(value(samples, `${latency}_count`, webhook('failed'))).toBe(3);
    expect(value(samples, `${latency}_bucket`, { ...webhook('failed'), le: '+Inf' })).toBe(3);
    expect(value(samples, `${latency}_bucket`, { ...webhook('failed'), le: '30' })).toBe(3);
    expect(value(samples, `${latency}_sum`, webhook('failed'))).toBeGreaterThan(0);
    const freshness = 'vigil_item_to_delivery_seconds';
    expect(value(samples, `${freshness}_count`, { channel: 'webhook' })).toBe(1);
    expect(value(samples, `${freshness}_bucket`, { channel: 'webhook', le: '86400' })).toBe(1);
    expect(value(samples, `${freshness}_sum`, { channel: 'webhook' })).toBeGreaterThan(0);
    expect(
      value(samples, 'vigil_queue_jobs', { queue: 'deliveries', state: 'completed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(samples.get(seriesKey('vigil_consumer_lag_events', { consumer: 'metrics-view' }))).toBe(
      0,
    );
  });

  it('counts a failed poll under its reason', async () => {
    await admin('POST', '/admin/feeds', { id: 'broken', url: `${feedUrl}/not-a-feed` });
    await admin('POST', '/admin/feeds/broken/poll');

    await expectEventually(async () => {
      const samples = await scrape();
      expect(value(samples, 'vigil_feed_poll_failures_total', { reason: 'not_a_feed' })).toBe(1);
    });
  });

  it('answers the same numbers from either api process, and counts a replayed page once', async () => {
    await consumersCaughtUp(store);
    const fromLog = (samples: Map<string, number>) =>
      [...samples].filter(([key]) => /^vigil_(items|item_|alerts|deliver)/.test(key)).sort();
    const before = fromLog(await scrape());

    // The worker's own projection hands the page over again, as after a crash before its
    // checkpoint: nothing is counted twice.
    const events = await store.readAll({ after: 0, limit: 10_000 });
    await new MetricsProjection(worker.get<Database>(DATABASE)).handleBatch(events);

    expect(before.length).toBeGreaterThan(10);
    expect(fromLog(await scrape())).toEqual(before);
    expect(fromLog(await scrape(otherBaseUrl))).toEqual(before);
  });
});

describe('GET /admin/metrics while Redis does not answer', () => {
  let database: PostgresTestDatabase;
  let redisDir: string;
  let redisServer: RedisServerHandle;
  let redisUrl: string;
  let api: INestApplication;
  let baseUrl: string;

  const scrape = async (): Promise<{ samples: Map<string, number>; ms: number }> => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/admin/metrics`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(response.status).toBe(200);
    const samples = parsePrometheusText(await response.text());
    return { samples, ms: performance.now() - started };
  };
  const up = (samples: Map<string, number>, source: string) =>
    samples.get(seriesKey('vigil_metrics_source_up', { source }));

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    redisDir = await mkdtemp(join(tmpdir(), 'vigil-metrics-redis-'));
    const port = await freePort();
    redisUrl = `redis://127.0.0.1:${port}`;
    redisServer = await startRedisServer({ port, dir: redisDir });
    api = await createHttpApplication(
      testConfig({ DATABASE_URL: database.url, ADMIN_TOKEN, REDIS_URL: redisUrl }),
    );
    await api.listen(0, '127.0.0.1');
    baseUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await api.close();
    await redisServer.stop();
    await rm(redisDir, { recursive: true, force: true });
    await database.drop();
  });

  it('answers at once with what the log says and marks Redis down, then reads it again when it is back', async () => {
    const before = await scrape();
    expect(up(before.samples, 'redis')).toBe(1);
    expect(up(before.samples, 'event_store')).toBe(1);
    const failedJobs = seriesKey('vigil_queue_jobs', { queue: 'deliveries', state: 'failed' });
    expect(before.samples.get(failedJobs)).toBe(0);

    // Every client of this Redis, the api's included, waits while it is paused: a hung Redis.
    const pauseMs = 8_000;
    const pauser = new Redis(redisUrl);
    await pauser.call('CLIENT', 'PAUSE', String(pauseMs), 'ALL');
    const paused = performance.now();
    const during = await scrape();
    pauser.disconnect();

    expect(performance.now() - paused).toBeLessThan(pauseMs);
    expect(up(during.samples, 'redis')).toBe(0);
    expect(up(during.samples, 'event_store')).toBe(1);
    const head = seriesKey('vigil_event_log_head_position');
    expect(during.samples.get(head)).toBe(before.samples.get(head));
    // Kept from the scrape before, not dropped to zero or removed.
    expect(during.samples.get(failedJobs)).toBe(0);

    await expectEventually(async () => expect(up((await scrape()).samples, 'redis')).toBe(1), {
      timeoutMs: pauseMs + 10_000,
      intervalMs: 500,
    });
  }, 60_000);
});
