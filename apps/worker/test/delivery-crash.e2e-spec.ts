import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type EventStore, PostgresDatabase, SqlEventStore } from '@app/event-store';
import { newWebhookSecret, SubscriptionKeyStore } from '@app/subscriptions';
import {
  alertRaisedEntry,
  childProcessEnv,
  createPostgresTestDatabase,
  expectEventually,
  NO_FEEDS_FILE,
  type PostgresTestDatabase,
  seedWebhookSubscription,
  TEST_WATCHLIST_FILE,
  uniqueQueuePrefix,
  WebhookReceiver,
} from '@app/testing';

/** The built worker, run by the project's pinned Node (npm test builds first). */
const WORKER = join(process.cwd(), 'apps/worker/dist/main.js');
const TOPIC = 'red-notice-abuse';

describe('a worker killed in the middle of a delivery', () => {
  let database: PostgresTestDatabase;
  let dir: string;
  let store: EventStore;
  let keys: SubscriptionKeyStore;
  let receiver: WebhookReceiver;
  const workers: ChildProcess[] = [];
  const secret = newWebhookSecret();
  let env: Record<string, string>;

  const startWorker = (): ChildProcess => {
    const worker = spawn(process.execPath, [WORKER], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    // The first request hangs (the worker dies waiting for it); later ones succeed.
    receiver = await WebhookReceiver.start((request) => (request === 0 ? 'hang' : 204));
    receiver.secret = secret;

    database = await createPostgresTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'vigil-crash-'));
    const settings = join(dir, 'vigil.yaml');
    // A long timeout: the delivery must still be in flight when the worker is killed. A short
    // job lock and stalled check: the dead worker's job is handed on within about 7 s.
    await writeFile(
      settings,
      'webhooks:\n  totalTimeoutMs: 120000\nworkers:\n  jobLockMs: 5000\n  stalledCheckMs: 2000\n',
    );
    env = childProcessEnv({
      DATABASE_URL: database.url,
      FEEDS_FILE: NO_FEEDS_FILE,
      WATCHLIST_FILE: TEST_WATCHLIST_FILE,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      VIGIL_CONFIG_FILE: settings,
      ALLOW_PRIVATE_NETWORKS: 'true',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    });
    const sql = await PostgresDatabase.open(database.url);
    store = await SqlEventStore.open(sql);
    keys = new SubscriptionKeyStore(sql);
    await keys.ensureSchema();
    await seedWebhookSubscription(store, keys, { url: receiver.url, secret, topics: [TOPIC] });
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) {
      if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    }
    await receiver.stop();
    await store.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('is redelivered by another worker with the same webhook-id, and recorded once', async () => {
    const first = startWorker();
    const item = {
      id: 'crash-item',
      feedId: 'wire',
      title: 'Exiled activist held on a red notice',
      url: null,
      summary: 'A dissident was detained on a red notice.',
      publishedAt: null,
      seenAt: new Date().toISOString(),
    };
    // Appended once the worker has built its subscriptions view, so the fan-out sees it.
    await expectEventually(
      async () => {
        const checkpoints = await store.listCheckpoints();
        const view = checkpoints.find((each) => each.name === 'subscriptions-view');
        expect(view?.position ?? 0).toBeGreaterThanOrEqual(1);
      },
      { timeoutMs: 30_000 },
    );
    await store.appendToNewStreams([alertRaisedEntry('crash', TOPIC, item)]);
    await expectEventually(() => expect(receiver.received).toHaveLength(1), { timeoutMs: 30_000 });
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    startWorker();
    // BullMQ hands the job of the dead worker on once its lock has expired (5 s) and its stalled
    // check next runs (every 2 s), after the new worker's start, which under the load of the
    // whole suite on two cores has taken tens of seconds.
    await expectEventually(() => expect(receiver.received).toHaveLength(2), {
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    expect(receiver.received[1]?.id).toBe(receiver.received[0]?.id);
    expect(receiver.received.every((each) => each.verified)).toBe(true);
    await expectEventually(async () => {
      const types = (await store.readStream(`notification-${receiver.received[0]?.id ?? ''}`)).map(
        (event) => event.type,
      );
      expect(types).toEqual(['notification.requested', 'notification.delivered']);
    });
  }, 180_000);
});
