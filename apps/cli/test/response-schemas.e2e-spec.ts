import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { z } from 'zod';
import {
  alertDetail,
  alertPage,
  backfillRequested,
  backfillState,
  consumerList,
  createdSubscription,
  deliveryPage,
  eventPage,
  feedList,
  feedResponse,
  feedWithHealth,
  healthReport,
  jobRetried,
  matchExplanation,
  notificationRequested,
  pollRequested,
  queueList,
  rebuildRequested,
  replayRequested,
  subscriptionView,
  topicList,
  watchlistInForce,
  watchlistRecorded,
} from '@app/api';
import type { EventStore } from '@app/event-store';
import { JobQueues, QueueName } from '@app/jobs';
import {
  apiClient,
  createPostgresTestDatabase,
  discoverNewStory,
  expectEventually,
  type PostgresTestDatabase,
  SmtpReceiver,
  testConfig,
  WebhookReceiver,
  withWebhookSettings,
} from '@app/testing';
import { startInProcessVigil } from './in-process-vigil.js';

const ADMIN_TOKEN = 'e2e-admin-token-response-schemas-0123456789';

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
  >;
}

/**
 * Every JSON success answer of the api, from a real api and worker on PostgreSQL and Redis,
 * parsed with the zod schema /docs is generated from. The schemas are strict: a field the
 * document does not name fails as surely as a missing or mistyped one. The last test checks
 * that every 2xx JSON response of the document was answered here.
 */
