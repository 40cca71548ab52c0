import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  adminClient,
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import { createHttpApplication } from '../src/index.js';

const ADMIN_TOKEN = 'e2e-admin-token-watchlist-0123456789';

const WATCHLIST = {
  aliases: { interpol: ['INTERPOL', 'ICPO'] },
  topics: [
    {
      id: 'interpol-leadership',
      title: 'INTERPOL leadership',
      rules: [{ id: 'election', query: '@interpol NEAR/6 elect*', weight: 2 }],
    },
  ],
};

describe('admin watchlist API on PostgreSQL', () => {
  let database: PostgresTestDatabase;
  let app: INestApplication;
  let store: EventStore;
  let url: string;

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

  it('answers 404 while no watchlist is recorded', async () => {
    expect(await call('GET', '/admin/watchlist')).toMatchObject({
      status: 404,
      body: { error: { code: 'no_watchlist' } },
    });
  });

  it('refuses an invalid watchlist with each field and the query position', async () => {
    const response = await call('PUT', '/admin/watchlist', {
      topics: [
        {
          id: 'x',
          title: 'X',
          rules: [
            { id: 'a', query: '(interpol' },
            { id: 'b', query: 'x', weight: -1 },
          ],
        },
      ],
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: {
        code: 'invalid_watchlist',
        details: [{ field: 'topics.0.rules.1.weight', message: 'must be positive' }],
      },
    });
    const fixedWeight = await call('PUT', '/admin/watchlist', {
      topics: [{ id: 'x', title: 'X', rules: [{ id: 'a', query: '(interpol' }] }],
    });
    expect(fixedWeight.body).toMatchObject({
      error: {
        details: [
          {
            field: 'topics.0.rules.0.query',
            message: expect.stringMatching(/^at position \d+: expected "\)"/),
          },
        ],
      },
    });
  });

  it('records a valid watchlist as a new version and serves it', async () => {
    expect(await call('PUT', '/admin/watchlist', WATCHLIST)).toEqual({
      status: 200,
      body: { version: 1 },
    });

    const current = await call('GET', '/admin/watchlist');
    expect(current).toMatchObject({
      status: 200,
      body: {
        version: 1,
        source: 'admin',
        definition: {
          aliases: WATCHLIST.aliases,
          topics: [{ id: 'interpol-leadership', rules: [{ id: 'election', weight: 2 }] }],
        },
      },
    });
  });

  it('explains which rules a text matches, with offsets into that text', async () => {
    const text = 'Delegates in Glasgow elected the new INTERPOL president on Thursday.';

    const response = await call('POST', '/admin/watchlist/test', { text });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      watchlistVersion: 1,
      scores: { 'interpol-leadership': 2 },
      matches: [{ topic: 'interpol-leadership', rule: 'election' }],
    });
    const terms = (
      response.body?.['matches'] as { terms: { start: number; end: number; text: string }[] }[]
    )[0]!.terms;
    for (const term of terms) expect(text.slice(term.start, term.end)).toBe(term.text);
    expect(terms.map((term) => term.text)).toEqual(expect.arrayContaining(['elected', 'INTERPOL']));
  });

  it('queues a backfill as a job whose state can be read', async () => {
    const bad = await call('POST', '/admin/watchlist/backfill', { since: 'last week' });
    expect(bad).toMatchObject({
      status: 400,
      body: {
        error: { details: [{ field: 'since', message: expect.stringContaining('ISO 8601') }] },
      },
    });

    const queued = await call('POST', '/admin/watchlist/backfill', {
      since: '2026-11-01T00:00:00Z',
    });
    expect(queued).toMatchObject({
      status: 202,
      body: {
        jobId: expect.stringMatching(/^backfill-matches-[0-9a-f-]{36}$/),
        since: '2026-11-01T00:00:00Z',
      },
    });
    // Recorded, not queued by the api: a worker's reactor queues the job from the log.
    const backfillId = String(queued.body?.['jobId']).slice('backfill-matches-'.length);
    expect((await store.readStream(`backfill-${backfillId}`)).map((event) => event.data)).toEqual([
      { backfillId, since: '2026-11-01T00:00:00Z' },
    ]);

    const progress = await call(
      'GET',
      `/admin/watchlist/backfill/${String(queued.body?.['jobId'])}`,
    );
    // No worker runs in this test: the request is in the log, no job yet.
    expect(progress).toMatchObject({ status: 200, body: { state: 'requested', progress: null } });
    expect((await call('GET', '/admin/watchlist/backfill/nope')).status).toBe(404);
  });

  it('refuses a test request with neither text nor title', async () => {
    expect((await call('POST', '/admin/watchlist/test', { body: 'x' })).status).toBe(400);
  });
});
