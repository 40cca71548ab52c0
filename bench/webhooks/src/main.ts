import { fork } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { arch, cpus, platform, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { SubscriptionsReader } from '@app/consumers';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { noopJobsPerSecond } from '@app/bench-kit';
import { deleteQueueKeys } from '@app/jobs';
import { loadConfig } from '@app/platform';
import { newWebhookSecret, SubscriptionKeyStore } from '@app/subscriptions';
import {
  alertRaisedEntry,
  createPostgresTestDatabase,
  NO_FEEDS_FILE,
  seedWebhookSubscription,
  TEST_WATCHLIST_FILE,
} from '@app/testing';
import { createWorkerContext } from '@app/worker';

const FULL = { alerts: 1_000, receivers: 100 };
const QUICK = { alerts: 100, receivers: 20 };
const TARGET_RATIO = 0.5;
const TOPIC = 'red-notice-abuse';
const REPORT_EVERY_MS = 1_000;
const STALL_MS = 60_000;
const PAGE = 5_000;

async function main(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { quick: { type: 'boolean' } } });
  const { alerts, receivers } = values.quick ? QUICK : FULL;
  const deliveries = alerts * receivers;
  const cpuList = cpus();
  process.stdout.write(
    `webhooks bench${values.quick ? ' (quick)' : ''}: ${alerts} alerts x ${receivers} receivers ` +
      `= ${deliveries} deliveries\nmachine: ${cpuList.length} CPUs (${cpuList[0]?.model ?? '?'}), ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}, ${platform()}-${arch()}\n\n`,
  );

  const receiverProcess = fork(fileURLToPath(new URL('./receivers.process.js', import.meta.url)));
  receiverProcess.send({ count: receivers });
  const [{ urls }] = (await once(receiverProcess, 'message')) as [{ urls: string[] }];

  const database = await createPostgresTestDatabase();
  const queuePrefix = `bench-${randomUUID().slice(0, 8)}`;
  const config = loadConfig({
    env: {
      DATABASE_URL: database.url,
      QUEUE_PREFIX: queuePrefix,
      FEEDS_FILE: NO_FEEDS_FILE,
      WATCHLIST_FILE: TEST_WATCHLIST_FILE,
      ALLOW_PRIVATE_NETWORKS: 'true',
      LOG_LEVEL: 'warn',
    },
  });
  const worker = await createWorkerContext(config);
  const store = worker.get<EventStore>(EVENT_STORE);
  const keys = worker.get(SubscriptionKeyStore);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  try {
    for (const url of urls) {
      await seedWebhookSubscription(store, keys, {
        url,
        secret: newWebhookSecret(),
        topics: [TOPIC],
      });
    }
    const catalog = worker.get(SubscriptionsReader);
    while (
      (await catalog.audience({ topics: [TOPIC], score: 1, corroboration: false })).length <
      receivers
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const started = Date.now();
    await store.appendToNewStreams(
      Array.from({ length: alerts }, (_, index) => {
        const alertId = `bench${index}`;
        const item = {
          id: `bench-item-${index}`,
          feedId: 'bench',
          title: `Exiled activist ${index} held on a red notice`,
          url: `https://bench.example/${index}`,
          summary: 'A dissident was detained on a red notice, rights groups said.',
          publishedAt: null,
          seenAt: new Date(started).toISOString(),
        };
        return alertRaisedEntry(alertId, TOPIC, item);
      }),
    );

    const receivedAt = new Map<string, number>();
    let lastProgress = Date.now();
    while (receivedAt.size < deliveries) {
      await new Promise((resolve) => setTimeout(resolve, REPORT_EVERY_MS));
      receiverProcess.send({ report: true });
      const [{ receipts }] = (await once(receiverProcess, 'message')) as [
        { receipts: [string, number][] },
      ];
      for (const [id, at] of receipts) if (!receivedAt.has(id)) receivedAt.set(id, at);
      if (receipts.length > 0) lastProgress = Date.now();
      process.stderr.write(`  ${receivedAt.size} of ${deliveries} delivered\n`);
      if (Date.now() - lastProgress > STALL_MS) throw new Error('deliveries stalled');
    }
    const lastReceipt = Math.max(...receivedAt.values());
    const seconds = (lastReceipt - started) / 1_000;

    const latencies = await latenciesFromLog(store, receivedAt);
    await worker.close();
    const baseline = await noopJobsPerSecond(
      redis,
      queuePrefix,
      deliveries,
      config.runtime.webhooks.concurrency,
    );
    const rate = deliveries / seconds;
    const ratio = rate / baseline;
    const percentile = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
    process.stdout.write(
      [
        '| measure | value |',
        '|---|---|',
        `| deliveries | ${deliveries} (${receivedAt.size} distinct webhook-ids received) |`,
        `| wall time, first alert to last receipt | ${seconds.toFixed(1)} s |`,
        `| deliveries/s | ${rate.toFixed(0)} |`,
        `| alert.raised to receipt, p50 | ${percentile(0.5).toFixed(0)} ms |`,
        `| alert.raised to receipt, p99 | ${percentile(0.99).toFixed(0)} ms |`,
        `| baseline: BullMQ no-op jobs/s (concurrency ${config.runtime.webhooks.concurrency}) | ${baseline.toFixed(0)} |`,
        `| ratio deliveries/s to no-op jobs/s | ${ratio.toFixed(2)} |`,
        '',
        `target: ratio >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT MET'}`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    receiverProcess.send({ stop: true });
    await redis.quit();
    await deleteQueueKeys(config.redisUrl, queuePrefix);
    await database.drop();
  }
}

/** Each delivery's time from its alert event's record to its receipt, sorted. */
async function latenciesFromLog(
  store: EventStore,
  receivedAt: ReadonlyMap<string, number>,
): Promise<number[]> {
  const raisedAt = new Map<number, number>();
  const sourceOf = new Map<string, number>();
  for (let after = 0; ;) {
    const page = await store.readAll({
      after,
      limit: PAGE,
      types: ['alert.raised', 'notification.requested'],
    });
    for (const event of page) {
      after = event.position;
      if (event.type === 'alert.raised') raisedAt.set(event.position, Date.parse(event.recordedAt));
      if (event.type === 'notification.requested' && event.data.sourcePosition !== undefined) {
        sourceOf.set(event.data.notificationId, event.data.sourcePosition);
      }
    }
    if (page.length < PAGE) break;
  }
  return [...receivedAt]
    .map(([id, at]) => at - (raisedAt.get(sourceOf.get(id) ?? -1) ?? NaN))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `webhooks bench failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
