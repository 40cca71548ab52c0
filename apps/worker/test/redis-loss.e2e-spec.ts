import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type AlertItemData, type EventOf, type EventType, isEventOf } from '@app/contracts';
import { type EventStore, PostgresDatabase, SqlEventStore } from '@app/event-store';
import { deliveryJobId, JobName, JobQueues, QueueName } from '@app/jobs';
import { testInfrastructure } from '@app/platform';
import { newWebhookSecret, SubscriptionKeyStore } from '@app/subscriptions';
import {
  alertRaisedEntry,
  childProcessEnv,
  createPostgresTestDatabase,
  discoverItem,
  expectEventually,
  loseRedisData,
  NO_FEEDS_FILE,
  type PostgresTestDatabase,
  seedWebhookSubscription,
  TEST_WATCHLIST_FILE,
  uniqueQueuePrefix,
  WebhookReceiver,
} from '@app/testing';

/** The built worker, run by the project's pinned Node (npm test builds first). */
const WORKER = join(process.cwd(), 'apps/worker/dist/main.js');
const { redisUrl: REDIS_URL } = testInfrastructure();
const TOPIC = 'red-notice-abuse';

/**
 * Redis is only a work queue (SPEC §1): whatever it loses is re-derived from the log. Each case
 * runs real worker processes against PostgreSQL and Redis, deletes every key of the
 * deployment's queue prefix (a Redis restart without persistence, or a failover to an empty
 * replica) at the worst moment, and checks that the work the log says is owed still happens,
 * once.
 */
class Deployment {
  readonly prefix = uniqueQueuePrefix();
  readonly workers: ChildProcess[] = [];
  store!: EventStore;
  sql!: PostgresDatabase;
  keys!: SubscriptionKeyStore;
  private database!: PostgresTestDatabase;
  private dir!: string;

  async open(): Promise<void> {
    this.database = await createPostgresTestDatabase();
    this.dir = await mkdtemp(join(tmpdir(), 'vigil-redis-loss-'));
    this.sql = await PostgresDatabase.open(this.database.url);
    this.store = await SqlEventStore.open(this.sql);
    this.keys = new SubscriptionKeyStore(this.sql);
    await this.keys.ensureSchema();
  }

