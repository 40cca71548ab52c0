import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { subscriptionStream } from '@app/contracts';
import { FeedsReader } from '@app/consumers';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { JobName, JobQueues } from '@app/jobs';
import type { VigilConfig } from '@app/platform';
import { SubscriptionKeyStore } from '@app/subscriptions';
import {
  createPostgresTestDatabase,
  expectEventually,
  loseRedisData,
  type PostgresTestDatabase,
  seedWebhookSubscription,
  testConfig,
  WebhookReceiver,
} from '@app/testing';
import { createWorkerContext } from '../src/index.js';
import { OperatorAlertReconciler } from '../src/operators/operator-alert.reconciler.js';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>INTERPOL elects a president</title><guid>story-1</guid></item></channel></rss>`;

/** A feed on loopback that answers 200 or, once told to, 500. */
class FlakyFeed {
  status = 200;
  private readonly server: Server = createServer((_request, response) => {
    if (this.status === 200)
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
    else response.writeHead(this.status).end('internal error');
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/wire.rss`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

interface OperatorBody {
  readonly type: string;
  readonly timestamp: string;
  readonly data: Record<string, unknown>;
}

/** A webhook subscription, then its suspension (reason `gone`): what an operator is told of. */
async function suspendedSubscription(
  worker: INestApplicationContext,
  store: EventStore,
): Promise<string> {
  const subscriptionId = await seedWebhookSubscription(store, worker.get(SubscriptionKeyStore), {
    url: 'https://subscriber.example.org/hook',
    secret: `whsec_${randomBytes(24).toString('base64')}`,
    topics: ['red-notice-abuse'],
  });
  await store.append(
    subscriptionStream(subscriptionId),
    [{ type: 'subscription.suspended', data: { subscriptionId, reason: 'gone' } }],
    { expectedVersion: 1 },
  );
  return subscriptionId;
}

describe('operator alerts: signed, once per incident', () => {
  const feed = new FlakyFeed();
  let receiver: WebhookReceiver;
  let database: PostgresTestDatabase;
  let dir: string;
  let worker: INestApplicationContext;
  let store: EventStore;
  let polls = 0;

  const bodies = () => receiver.received.map((request) => JSON.parse(request.body) as OperatorBody);
  const failuresInRow = async () => (await worker.get(FeedsReader).health('wire'))?.failuresInRow;
  /** One poll by the worker's own handler, waited for through the health it records. */
  const poll = async () => {
    polls += 1;
    const before = (await worker.get(FeedsReader).health('wire'))?.lastPollAt ?? null;
    await worker
      .get(JobQueues)
      .enqueue(JobName.PollFeed, { feedId: 'wire' }, { jobId: `poll-feed-wire-test-${polls}` });
    await expectEventually(async () =>
      expect((await worker.get(FeedsReader).health('wire'))?.lastPollAt).not.toBe(before),
    );
  };

  beforeAll(async () => {
    await feed.start();
    receiver = await WebhookReceiver.start();
    receiver.secret = `whsec_${randomBytes(24).toString('base64')}`;
    database = await createPostgresTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'vigil-operators-'));
    await writeFile(join(dir, 'feeds.yaml'), `feeds:\n  - { id: wire, url: "${feed.url}" }\n`);
    await writeFile(join(dir, 'vigil.yaml'), 'operators:\n  feedFailuresBeforeAlert: 3\n');
    worker = await createWorkerContext(
      testConfig({
        DATABASE_URL: database.url,
        FEEDS_FILE: join(dir, 'feeds.yaml'),
        VIGIL_CONFIG_FILE: join(dir, 'vigil.yaml'),
        ALLOW_PRIVATE_NETWORKS: 'true',
        OPERATOR_WEBHOOK_URL: receiver.url,
        OPERATOR_WEBHOOK_SECRET: receiver.secret,
      }),
    );
    store = worker.get<EventStore>(EVENT_STORE);
    // The scheduler polls a new feed at once: wait for that healthy first poll.
    await expectEventually(async () =>
      expect((await worker.get(FeedsReader).health('wire'))?.lastSuccessAt).toEqual(
        expect.any(String),
      ),
    );
  });

  afterAll(async () => {
    await worker.close();
    await receiver.stop();
    await feed.stop();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends operator.feed_failing once when the feed has failed three polls in a row', async () => {
    feed.status = 500;
    // Whatever polls the scheduler adds, nothing is sent before the third failure in a row.
    while (((await failuresInRow()) ?? 0) < 3) {
      expect(receiver.received).toHaveLength(0);
      await poll();
    }
    await expectEventually(() => expect(receiver.received).toHaveLength(1));
    await poll();
    await poll();
    expect(await failuresInRow()).toBeGreaterThanOrEqual(5);

    const [failing] = receiver.received;
    expect(failing?.verified).toBe(true);
    expect(JSON.parse(failing!.body)).toEqual({
      type: 'operator.feed_failing',
      timestamp: expect.any(String),
      data: {
        feedId: 'wire',
        url: feed.url,
        failures: 3,
        reason: 'http_5xx',
        message: expect.any(String),
        since: expect.any(String),
      },
    });
    // Recorded delivered in the log: a job run again sends nothing.
    await expectEventually(async () =>
      expect((await store.readStream('operator-feed-wire')).map((event) => event.type)).toEqual([
        'operator.feed_failing',
        'operator.alert_delivered',
      ]),
    );
    expect(receiver.received).toHaveLength(1);
  });

  it('sends operator.feed_recovered once at the next successful poll', async () => {
    feed.status = 200;
    await poll();
    await expectEventually(() => expect(receiver.received).toHaveLength(2));
    await poll();

    const recovered = receiver.received[1]!;
    expect(recovered.verified).toBe(true);
    const body = JSON.parse(recovered.body) as OperatorBody;
    expect(body).toMatchObject({
      type: 'operator.feed_recovered',
      data: { feedId: 'wire', url: feed.url, reason: 'http_5xx' },
    });
    expect(body.data['since']).toBe(bodies()[0]?.data['since']);
    await expectEventually(async () =>
      expect((await store.readStream('operator-feed-wire')).map((event) => event.type)).toEqual([
        'operator.feed_failing',
        'operator.alert_delivered',
        'operator.feed_recovered',
        'operator.alert_delivered',
      ]),
    );
    expect(receiver.received).toHaveLength(2);
  });

  it('sends operator.subscription_suspended once per suspension', async () => {
    const subscriptionId = await suspendedSubscription(worker, store);

    await expectEventually(() => expect(receiver.received).toHaveLength(3));
    const suspended = receiver.received[2]!;
    expect(suspended.verified).toBe(true);
    expect(JSON.parse(suspended.body)).toEqual({
      type: 'operator.subscription_suspended',
      timestamp: expect.any(String),
      data: {
        subscriptionId,
        reason: 'gone',
        since: expect.any(String),
        suspensionPosition: expect.any(Number),
      },
    });
    // Every webhook-id is the alert event's own id: distinct per alert, stable over retries.
    expect(new Set(receiver.received.map((request) => request.id)).size).toBe(3);
  });
});

