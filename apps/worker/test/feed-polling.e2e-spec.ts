import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { type EventOf, type EventType, isEventOf, type KnownRecordedEvent } from '@app/contracts';
import { FeedsReader } from '@app/consumers';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { JobName, JobQueues, QueueName } from '@app/jobs';
import type { VigilConfig } from '@app/platform';
import {
  createPostgresTestDatabase,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import { createWorkerContext } from '../src/index.js';

const rss = (items: readonly string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test wire</title><link>http://example.org/</link>
${items
  .map(
    (title, n) =>
      `<item><title>${title}</title><link>http://example.org/story/${n}</link><guid>story-${n}</guid>` +
      `<description>&lt;p&gt;${title}, reported.&lt;/p&gt;</description>` +
      `<pubDate>Mon, 0${n + 1} Nov 2026 10:00:00 GMT</pubDate></item>`,
  )
  .join('\n')}
</channel></rss>`;

/** A publisher on loopback whose answers each test can change. */
class Publisher {
  readonly requests: { path: string; ifNoneMatch: string | undefined }[] = [];
  readonly userAgents = new Set<string>();
  wireItems = [
    'INTERPOL elects a new president',
    'Red Notice withdrawn',
    'Court halts extradition',
  ];
  flakyStatus = 503;
  noGuidTitle = 'Exiled journalist detained on Red Notice';
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => this.answer(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const path = request.url ?? '/';
    const ifNoneMatch = request.headers['if-none-match'];
    this.requests.push({ path, ifNoneMatch });
    this.userAgents.add(request.headers['user-agent'] ?? '');
    if (path === '/wire.rss') {
      const etag = `"wire-${this.wireItems.length}"`;
      if (ifNoneMatch === etag) {
        response.writeHead(304, { etag }).end();
        return;
      }
      response
        .writeHead(200, { 'content-type': 'application/rss+xml', etag })
        .end(rss(this.wireItems));
    } else if (path === '/noguid.rss') {
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>No guid</title><item>` +
            `<title>${this.noGuidTitle}</title><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>` +
            '<description>Authorities detained the exiled journalist on a Red Notice issued at the ' +
            'request of his home country; his lawyers say the charges are political and that he ' +
            'faces torture if extradited.</description></item></channel></rss>',
        );
    } else if (path === '/flaky.rss') {
      if (this.flakyStatus === 200) {
        response
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(rss(['Back online']));
      } else {
        response.writeHead(this.flakyStatus, { 'retry-after': '120' }).end('down for maintenance');
      }
    } else {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><html><body>Not a feed</body></html>');
    }
  }
}