  /** A worker process with these runtime settings (config/vigil.yaml's shape). */
  async startWorker(settings: string): Promise<ChildProcess> {
    const file = join(this.dir, `vigil-${this.workers.length}.yaml`);
    // Short leases: a SIGKILLed worker's consumers move to the next worker within 1-2 s, and
    // its jobs once their 5 s lock has expired and the next stalled check (every 2 s) runs.
    await writeFile(
      file,
      `${settings}consumers:\n  leaseMs: 1000\nworkers:\n  jobLockMs: 5000\n  stalledCheckMs: 2000\n`,
    );
    const worker = spawn(process.execPath, [WORKER], {
      env: childProcessEnv({
        DATABASE_URL: this.database.url,
        REDIS_URL,
        FEEDS_FILE: NO_FEEDS_FILE,
        WATCHLIST_FILE: TEST_WATCHLIST_FILE,
        QUEUE_PREFIX: this.prefix,
        VIGIL_CONFIG_FILE: file,
        ALLOW_PRIVATE_NETWORKS: 'true',
        LOG_LEVEL: 'error',
        LOG_FORMAT: 'json',
      }),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.workers.push(worker);
    return worker;
  }

  async kill(worker: ChildProcess): Promise<void> {
    if (worker.exitCode !== null || worker.signalCode !== null) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGKILL');
    await exited;
  }

  /** Until the consumer `name` has checkpointed at least `position`. */
  async untilConsumerAt(name: string, position: number): Promise<void> {
    await expectEventually(
      async () => {
        const checkpoint = (await this.store.listCheckpoints()).find((each) => each.name === name);
        expect(checkpoint?.position ?? 0).toBeGreaterThanOrEqual(position);
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );
  }

  loseRedisData(): Promise<number> {
    return loseRedisData(REDIS_URL, this.prefix);
  }

  async events<T extends EventType>(type: T): Promise<EventOf<T>[]> {
    const events = await this.store.readAll({ after: 0, limit: 10_000, types: [type] });
    return events.filter((event) => isEventOf(event, [type]));
  }

  /** The types recorded on each notification stream, by notification id. */
  async notificationHistories(): Promise<Map<string, string[]>> {
    const histories = new Map<string, string[]>();
    for (const requested of await this.events('notification.requested')) {
      const id = requested.stream.slice('notification-'.length);
      const history = await this.store.readStream(requested.stream);
      histories.set(
        id,
        history.map((event) => event.type),
      );
    }
    return histories;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => this.kill(worker)));
    await this.loseRedisData();
    await this.store.close();
    await this.database.drop();
    await rm(this.dir, { recursive: true, force: true });
  }
}

function reportItem(id: string): AlertItemData {
  return {
    id,
    feedId: 'wire',
    title: `Exiled activist ${id} held on a red notice`,
    url: null,
    summary: 'A dissident was detained on a red notice.',
    publishedAt: null,
    seenAt: new Date().toISOString(),
  };
}

async function raiseAlerts(deployment: Deployment, ids: readonly string[]): Promise<void> {
  await deployment.store.appendToNewStreams(
    ids.map((id) => alertRaisedEntry(id, TOPIC, reportItem(`item-${id}`))),
  );
}

/**
 * A deployment with one subscription of TOPIC whose receiver answers 204 and verifies every
 * request, opened before the describe's tests and closed after them. `receiver()` is the
 * receiver once opened.
 */
function deploymentWithSubscriber(): {
  deployment: Deployment;
  receiver: () => WebhookReceiver;
} {
  const deployment = new Deployment();
  let receiver: WebhookReceiver | undefined;
  beforeAll(async () => {
    await deployment.open();
    receiver = await WebhookReceiver.start(() => 204);
    receiver.secret = newWebhookSecret();
    await seedWebhookSubscription(deployment.store, deployment.keys, {
      url: receiver.url,
      secret: receiver.secret,
      topics: [TOPIC],
    });
  }, 60_000);
  afterAll(async () => {
    await receiver?.stop();
    await deployment.close();
  });
  return { deployment, receiver: () => receiver! };
}

/** Retries after about 3 s, so the delayed retry jobs are in Redis when it loses them. */
const SHORT_RETRIES = 'webhooks:\n  retryDelaysSeconds: [3, 3, 3, 3, 3, 3]\n';

describe.each([
  { restart: false, reconcileEveryMs: 1_000 },
  // Only the reconcile at start-up can bring them back: the periodic one is an hour away.
  { restart: true, reconcileEveryMs: 3_600_000 },
])(
  'Redis loses every delayed retry while a receiver is down (restart: $restart)',
  ({ restart, reconcileEveryMs }) => {
    const deployment = new Deployment();
    let receiver: WebhookReceiver;
    let receiverUp = false;
    const secret = newWebhookSecret();
    const settings = `${SHORT_RETRIES}reconciler:\n  intervalMs: ${reconcileEveryMs}\n`;

    beforeAll(async () => {
      await deployment.open();
      receiver = await WebhookReceiver.start(() => (receiverUp ? 204 : 503));
      receiver.secret = secret;
      await seedWebhookSubscription(deployment.store, deployment.keys, {
        url: receiver.url,
        secret,
        topics: [TOPIC],
      });
    }, 60_000);

    afterAll(async () => {
      await receiver.stop();
      await deployment.close();
    });

    it('delivers every alert, verified, with its original webhook-id, and records each once', async () => {
      const worker = await deployment.startWorker(settings);
      await deployment.untilConsumerAt('subscriptions-view', 1);
      await raiseAlerts(deployment, ['loss-1', 'loss-2', 'loss-3']);
      // Each first attempt fails; each retry is a delayed job, about 3 s away.
      await expectEventually(
        async () => expect(await deployment.events('notification.attempt_failed')).toHaveLength(3),
        { timeoutMs: 30_000 },
      );
      const failedIds = new Set(receiver.received.map((each) => each.id));
      expect(failedIds.size).toBe(3);
      if (restart) await deployment.kill(worker);
      expect(await deployment.loseRedisData()).toBeGreaterThan(0);
      const queue = new Queue(QueueName.Deliveries, {
        connection: { url: REDIS_URL },
        prefix: deployment.prefix,
      });
      try {
        // Nothing of the delayed retries is left in Redis: only the log knows they are owed.
        const counts = await queue.getJobCounts('delayed', 'waiting', 'active');
        if (restart) expect(counts).toEqual({ delayed: 0, waiting: 0, active: 0 });
        receiverUp = true;
        if (restart) await deployment.startWorker(settings);

        await expectEventually(
          async () => {
            const histories = await deployment.notificationHistories();
            expect([...histories.keys()].sort()).toEqual([...failedIds].sort());
            for (const types of histories.values()) {
              expect(types.filter((type) => type === 'notification.delivered')).toHaveLength(1);
            }
          },
          { timeoutMs: 45_000, intervalMs: 250 },
        );
      } finally {
        await queue.close();
      }
      // Each was refused once (503), then sent once after the loss, with the same webhook-id.
      for (const id of failedIds) {
        expect(receiver.received.filter((each) => each.id === id)).toHaveLength(2);
      }
      expect(receiver.received.every((each) => each.verified)).toBe(true);
    }, 120_000);
  },
);

describe('match work that Redis loses before it runs', () => {
  const deployment = new Deployment();
  let redis: Redis;

  beforeAll(async () => {
    await deployment.open();
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  }, 60_000);

  afterAll(async () => {
    redis.disconnect();
    await deployment.close();
  });

  it('matches every discovered item and raises the alerts that follow', async () => {
    await deployment.startWorker('reconciler:\n  intervalMs: 1000\n');
    await deployment.untilConsumerAt('match-dispatch', 1);
    // Held in Redis: the match jobs are queued but none runs until Redis loses them.
    const matching = new Queue(QueueName.Matching, {
      connection: redis,
      prefix: deployment.prefix,
    });
    await matching.pause();
    try {
      const items = {
        matching: [
          await discoverItem(deployment.store, {
            feedId: 'wire',
            title: 'Uyghur activist detained in Morocco on a Chinese red notice',
            summary: 'The exiled activist was arrested on an INTERPOL red notice.',
          }),
          await discoverItem(deployment.store, {
            feedId: 'wire',
            title: 'Journalist held in Dubai over a red notice from Tajikistan',
            summary: 'The journalist faces extradition on a red notice.',
          }),
        ],
        unmatched: [
          await discoverItem(deployment.store, {
            feedId: 'wire',
            title: 'Local football club wins the cup',
            summary: 'A late goal settled the final.',
          }),
        ],
      };
      const head = await deployment.store.headPosition();
      await deployment.untilConsumerAt('match-dispatch', head);
      const held = async () => {
        const counts = await matching.getJobCounts('waiting', 'prioritized', 'active', 'completed');
        return Object.values(counts).reduce((sum, count) => sum + count, 0);
      };
      await expectEventually(async () => expect(await held()).toBe(3));
      expect(await deployment.loseRedisData()).toBeGreaterThan(0);
      expect(await held()).toBe(0);

      await expectEventually(
        async () => {
          for (const stream of [...items.matching, ...items.unmatched]) {
            const types = (await deployment.store.readStream(stream)).map((event) => event.type);
            const expected = items.matching.includes(stream) ? 'item.matched' : 'item.unmatched';
            expect(types).toEqual(['item.discovered', expected]);
          }
        },
        { timeoutMs: 30_000, intervalMs: 100 },
      );
      await expectEventually(
        async () => {
          const reported = [
            ...(await deployment.events('alert.raised')),
            ...(await deployment.events('alert.corroborated')),
          ].map((event) => event.data.item.id);
          expect(reported.sort()).toEqual(
            items.matching.map((stream) => stream.slice('item-'.length)).sort(),
          );
        },
        { timeoutMs: 30_000, intervalMs: 100 },
      );
    } finally {
      await matching.close();
    }
  }, 120_000);
});

describe('workers SIGKILLed at random points while alerts are delivered', () => {
  const { deployment, receiver } = deploymentWithSubscriber();
  const settings = 'reconciler:\n  intervalMs: 1000\n';

  it('loses nothing owed, and records every notification delivered exactly once', async () => {
    const runs = 4;
    const perRun = 5;
    for (let run = 0; run < runs; run += 1) {
      const worker = await deployment.startWorker(settings);
      await deployment.untilConsumerAt('subscriptions-view', 1);
      await raiseAlerts(
        deployment,
        Array.from({ length: perRun }, (_, index) => `kill-${run}-${index}`),
      );
      // Somewhere in fan-out, dispatch or delivery: never the same point twice in a row.
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 700));
      await deployment.kill(worker);
    }
    await deployment.startWorker(settings);

    await expectEventually(
      async () => {
        const histories = await deployment.notificationHistories();
        expect(histories.size).toBe(runs * perRun);
        for (const types of histories.values()) {
          expect(types.filter((type) => type === 'notification.delivered')).toHaveLength(1);
        }
      },
      // A job whose worker was killed mid-delivery is handed on once its lock has expired and
      // the stalled check next runs (about 7 s here), after the last worker has started, which
      // under the whole suite's load on two cores has taken tens of seconds.
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    const histories = await deployment.notificationHistories();
    const receivedIds = new Set(receiver().received.map((each) => each.id));
    for (const id of histories.keys()) expect(receivedIds.has(id)).toBe(true);
    expect(receiver().received.every((each) => each.verified)).toBe(true);
  }, 210_000);
});

