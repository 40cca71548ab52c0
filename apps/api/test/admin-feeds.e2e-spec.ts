import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { FeedsProjection } from '@app/consumers';
import { DATABASE, type Database, EVENT_STORE, type EventStore } from '@app/event-store';
import { JobQueues, QueueName } from '@app/jobs';
import {
  adminClient,
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import { createHttpApplication } from '../src/index.js';

const ADMIN_TOKEN = 'e2e-admin-token-feeds-0123456789';

describe('admin feeds API on PostgreSQL', () => {
  let database: PostgresTestDatabase;
  let app: INestApplication;
  let url: string;
  let store: EventStore;

  const call = adminClient(() => url, ADMIN_TOKEN);

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    app = await createHttpApplication(testConfig({ DATABASE_URL: database.url, ADMIN_TOKEN }));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    store = app.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('registers a feed as an event and answers 201 with it', async () => {
    const created = await call('POST', '/admin/feeds', {
      id: 'rights-news',
      url: 'https://example.org/rights.rss',
      title: 'Rights news',
    });

    expect(created).toEqual({
      status: 201,
      body: {
        id: 'rights-news',
        source: 'admin',
        url: 'https://example.org/rights.rss',
        title: 'Rights news',
        intervalSeconds: null,
        enabled: true,
        allowPrivateNetwork: false,
      },
    });
    expect((await store.readStream('feed-rights-news')).map((e) => e.type)).toEqual([
      'feed.registered',
    ]);
  });

  it('derives an id from the URL when none is given', async () => {
    const created = await call('POST', '/admin/feeds', { url: 'https://news.example.com/world' });

    expect(created.status).toBe(201);
    expect(created.body?.['id']).toMatch(/^news-example-com-[0-9a-f]{8}$/);
    expect(created.body).not.toHaveProperty('feedId');
  });

  it('answers 400 naming each bad field', async () => {
    const response = await call('POST', '/admin/feeds', {
      url: 'ftp://example.org/x',
      intervalSeconds: 5,
      colour: 'red',
    });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: 'validation_failed',
        message: expect.any(String),
        details: expect.arrayContaining([
          { field: 'url', message: 'must be an http:// or https:// URL' },
          { field: 'intervalSeconds', message: 'must be at least 60' },
          { field: 'colour', message: 'is not a known field' },
        ]),
      },
    });
  });

  it('answers 409 to the same id registered again with other settings', async () => {
    const response = await call('POST', '/admin/feeds', {
      id: 'rights-news',
      url: 'https://example.org/other.rss',
    });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: { code: 'feed_exists' } });
  });

  it('changes and removes a feed, and answers 404 for one it does not know', async () => {
    const patched = await call('PATCH', '/admin/feeds/rights-news', {
      intervalSeconds: 900,
      enabled: false,
    });
    expect(patched).toMatchObject({
      status: 200,
      body: { id: 'rights-news', intervalSeconds: 900, enabled: false, title: 'Rights news' },
    });
    expect(patched.body).not.toHaveProperty('feedId');
    expect((await call('PATCH', '/admin/feeds/rights-news', {})).status).toBe(400);
    expect((await call('PATCH', '/admin/feeds/nope', { enabled: true })).status).toBe(404);

    expect((await call('DELETE', '/admin/feeds/rights-news')).status).toBe(204);
    expect((await call('DELETE', '/admin/feeds/rights-news')).status).toBe(404);
    expect((await store.readStream('feed-rights-news')).map((e) => e.type)).toEqual([
      'feed.registered',
      'feed.updated',
      'feed.removed',
    ]);
  });

  it('lists feeds with their health from the view, and records a poll request', async () => {
    await call('POST', '/admin/feeds', { id: 'wire', url: 'https://example.org/wire.rss' });
    // No worker runs here: build the view the way the worker's projection does.
    const projection = new FeedsProjection(app.get<Database>(DATABASE));
    for (const event of await store.readAll({ after: 0, limit: 1_000 })) {
      await projection.handle(event);
    }

    const listed = await call('GET', '/admin/feeds');
    expect(listed.status).toBe(200);
    const feeds = listed.body?.['feeds'] as { id: string }[];
    // rights-news was removed by the previous test: the view lists the living only.
    expect(feeds.map((feed) => feed.id)).toEqual([
      expect.stringMatching(/^news-example-com-/),
      'wire',
    ]);
    const wire = {
      id: 'wire',
      url: 'https://example.org/wire.rss',
      title: null,
      intervalSeconds: null,
      enabled: true,
      allowPrivateNetwork: false,
      source: 'admin',
      registeredAt: expect.any(String),
      failingReason: null,
      health: null,
    };
    expect(feeds[1]).toEqual(wire);
    expect(await call('GET', '/admin/feeds/wire')).toEqual({ status: 200, body: wire });

    const polled = await call('POST', '/admin/feeds/wire/poll');
    // Recorded, not queued by the api: a worker's reactor queues the poll from the event,
    // under a job id naming its position.
    const [requested] = (await store.readStream('feed-wire')).filter(
      (event) => event.type === 'feed.poll_requested',
    );
    expect(requested?.data).toEqual({ feedId: 'wire' });
    expect(polled).toMatchObject({
      status: 202,
      body: { feedId: 'wire', jobId: `poll-feed-wire-now-${requested!.position}` },
    });
    const queue = app.get(JobQueues).queue(QueueName.Feeds);
    expect(await queue.getJobs(['waiting', 'delayed'])).toEqual([]);
    expect((await call('POST', '/admin/feeds/unknown-feed/poll')).status).toBe(404);
  });

  it('stays closed without the admin token', async () => {
    const response = await fetch(`${url}/admin/feeds`);
    expect(response.status).toBe(401);
  });
});
