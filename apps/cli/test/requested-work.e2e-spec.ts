import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import {
  adminClient,
  createPostgresTestDatabase,
  discoverItem,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import { startInProcessVigil } from './in-process-vigil.js';

const ADMIN_TOKEN = 'e2e-admin-token-requested-work-0123456789';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>http://example.org/</link>
<item><title>Court halts an extradition</title><guid>wire-1</guid>
<description>The court halted it.</description></item></channel></rss>`;

/**
 * What operators ask of the api that a worker does: "poll now" and a backfill. The api records
 * the request; the worker's requested-work reactor queues the job from the log; the job runs.
 */
describe('requests recorded by the api and run by a worker', () => {
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let store: EventStore;
  let baseUrl: string;
  let feedServer: Server;
  let feedRequests = 0;

  const call = adminClient(() => baseUrl, ADMIN_TOKEN);

  beforeAll(async () => {
    feedServer = createServer((_request, response) => {
      feedRequests += 1;
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    database = await createPostgresTestDatabase();
    const config = testConfig({
      DATABASE_URL: database.url,
      ADMIN_TOKEN,
      ALLOW_PRIVATE_NETWORKS: 'true',
    });
    ({ worker, api, baseUrl, store } = await startInProcessVigil(config));
  });

  afterAll(async () => {
    await api.close();
    await worker.close();
    feedServer.closeAllConnections();
    await new Promise((resolve) => feedServer.close(resolve));
    await database.drop();
  });

  it('polls a feed now, on top of its schedule', async () => {
    const port = (feedServer.address() as AddressInfo).port;
    const registered = await call('POST', '/admin/feeds', {
      id: 'wire',
      url: `http://127.0.0.1:${port}/wire.rss`,
      intervalSeconds: 3_600,
    });
    expect(registered.status).toBe(201);
    // A new feed is polled at once by its scheduler; the next scheduled poll is an hour away.
    await expectEventually(() => expect(feedRequests).toBe(1), { timeoutMs: 20_000 });

    const polled = await call('POST', '/admin/feeds/wire/poll');
    expect(polled.status).toBe(202);
    await expectEventually(() => expect(feedRequests).toBe(2), { timeoutMs: 20_000 });
  });

  it('runs a backfill and records its completion, which its progress then reports', async () => {
    const matching = await discoverItem(store, {
      feedId: 'wire',
      title: 'Exiled activist held in Dubai on a red notice',
      summary: 'The dissident was detained on an INTERPOL red notice.',
    });
    // Matched once when discovered; the backfill finds it matched under this version.
    await expectEventually(async () =>
      expect((await store.readStream(matching)).map((event) => event.type)).toContain(
        'item.matched',
      ),
    );
    const since = new Date(Date.now() - 60_000).toISOString();
    const requested = await call('POST', '/admin/watchlist/backfill', { since });
    expect(requested.status).toBe(202);
    const jobId = String(requested.body?.['jobId']);

    await expectEventually(
      async () =>
        expect(await call('GET', `/admin/watchlist/backfill/${jobId}`)).toMatchObject({
          status: 200,
          body: { state: 'completed', progress: expect.objectContaining({ done: true }) },
        }),
      { timeoutMs: 20_000 },
    );
    const backfillId = jobId.slice('backfill-matches-'.length);
    const history = await store.readStream(`backfill-${backfillId}`);
    expect(history.map((event) => event.type)).toEqual([
      'backfill.requested',
      'backfill.completed',
    ]);
    // Both items discovered since: the one above and the feed's, neither matched twice.
    expect(history[1]?.data).toEqual({ backfillId, items: 2, matched: 0 });
  });
});
