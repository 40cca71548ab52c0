import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { operatorConsumerStream } from '@app/contracts';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  alertRaisedEntry,
  consumersCaughtUp,
  createPostgresTestDatabase,
  expectEventually,
  NO_FEEDS_FILE,
  type PostgresTestDatabase,
  testConfig,
  WebhookReceiver,
} from '@app/testing';
import { createWorkerContext } from '../src/index.js';

const LAGGING_VIEW = 'alerts-view';

/**
 * A consumer that falls behind, really: another connection holds the alerts view's table locked
 * while alerts are recorded, so the alerts view cannot apply them and its checkpoint stays put.
 * The operator hears of it once, and again only after it caught up and fell behind anew.
 */
describe('operator.consumer_lagging: once per incident', () => {
  let receiver: WebhookReceiver;
  let database: PostgresTestDatabase;
  let dir: string;
  let worker: INestApplicationContext;
  let store: EventStore;

  const lagAlerts = () =>
    receiver.received
      .map((request) => JSON.parse(request.body) as { type: string; data: { consumer: string } })
      .filter((body) => body.type === 'operator.consumer_lagging');

  /** Holds the view's table locked while `alerts` alerts are recorded, for `holdMs`. */
  const fallBehind = async (alerts: number, holdMs: number): Promise<void> => {
    const locker = new Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE vigil_view_alerts IN ACCESS EXCLUSIVE MODE');
      await store.appendToNewStreams(
        Array.from({ length: alerts }, () => {
          const id = randomUUID();
          return alertRaisedEntry(id, 'red-notice-abuse', {
            id: `item-${id}`,
            feedId: 'wire',
            title: `Activist ${id} held on a red notice`,
            url: null,
            summary: 'An exiled activist was detained on a red notice.',
            publishedAt: null,
            seenAt: new Date().toISOString(),
          });
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      await locker.query('COMMIT');
    } finally {
      await locker.end();
    }
  };

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    receiver.secret = `whsec_${randomBytes(24).toString('base64')}`;
    database = await createPostgresTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'vigil-consumer-lag-'));
    // Behind by more than 5 events for 2 s: a consumer that reads only some types may trail the
    // head for up to a poll interval (1 s) without being behind its own work.
    await writeFile(
      join(dir, 'vigil.yaml'),
      'operators:\n  consumerLagEvents: 5\n  consumerLagForMs: 2000\n  lagCheckIntervalMs: 200\n',
    );
    worker = await createWorkerContext(
      testConfig({
        DATABASE_URL: database.url,
        FEEDS_FILE: NO_FEEDS_FILE,
        VIGIL_CONFIG_FILE: join(dir, 'vigil.yaml'),
        ALLOW_PRIVATE_NETWORKS: 'true',
        OPERATOR_WEBHOOK_URL: receiver.url,
        OPERATOR_WEBHOOK_SECRET: receiver.secret,
      }),
    );
    store = worker.get<EventStore>(EVENT_STORE);
  }, 60_000);

  afterAll(async () => {
    await worker.close();
    await receiver.stop();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('tells of a view held back for longer than the threshold once, and again after it caught up', async () => {
    await fallBehind(20, 4_000);
    await expectEventually(() => expect(lagAlerts()).toHaveLength(1), { timeoutMs: 15_000 });
    const [lagging] = receiver.received;
    expect(lagging?.verified).toBe(true);
    expect(lagAlerts()[0]).toMatchObject({
      data: { consumer: LAGGING_VIEW, threshold: 5, lag: expect.any(Number) },
    });

    await consumersCaughtUp(store);
    // The incident closes once the view is back within the threshold: recorded, not sent.
    await expectEventually(
      async () => {
        const types = (await store.readStream(operatorConsumerStream(LAGGING_VIEW))).map(
          (event) => event.type,
        );
        expect(types).toContain('operator.consumer_caught_up');
      },
      { timeoutMs: 15_000 },
    );
    expect(lagAlerts()).toHaveLength(1);

    await fallBehind(20, 4_000);
    await expectEventually(() => expect(lagAlerts()).toHaveLength(2), { timeoutMs: 15_000 });
    expect(lagAlerts().map((alert) => alert.data.consumer)).toEqual([LAGGING_VIEW, LAGGING_VIEW]);
  }, 90_000);
});
