import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import {
  apiClient,
  consumersCaughtUp,
  createPostgresTestDatabase,
  discoverNewStory,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
  WebhookReceiver,
  uniqueQueuePrefix,
  withWebhookSettings,
} from '@app/testing';
import { startInProcessVigil } from './in-process-vigil.js';

const ADMIN_TOKEN = 'e2e-admin-token-webhooks-0123456789';

interface Created {
  readonly id: string;
  readonly secret: string;
  readonly token: string;
  readonly status: string;
}

describe('subscriptions and webhook delivery, end to end', () => {
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let store: EventStore;
  let baseUrl: string;
  const receivers: WebhookReceiver[] = [];

  const call = apiClient(() => baseUrl);

  const receiver = async (...args: Parameters<typeof WebhookReceiver.start>) => {
    const started = await WebhookReceiver.start(...args);
    receivers.push(started);
    return started;
  };

  const subscribe = async (target: WebhookReceiver, extra: Record<string, unknown> = {}) => {
    const response = await call('POST', '/v1/subscriptions', {
      body: { channel: 'webhook', url: target.url, topics: ['red-notice-abuse'], ...extra },
    });
    expect(response.status).toBe(201);
    const created = response.body as unknown as Created;
    target.secret = created.secret;
    return created;
  };

  let itemCounter = 0;
  /** An item that the test watchlist matches, about a person of its own: one new alert. */
  const raiseAlert = async (): Promise<void> => {
    itemCounter += 1;
    await discoverNewStory(store, itemCounter);
    await expectEventually(async () => {
      const raised = await store.readAll({ after: 0, limit: 10_000, types: ['alert.raised'] });
      expect(raised).toHaveLength(itemCounter);
    });
  };

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    // Retries in milliseconds rather than minutes; everything else as configured.
    const config = withWebhookSettings(
      testConfig({
        DATABASE_URL: database.url,
        ADMIN_TOKEN,
        ALLOW_PRIVATE_NETWORKS: 'true',
        QUEUE_PREFIX: uniqueQueuePrefix(),
      }),
      { retryDelaysSeconds: [0.05, 0.05, 0.05], totalTimeoutMs: 1_000 },
    );
    ({ worker, api, baseUrl, store } = await startInProcessVigil(config));
  });

  afterAll(async () => {
    await api.close();
    await worker.close();
    await Promise.all(receivers.map((each) => each.stop()));
    await database.drop();
  });

  it('creates a subscription, shows the secret and token once, and reads it only with a token', async () => {
    const target = await receiver();
    const created = await subscribe(target);
    expect(created).toMatchObject({ status: 'active', channel: 'webhook', url: target.url });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    expect(created.token).toMatch(/^vst_/);

    expect((await call('GET', `/v1/subscriptions/${created.id}`)).status).toBe(401);
    expect(
      (await call('GET', `/v1/subscriptions/${created.id}`, { token: 'vst_wrong' })).status,
    ).toBe(401);
    const own = await call('GET', `/v1/subscriptions/${created.id}`, { token: created.token });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      id: created.id,
      url: target.url,
      topics: ['red-notice-abuse'],
    });
    expect(own.body).not.toHaveProperty('secret');
    expect(own.body).not.toHaveProperty('token');
    const admin = await call('GET', `/v1/subscriptions/${created.id}`, { token: ADMIN_TOKEN });
    expect(admin.status).toBe(200);
    expect(
      (await call('GET', `/v1/subscriptions/${randomUUID()}`, { token: ADMIN_TOKEN })).status,
    ).toBe(404);
  });

  it('changes the URL and topics, and records nothing when the URL is the same', async () => {
    const target = await receiver();
    const created = await subscribe(target);
    const stream = `subscription-${created.id}`;
    const same = await call('PATCH', `/v1/subscriptions/${created.id}`, {
      token: created.token,
      body: { url: target.url },
    });
    expect(same.status).toBe(200);
    expect(await store.readStream(stream)).toHaveLength(1);

    const other = await receiver();
    const changed = await call('PATCH', `/v1/subscriptions/${created.id}`, {
      token: created.token,
      body: { url: other.url, topics: ['red-notice-abuse', 'interpol-leadership'] },
    });
    expect(changed.body).toMatchObject({
      url: other.url,
      topics: ['red-notice-abuse', 'interpol-leadership'],
    });
    expect((await store.readStream(stream)).map((event) => event.type)).toEqual([
      'subscription.created',
      'subscription.updated',
    ]);
    expect(JSON.stringify(await store.readStream(stream))).not.toContain(other.url);
    expect(
      (await call('PATCH', `/v1/subscriptions/${created.id}`, { token: created.token, body: {} }))
        .status,
    ).toBe(400);
  });

  it('refuses a bad subscription naming each field', async () => {
    const response = await call('POST', '/v1/subscriptions', {
      body: { channel: 'webhook', url: 'ftp://x.example/', topics: [], minScore: -1 },
    });
    expect(response.status).toBe(400);
    const fields = (response.body['error'] as { details: { field: string }[] }).details.map(
      (d) => d.field,
    );
    expect(fields.sort()).toEqual(['minScore', 'topics', 'url']);
    const unknownTopic = await call('POST', '/v1/subscriptions', {
      body: { channel: 'webhook', url: 'https://hooks.example/x', topics: ['no-such-topic'] },
    });
    expect(unknownTopic.status).toBe(400);
    expect(unknownTopic.body['error']).toMatchObject({ details: [{ field: 'topics.0' }] });
  });

  it('delivers a new alert signed, with the SPEC body, verified by standardwebhooks', async () => {
    const target = await receiver();
    const created = await subscribe(target);
    await raiseAlert();

    await expectEventually(() => expect(target.received).toHaveLength(1));
    const [delivery] = target.received;
    expect(delivery?.verified).toBe(true);
    const body = JSON.parse(delivery?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      type: 'alert.raised',
      data: {
        alert: {
          topics: ['red-notice-abuse'],
          sources: [expect.objectContaining({ feedId: 'wire' })],
        },
        item: { feedId: 'wire' },
        matches: [
          expect.objectContaining({ topic: 'red-notice-abuse', rule: 'red-notice-political' }),
        ],
      },
    });
    const deliveries = await expectEventually(async () => {
      const response = await call('GET', `/v1/subscriptions/${created.id}/deliveries`, {
        token: created.token,
      });
      expect(response.body['deliveries']).toHaveLength(1);
      return response.body['deliveries'] as {
        notificationId: string;
        outcome: string;
        status: number;
      }[];
    });
    expect(deliveries[0]).toMatchObject({
      notificationId: delivery?.id,
      outcome: 'delivered',
      status: 204,
    });
  });

  it('retries a failing endpoint with one webhook-id until it succeeds: four attempts', async () => {
    const target = await receiver((request) => (request < 3 ? 500 : 200));
    await subscribe(target);
    await raiseAlert();

    await expectEventually(() => expect(target.received).toHaveLength(4));
    expect(new Set(target.received.map((each) => each.id)).size).toBe(1);
    expect(target.received.every((each) => each.verified)).toBe(true);
    expect(new Set(target.received.map((each) => each.body)).size).toBe(1);
  });

  it('dead-letters after the last retry; the admin redelivers it with the same webhook-id', async () => {
    let up = false;
    const target = await receiver(() => (up ? 200 : 503));
    const created = await subscribe(target);
    await raiseAlert();

    const dead = await expectEventually(async () => {
      const response = await call('GET', `/v1/subscriptions/${created.id}/deliveries`, {
        token: created.token,
      });
      const deliveries = response.body['deliveries'] as {
        outcome: string;
        notificationId: string;
      }[];
      expect(deliveries[0]?.outcome).toBe('dead_lettered');
      return deliveries[0] as { notificationId: string };
    });
    expect(target.received).toHaveLength(4);
    const attempts = await call('GET', `/v1/subscriptions/${created.id}/deliveries`, {
      token: created.token,
    });
    expect((attempts.body['deliveries'] as unknown[]).slice(1, 5)).toEqual(
      Array.from({ length: 4 }, (_, index) =>
        expect.objectContaining({
          outcome: 'failed',
          attempt: 4 - index,
          status: 503,
          responseExcerpt: 'answered 503',
        }),
      ),
    );
    const path = `/admin/notifications/${dead.notificationId}/redeliver`;
    expect((await call('POST', path)).status).toBe(401);

    up = true;
    expect((await call('POST', path, { token: ADMIN_TOKEN })).status).toBe(202);
    await expectEventually(() => expect(target.received).toHaveLength(5));
    expect(target.received[4]).toMatchObject({ id: dead.notificationId, verified: true });
    await expectEventually(async () => {
      const response = await call('GET', `/v1/subscriptions/${created.id}/deliveries`, {
        token: created.token,
      });
      expect(response.body['deliveries']).toEqual(
        expect.arrayContaining([expect.objectContaining({ outcome: 'delivered' })]),
      );
    });
    expect((await call('POST', path, { token: ADMIN_TOKEN })).status).toBe(409);
  });

  it('sends a signed test notification', async () => {
    const target = await receiver();
    const created = await subscribe(target);
    const response = await call('POST', `/v1/subscriptions/${created.id}/test`, {
      token: created.token,
    });
    expect(response.status).toBe(202);

    await expectEventually(() => expect(target.received).toHaveLength(1));
    expect(target.received[0]).toMatchObject({
      id: response.body['notificationId'],
      verified: true,
    });
    expect(JSON.parse(target.received[0]?.body ?? '{}')).toMatchObject({
      type: 'subscription.test',
    });
  });

  it('suspends a subscription whose endpoint answers 410 Gone', async () => {
    const target = await receiver(() => 410);
    const created = await subscribe(target);
    await raiseAlert();

    await expectEventually(async () => {
      const response = await call('GET', `/v1/subscriptions/${created.id}`, {
        token: created.token,
      });
      expect(response.body['status']).toBe('suspended');
    });
    expect(target.received).toHaveLength(1);
  });

  it('replays alerts since a time as new notifications with new ids', async () => {
    const target = await receiver();
    const since = new Date().toISOString();
    await raiseAlert();
    // Fanned out before this subscription exists: only the replay can bring it.
    await consumersCaughtUp(store);
    const created = await subscribe(target);
    const response = await call('POST', `/v1/subscriptions/${created.id}/replay`, {
      token: created.token,
      body: { since },
    });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ replayId: expect.any(String), since });
    // The replay runs as a job, which closes it with the number of notifications it asked for.
    const replayed = await expectEventually(async () => {
      const history = await store.readStream(`subscription-${String(created.id)}`);
      const closed = history.find((event) => event.type === 'subscription.replayed');
      expect(closed?.data).toEqual(
        expect.objectContaining({ replayId: response.body['replayId'] }),
      );
      return closed!.data.notifications;
    });
    expect(replayed).toBeGreaterThanOrEqual(1);
    await expectEventually(() => expect(target.received.length).toBe(replayed));
    expect(target.received.every((each) => each.verified)).toBe(true);
  });

  it('pauses and resumes: nothing is sent while paused, the waiting alert once after', async () => {
    const target = await receiver();
    const created = await subscribe(target);
    const paused = await call('PATCH', `/v1/subscriptions/${created.id}`, {
      token: created.token,
      body: { paused: true },
    });
    expect(paused.body['status']).toBe('paused');
    await consumersCaughtUp(store);
    await raiseAlert();
    await consumersCaughtUp(store);
    // The fan-out skipped the paused subscription: nothing was queued for it.
    expect(target.received).toHaveLength(0);

    const resumed = await call('PATCH', `/v1/subscriptions/${created.id}`, {
      token: created.token,
      body: { paused: false },
    });
    expect(resumed.body['status']).toBe('active');
    await raiseAlert();
    await expectEventually(() => expect(target.received).toHaveLength(1));
  });

  it('crypto-shreds on delete: the URL and secret cannot be read back from the log', async () => {
    const target = await receiver();
    const created = await subscribe(target);
    const before = JSON.stringify(await store.readStream(`subscription-${created.id}`));
    expect(before).not.toContain(target.url);
    expect(before).not.toContain(created.secret);

    expect(
      (await call('DELETE', `/v1/subscriptions/${created.id}`, { token: created.token })).status,
    ).toBe(204);
    expect(
      (await call('GET', `/v1/subscriptions/${created.id}`, { token: ADMIN_TOKEN })).status,
    ).toBe(404);
    const log = JSON.stringify(await store.readAll({ after: 0, limit: 100_000 }));
    expect(log).not.toContain(target.url);
    expect(log).not.toContain(created.secret.slice('whsec_'.length));
    const { SubscriptionKeyStore } = await import('@app/subscriptions');
    expect(await worker.get(SubscriptionKeyStore).get(created.id)).toBeNull();
  });
});