describe('operator alerts: owed until delivered, whatever Redis loses', () => {
  let answer = 500;
  let receiver: WebhookReceiver;
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let store: EventStore;
  let config: VigilConfig;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start(() => answer);
    receiver.secret = `whsec_${randomBytes(24).toString('base64')}`;
    database = await createPostgresTestDatabase();
    config = testConfig({
      DATABASE_URL: database.url,
      ALLOW_PRIVATE_NETWORKS: 'true',
      OPERATOR_WEBHOOK_URL: receiver.url,
      OPERATOR_WEBHOOK_SECRET: receiver.secret,
    });
    worker = await createWorkerContext(config);
    store = worker.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await worker.close();
    await receiver.stop();
    await database.drop();
  });

  it('sends an alert whose retry Redis lost once the endpoint is back, and only once', async () => {
    const subscriptionId = await suspendedSubscription(worker, store);
    // The first attempt fails; its retry (10 s later) waits in Redis, which then loses it.
    await expectEventually(() => expect(receiver.received).toHaveLength(1));
    expect(await loseRedisData(config.redisUrl, config.queuePrefix)).toBeGreaterThan(0);
    answer = 204;

    const reconciler = worker.get(OperatorAlertReconciler);
    expect(await reconciler.reconcile()).toBe(1);
    await expectEventually(() => expect(receiver.received).toHaveLength(2));
    const [failed, delivered] = receiver.received;
    expect(delivered).toMatchObject({ id: failed!.id, verified: true });
    expect(JSON.parse(delivered!.body)).toMatchObject({
      type: 'operator.subscription_suspended',
      data: { subscriptionId, reason: 'gone' },
    });
    await expectEventually(async () =>
      expect(
        (await store.readAll({ after: 0, limit: 100, types: ['operator.alert_delivered'] })).length,
      ).toBe(1),
    );

    // Delivered is recorded: the next reconcile, reading only what came since, owes nothing.
    expect(await reconciler.reconcile()).toBe(0);
    expect(receiver.received).toHaveLength(2);
  });
});