describe('the reconciler and notifications already delivered', () => {
  const { deployment, receiver } = deploymentWithSubscriber();

  it('never sends again: the reconciler asks the log, and a stale job finds the attempt recorded', async () => {
    await deployment.startWorker('reconciler:\n  intervalMs: 500\n');
    await deployment.untilConsumerAt('subscriptions-view', 1);
    await raiseAlerts(deployment, ['done-1', 'done-2']);
    await expectEventually(async () =>
      expect(await deployment.events('notification.delivered')).toHaveLength(2),
    );
    await deployment.untilConsumerAt('subscriptions-view', await deployment.store.headPosition());
    const sent = receiver().received.length;
    expect(sent).toBe(2);
    const ids = receiver().received.map((each) => each.id);

    // The worst a reconciler can find: Redis empty, and a view that lags behind the log so that
    // both notifications look owed at their first attempt. It checks the log and queues nothing;
    // and the jobs a lagging reconciler on another worker would queue (one naming the first
    // attempt, one from before jobs named a version) run and send nothing.
    await deployment.loseRedisData();
    await deployment.sql.query(
      `UPDATE vigil_view_notifications SET state = 'pending', at_version = 1, due_at = now()`,
    );
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queues = new JobQueues(redis, deployment.prefix);
    try {
      await queues.enqueueMany(
        JobName.DeliverNotification,
        ids.flatMap((notificationId) => [
          {
            data: { notificationId, atVersion: 1 },
            options: { jobId: `stale-${deliveryJobId(notificationId, 1)}` },
          },
          { data: { notificationId }, options: { jobId: `legacy-${notificationId}` } },
        ]),
      );
      const queue = queues.queue(QueueName.Deliveries);
      await expectEventually(
        async () => expect(await queue.getJobCounts('completed')).toEqual({ completed: 4 }),
        { timeoutMs: 15_000, intervalMs: 100 },
      );
    } finally {
      await queues.close();
      redis.disconnect();
    }
    expect(receiver().received).toHaveLength(sent);
    for (const types of (await deployment.notificationHistories()).values()) {
      expect(types).toEqual(['notification.requested', 'notification.delivered']);
    }
  }, 90_000);
});
