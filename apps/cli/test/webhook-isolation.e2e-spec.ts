import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { createHttpApplication } from '@app/api';
import { isEventOf } from '@app/contracts';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { VigilConfig } from '@app/platform';
import {
  consumersCaughtUp,
  createPostgresTestDatabase,
  discoverItem,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
  WebhookReceiver,
} from '@app/testing';
import { createWorkerContext } from '@app/worker';

const HEALTHY = 50;
const HANGING = 5;
const TOTAL_TIMEOUT_MS = 3_000;

/** Milliseconds from the alert's record to each healthy receiver's receipt of it. */
function latencies(receivers: readonly WebhookReceiver[], alertId: string, raisedAt: number) {
  return receivers
    .map((receiver) => {
      const got = receiver.received.find((each) => each.body.includes(alertId));
      return (got?.receivedAt ?? Number.NaN) - raisedAt;
    })
    .sort((a, b) => a - b);
}

describe('webhook isolation: hanging endpoints do not delay healthy ones', () => {
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let store: EventStore;
  let baseUrl: string;
  const healthy: WebhookReceiver[] = [];
  const hanging: WebhookReceiver[] = [];

  const subscribe = async (receiver: WebhookReceiver): Promise<void> => {
    const response = await fetch(`${baseUrl}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'webhook', url: receiver.url, topics: ['red-notice-abuse'] }),
    });
    expect(response.status).toBe(201);
    receiver.secret = ((await response.json()) as { secret: string }).secret;
  };

  /** Raises one alert; resolves with its id and when it was recorded. */
  const raiseAlert = async (): Promise<{ alertId: string; raisedAt: number }> => {
    const person = `P${randomUUID().slice(0, 8)}`;
    const stream = await discoverItem(store, {
      feedId: 'wire',
      title: `Dissident ${person} held on a red notice`,
      summary: `An exiled activist, ${person}, was detained on a red notice.`,
    });
    const raised = await expectEventually(async () => {
      const events = await store.readAll({ after: 0, limit: 1_000, types: ['alert.raised'] });
      const found = events
        .filter((event) => isEventOf(event, ['alert.raised']))
        .find((event) => event.data.item.id === stream.slice(5));
      expect(found).toBeDefined();
      return found!;
    });
    return { alertId: raised.data.alertId, raisedAt: Date.parse(raised.recordedAt) };
  };

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    const base = testConfig({ DATABASE_URL: database.url, ALLOW_PRIVATE_NETWORKS: 'true' });
    const config: VigilConfig = {
      ...base,
      runtime: {
        ...base.runtime,
        webhooks: { ...base.runtime.webhooks, totalTimeoutMs: TOTAL_TIMEOUT_MS },
      },
    };
    worker = await createWorkerContext(config);
    api = await createHttpApplication(config);
    await api.listen(0, '127.0.0.1');
    baseUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    store = worker.get<EventStore>(EVENT_STORE);
    for (let index = 0; index < HEALTHY; index++) healthy.push(await WebhookReceiver.start());
    for (let index = 0; index < HANGING; index++) {
      hanging.push(await WebhookReceiver.start(() => 'hang'));
    }
  });

  afterAll(async () => {
    await api.close();
    await worker.close();
    await Promise.all([...healthy, ...hanging].map((receiver) => receiver.stop()));
    await database.drop();
  });

  it('delivers to 50 healthy endpoints as fast with 5 hanging ones as without', async () => {
    for (const receiver of healthy) await subscribe(receiver);
    await consumersCaughtUp(store);
    const alone = await raiseAlert();
    await expectEventually(() =>
      expect(healthy.every((receiver) => receiver.received.length === 1)).toBe(true),
    );
    const without = latencies(healthy, alone.alertId, alone.raisedAt);

    for (const receiver of hanging) await subscribe(receiver);
    await consumersCaughtUp(store);
    const crowded = await raiseAlert();
    await expectEventually(() =>
      expect(healthy.every((receiver) => receiver.received.length === 2)).toBe(true),
    );
    const withHanging = latencies(healthy, crowded.alertId, crowded.raisedAt);
    await expectEventually(() =>
      expect(hanging.every((receiver) => receiver.received.length === 1)).toBe(true),
    );

    const describe = (values: number[]) =>
      `p50 ${values[Math.floor(values.length / 2)]} ms, max ${values.at(-1)} ms`;
    process.stdout.write(
      `webhook isolation: ${HEALTHY} healthy endpoints alone: ${describe(without)}; ` +
        `with ${HANGING} hanging (timeout ${TOTAL_TIMEOUT_MS} ms): ${describe(withHanging)}\n`,
    );
    expect(withHanging.every(Number.isFinite)).toBe(true);
    // No healthy delivery waited for a hanging one to time out...
    expect(withHanging.at(-1)).toBeLessThan(TOTAL_TIMEOUT_MS);
    // ...and the slowest stays within a small factor of the run without them.
    expect(withHanging.at(-1)).toBeLessThan(3 * (without.at(-1) ?? 0) + 250);
  });
});