describe('real answers fit the schemas of /docs', () => {
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let store: EventStore;
  let baseUrl: string;
  let receiver: WebhookReceiver;
  let smtp: SmtpReceiver;
  const call = apiClient(() => baseUrl);
  const admin = (method: string, path: string, body?: unknown) =>
    call(method, path, { token: ADMIN_TOKEN, ...(body === undefined ? {} : { body }) });
  /** `method path status` of every answer checked, paths as the document writes them. */
  const checked = new Set<string>();

  /** The answer has `status` and its body parses with `schema`; resolves with the body. */
  const expectAnswer = <Schema extends z.ZodType>(
    route: string,
    status: number,
    schema: Schema,
    answer: { status: number; body: unknown },
  ): z.output<Schema> => {
    // The body is shown when the status is not the one expected: it says why.
    expect({
      route,
      status: answer.status,
      ...(answer.status === status ? {} : { body: answer.body }),
    }).toEqual({ route, status });
    const parsed = schema.safeParse(answer.body);
    expect({ route, problems: parsed.error ? z.prettifyError(parsed.error) : null }).toEqual({
      route,
      problems: null,
    });
    checked.add(`${route} ${status}`);
    return parsed.data as z.output<Schema>;
  };

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    smtp = await SmtpReceiver.start();
    // Retries in milliseconds, so that a failing endpoint is dead-lettered within the test.
    const config = withWebhookSettings(
      testConfig({
        DATABASE_URL: database.url,
        ADMIN_TOKEN,
        ALLOW_PRIVATE_NETWORKS: 'true',
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Vigil <vigil@example.org>',
      }),
      { retryDelaysSeconds: [0.05], totalTimeoutMs: 1_000 },
    );
    ({ worker, api, baseUrl, store } = await startInProcessVigil(config));
    receiver = await WebhookReceiver.start(() => 503);
  });

  afterAll(async () => {
    await api.close();
    await worker.close();
    await receiver.stop();
    await smtp.stop();
    await database.drop();
  });

  it('health, topics and the watchlist', async () => {
    await expectEventually(async () =>
      expectAnswer('get /admin/health', 200, healthReport, await admin('GET', '/admin/health')),
    );
    const inForce = await expectEventually(async () =>
      expectAnswer(
        'get /admin/watchlist',
        200,
        watchlistInForce,
        await admin('GET', '/admin/watchlist'),
      ),
    );
    expectAnswer('get /v1/topics', 200, topicList, await call('GET', '/v1/topics'));
    expectAnswer(
      'put /admin/watchlist',
      200,
      watchlistRecorded,
      await admin('PUT', '/admin/watchlist', inForce.definition),
    );
    expectAnswer(
      'post /admin/watchlist/test',
      200,
      matchExplanation,
      await admin('POST', '/admin/watchlist/test', {
        title: 'INTERPOL elects a new president',
        summary: 'A red notice against an exiled dissident',
        categories: ['interpol'],
      }),
    );
    const { jobId } = expectAnswer(
      'post /admin/watchlist/backfill',
      202,
      backfillRequested,
      await admin('POST', '/admin/watchlist/backfill', { since: '2026-01-01T00:00:00+01:00' }),
    );
    // Once while requested or running, once done: the two shapes of its progress.
    expectAnswer(
      'get /admin/watchlist/backfill/{jobId}',
      200,
      backfillState,
      await admin('GET', `/admin/watchlist/backfill/${jobId}`),
    );
    await expectEventually(async () => {
      const done = expectAnswer(
        'get /admin/watchlist/backfill/{jobId}',
        200,
        backfillState,
        await admin('GET', `/admin/watchlist/backfill/${jobId}`),
      );
      expect(done.progress?.done).toBe(true);
    });
  });

  it('feeds, before and after a poll', async () => {
    const created = expectAnswer(
      'post /admin/feeds',
      201,
      feedResponse,
      // Nothing listens on port 9: each poll fails at once, and is recorded.
      await admin('POST', '/admin/feeds', {
        url: 'http://127.0.0.1:9/feed.xml',
        title: 'Nowhere',
        allowPrivateNetwork: true,
      }),
    );
    expectAnswer(
      'patch /admin/feeds/{id}',
      200,
      feedResponse,
      await admin('PATCH', `/admin/feeds/${created.id}`, { intervalSeconds: 600 }),
    );
    expectAnswer(
      'post /admin/feeds/{id}/poll',
      202,
      pollRequested,
      await admin('POST', `/admin/feeds/${created.id}/poll`),
    );
    await expectEventually(async () => {
      const feed = expectAnswer(
        'get /admin/feeds/{id}',
        200,
        feedWithHealth,
        await admin('GET', `/admin/feeds/${created.id}`),
      );
      // Polled: its health is a record now, not null, and went through the schema too.
      expect(feed.health?.lastErrorReason).toEqual(expect.any(String));
    });
    const { feeds } = expectAnswer(
      'get /admin/feeds',
      200,
      feedList,
      await admin('GET', '/admin/feeds'),
    );
    expect(feeds.map((feed) => feed.id)).toContain(created.id);
  });

  it('subscriptions, alerts and deliveries, to a dead letter and its redelivery', async () => {
    const email = expectAnswer(
      'post /v1/subscriptions',
      201,
      createdSubscription,
      await call('POST', '/v1/subscriptions', {
        body: { channel: 'email', email: 'reader@example.org', topics: ['red-notice-abuse'] },
      }),
    );
    expect(email.secret).toBeUndefined();
    const webhook = expectAnswer(
      'post /v1/subscriptions',
      201,
      createdSubscription,
      await call('POST', '/v1/subscriptions', {
        body: { channel: 'webhook', url: receiver.url, topics: ['red-notice-abuse'] },
      }),
    );
    const owner = { token: webhook.token };
    expectAnswer(
      'get /v1/subscriptions/{id}',
      200,
      subscriptionView,
      await call('GET', `/v1/subscriptions/${webhook.id}`, owner),
    );
    expectAnswer(
      'patch /v1/subscriptions/{id}',
      200,
      subscriptionView,
      await call('PATCH', `/v1/subscriptions/${email.id}`, {
        token: email.token,
        body: { frequency: 'daily', digestHour: 7, timeZone: 'Europe/Paris' },
      }),
    );

    await discoverNewStory(store, 1);
    const { alerts } = await expectEventually(async () => {
      const page = expectAnswer('get /v1/alerts', 200, alertPage, await call('GET', '/v1/alerts'));
      expect(page.alerts).toHaveLength(1);
      return page;
    });
    expectAnswer(
      'get /v1/alerts/{id}',
      200,
      alertDetail,
      await call('GET', `/v1/alerts/${alerts[0]!.id}`),
    );

    const deadLetter = await expectEventually(async () => {
      const { deliveries } = expectAnswer(
        'get /v1/subscriptions/{id}/deliveries',
        200,
        deliveryPage,
        await call('GET', `/v1/subscriptions/${webhook.id}/deliveries`, owner),
      );
      expect(deliveries[0]?.outcome).toBe('dead_lettered');
      return deliveries[0]!;
    });
    expectAnswer(
      'post /admin/notifications/{id}/redeliver',
      202,
      notificationRequested,
      await admin('POST', `/admin/notifications/${deadLetter.notificationId}/redeliver`),
    );
    expectAnswer(
      'post /v1/subscriptions/{id}/test',
      202,
      notificationRequested,
      await call('POST', `/v1/subscriptions/${webhook.id}/test`, owner),
    );
    expectAnswer(
      'post /v1/subscriptions/{id}/replay',
      202,
      replayRequested,
      await call('POST', `/v1/subscriptions/${webhook.id}/replay`, {
        ...owner,
        body: { since: '2026-01-01T00:00:00Z' },
      }),
    );
  });

  it('queues, with a failed job retried', async () => {
    // A job of a name no handler takes (one an older version left, say) fails at once.
    await api.get(JobQueues).queue(QueueName.Feeds).add('retired-job', {}, { jobId: 'retired-1' });
    await expectEventually(async () => {
      const { queues } = expectAnswer(
        'get /admin/queues',
        200,
        queueList,
        await admin('GET', '/admin/queues'),
      );
      const feeds = queues.find((queue) => queue.name === QueueName.Feeds);
      expect(feeds?.recentFailures.map((job) => job.id)).toContain('retired-1');
    });
    expectAnswer(
      'post /admin/queues/{queue}/jobs/{id}/retry',
      202,
      jobRetried,
      await admin('POST', '/admin/queues/feeds/jobs/retired-1/retry'),
    );
  });

  it('the event log and its consumers, during a rebuild and after', async () => {
    const { events } = expectAnswer(
      'get /admin/events',
      200,
      eventPage,
      await admin('GET', '/admin/events?limit=1000'),
    );
    // Every kind of envelope this scenario recorded went through the strict schema.
    expect(new Set(events.map((event) => event.type)).size).toBeGreaterThan(10);

    expectAnswer('get /admin/consumers', 200, consumerList, await admin('GET', '/admin/consumers'));
    expectAnswer(
      'post /admin/consumers/{name}/rebuild',
      202,
      rebuildRequested,
      await admin('POST', '/admin/consumers/alerts-view/rebuild'),
    );
    await expectEventually(async () => {
      const { consumers } = expectAnswer(
        'get /admin/consumers',
        200,
        consumerList,
        await admin('GET', '/admin/consumers'),
      );
      expect(consumers.find((each) => each.name === 'alerts-view')?.rebuild?.state).toBe(
        'completed',
      );
    });
  });

  it('has answered every JSON success response the document describes', async () => {
    const document = (await (await fetch(`${baseUrl}/docs-json`)).json()) as OpenApiDocument;
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        Object.entries(operation.responses)
          .filter(
            ([status, response]) =>
              status.startsWith('2') && response.content?.['application/json'] !== undefined,
          )
          .map(([status]) => `${method} ${path} ${status}`),
      ),
    );

    expect(documented.length).toBeGreaterThan(20);
    expect([...checked].sort()).toEqual(documented.sort());
  });
});