describe('feed polling: config feeds, scheduling, discovery and failures', () => {
  const publisher = new Publisher();
  let database: PostgresTestDatabase;
  let configDir: string;
  let config: VigilConfig;
  let worker: INestApplicationContext;
  let store: EventStore;

  const events = async <T extends EventType>(type: T, feedId?: string): Promise<EventOf<T>[]> =>
    (await store.readAll({ after: 0, limit: 10_000 }))
      .filter((event) => isEventOf(event, [type]))
      .filter((event) => feedId === undefined || feedIdOf(event) === feedId);
  const pollNow = (feedId: string) =>
    worker
      .get(JobQueues)
      .enqueue(
        JobName.PollFeed,
        { feedId },
        { jobId: `${JobName.PollFeed}-${feedId}-test-${Date.now()}` },
      );

  beforeAll(async () => {
    await publisher.start();
    database = await createPostgresTestDatabase();
    configDir = await mkdtemp(join(tmpdir(), 'vigil-feeds-'));
    const feedsFile = join(configDir, 'feeds.yaml');
    await writeFile(
      feedsFile,
      [
        'feeds:',
        `  - { id: wire, url: "${publisher.url}/wire.rss", title: Test wire }`,
        `  - { id: flaky, url: "${publisher.url}/flaky.rss" }`,
        `  - { id: page, url: "${publisher.url}/page.html" }`,
        `  - { id: noguid, url: "${publisher.url}/noguid.rss" }`,
      ].join('\n'),
    );
    config = testConfig({
      DATABASE_URL: database.url,
      FEEDS_FILE: feedsFile,
      ALLOW_PRIVATE_NETWORKS: 'true',
    });
    worker = await createWorkerContext(config);
    store = worker.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await worker.close();
    await publisher.stop();
    await database.drop();
    await rm(configDir, { recursive: true, force: true });
  });

  it('registers the feeds of feeds.yaml and schedules each exactly once', async () => {
    expect((await events('feed.registered')).map((e) => e.data.feedId).sort()).toEqual([
      'flaky',
      'noguid',
      'page',
      'wire',
    ]);
    const queue = worker.get(JobQueues).queue(QueueName.Feeds);
    await expectEventually(async () =>
      expect((await queue.getJobSchedulers(0, -1)).map((s) => s.key).sort()).toEqual([
        'poll-feed-flaky',
        'poll-feed-noguid',
        'poll-feed-page',
        'poll-feed-wire',
      ]),
    );
  });

  it('discovers every item of a new feed once, as item.discovered with plain-text summaries', async () => {
    await expectEventually(async () =>
      expect(await events('item.discovered', 'wire')).toHaveLength(3),
    );
    const [first] = await events('item.discovered', 'wire');
    expect(first?.data).toMatchObject({
      feedId: 'wire',
      identity: 'story-0',
      title: 'INTERPOL elects a new president',
      url: 'http://example.org/story/0',
      summary: 'INTERPOL elects a new president, reported.',
      publishedAt: '2026-11-01T10:00:00.000Z',
    });
    expect(first?.stream).toMatch(/^item-[0-9a-f]{32}$/);
    // Publishers can tell who polls them, and where to ask.
    expect([...publisher.userAgents]).toEqual([
      `Vigil/0.1 (+${config.publicUrl}; news alerting for human-rights monitoring)`,
    ]);
  });

  it('sends the ETag back, and a 304 appends nothing', async () => {
    const catalog = worker.get(FeedsReader);
    const firstPoll = await expectEventually(async () => {
      const health = await catalog.health('wire');
      expect(health?.etag).toBe('"wire-3"');
      return health!;
    });
    // Matching appends to the items' streams apart from polling: once each item found so far is
    // matched or unmatched, only the poll could append to what is compared.
    await expectEventually(async () =>
      expect(
        [...(await events('item.matched', 'wire')), ...(await events('item.unmatched', 'wire'))]
          .length,
      ).toBe((await events('item.discovered', 'wire')).length),
    );
    const wireEvents = async () =>
      (await store.readAll({ after: 0, limit: 10_000 })).filter(
        (event) => feedIdOf(event) === 'wire',
      );
    const before = await wireEvents();
    const requestsBefore = publisher.requests.length;

    await pollNow('wire');

    await expectEventually(async () =>
      expect((await catalog.health('wire'))?.lastPollAt).not.toBe(firstPoll.lastPollAt),
    );
    // The other feeds' schedulers may poll meanwhile: only this feed's requests are in question.
    const wireRequests = publisher.requests
      .slice(requestsBefore)
      .filter((request) => request.path === '/wire.rss');
    expect(wireRequests).toEqual([{ path: '/wire.rss', ifNoneMatch: '"wire-3"' }]);
    expect(await wireEvents()).toEqual(before);
  });

  it('discovers only the new item when the feed grows, and never twice', async () => {
    publisher.wireItems = [...publisher.wireItems, 'New case of transnational repression'];

    await Promise.all([pollNow('wire'), pollNow('wire')]);

    await expectEventually(async () =>
      expect(await events('item.discovered', 'wire')).toHaveLength(4),
    );
    await pollNow('wire');
    await expectEventually(async () =>
      expect((await worker.get(FeedsReader).health('wire'))?.itemsSeen).toBe(4),
    );
    expect(await events('item.discovered', 'wire')).toHaveLength(4);
    // Within the first day the average is the count itself.
    expect((await worker.get(FeedsReader).health('wire'))?.averageItemsPerDay).toBe(4);
  });

  it('records a failing feed once per reason, and its recovery', async () => {
    await expectEventually(async () =>
      expect(await events('feed.poll_failed', 'flaky')).toHaveLength(1),
    );
    await pollNow('flaky');
    await expectEventually(async () =>
      expect((await worker.get(FeedsReader).health('flaky'))?.failuresInRow).toBe(2),
    );
    expect(await events('feed.poll_failed', 'flaky')).toHaveLength(1);
    const [failure] = await events('feed.poll_failed', 'flaky');
    expect(failure?.data).toMatchObject({ reason: 'http_5xx', status: 503 });
    const health = await worker.get(FeedsReader).health('flaky');
    // Retry-After: 120 is honoured, and back-off keeps the interval above the floor.
    expect(health?.currentIntervalSeconds).toBeGreaterThanOrEqual(300);

    publisher.flakyStatus = 200;
    await pollNow('flaky');

    await expectEventually(async () =>
      expect(await events('feed.polled', 'flaky')).toHaveLength(1),
    );
    expect((await events('feed.polled', 'flaky'))[0]?.data).toMatchObject({
      recoveredFrom: 'http_5xx',
      newItems: 1,
    });
    expect((await worker.get(FeedsReader).health('flaky'))?.failuresInRow).toBe(0);
  });

  it('does not discover again an item without guid or link when its title is edited', async () => {
    const catalog = worker.get(FeedsReader);
    await expectEventually(async () =>
      expect(await events('item.discovered', 'noguid')).toHaveLength(1),
    );
    const firstPoll = await expectEventually(async () => {
      const health = await catalog.health('noguid');
      expect(health?.rememberedItems).toHaveLength(1);
      return health!;
    });

    publisher.noGuidTitle = 'Exiled journalist detained on an INTERPOL Red Notice';
    await pollNow('noguid');

    await expectEventually(async () =>
      expect((await catalog.health('noguid'))?.lastPollAt).not.toBe(firstPoll.lastPollAt),
    );
    expect(await events('item.discovered', 'noguid')).toHaveLength(1);
  });

  it('records an HTML page as not_a_feed', async () => {
    await expectEventually(async () =>
      expect((await events('feed.poll_failed', 'page'))[0]?.data).toMatchObject({
        reason: 'not_a_feed',
      }),
    );
  });

  it('registers nothing again and keeps one scheduler per feed after a restart', async () => {
    await worker.close();
    worker = await createWorkerContext(config);
    store = worker.get<EventStore>(EVENT_STORE);

    expect(await events('feed.registered')).toHaveLength(4);
    const queue = worker.get(JobQueues).queue(QueueName.Feeds);
    expect(await queue.getJobSchedulersCount()).toBe(4);
  });
});

/** The feed an event is about, for the events whose data names one. */
function feedIdOf(event: KnownRecordedEvent): string | undefined {
  return 'feedId' in event.data ? event.data.feedId : undefined;
}
