import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { type EventOf, isEventOf } from '@app/contracts';
import { FeedsReader } from '@app/consumers';
import { EVENT_STORE, type EventStore, migrate, PostgresDatabase } from '@app/event-store';
import { itemStreamId } from '@app/feeds';
import { JobName, JobQueues } from '@app/jobs';
import {
  consumersCaughtUp,
  createPostgresTestDatabase,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import { createWorkerContext } from '../src/index.js';

/**
 * SPEC §3: one item that cannot be read or stored never costs the feed its other items. A
 * publisher on loopback serves feeds with good items beside poisoned ones: U+0000 raw and as
 * a reference, lone surrogates as a reference, in UTF-16 and in JSON Feed escapes.
 */
const rssItem = (guid: string, title: string, description = `${title}, reported.`): string =>
  `<item><guid isPermaLink="false">${guid}</guid><title>${title}</title>` +
  `<description>${description}</description></item>`;

const rss = (items: readonly string[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>` +
  `${items.join('\n')}</channel></rss>`;

const FEEDS: Readonly<Record<string, { readonly type: string; readonly body: Buffer }>> = {
  '/poisoned.rss': {
    type: 'application/rss+xml; charset=utf-8',
    body: Buffer.from(
      rss([
        rssItem('good-1', 'INTERPOL elects a new president'),
        rssItem('raw-nul', 'Red Notice\u0000 withdrawn'),
        rssItem('referenced-nul', 'Court halts&#0; extradition'),
        rssItem('referenced-half-pair', 'Dissident freed', 'Lone half &#xD800; of a pair'),
        rssItem('unstorable', 'An item the store refuses'),
        rssItem('good-2', 'Extradition hearing adjourned'),
      ]),
      'utf8',
    ),
  },
  '/poisoned-utf16.rss': {
    type: 'application/rss+xml',
    body: Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        rss([
          rssItem('utf16-half-pair', 'Activist detained', 'Half \ud800 a pair, in UTF-16'),
          rssItem('utf16-good', 'Red Notice review ordered'),
        ]).replace('encoding="UTF-8"', 'encoding="UTF-16"'),
        'utf16le',
      ),
    ]),
  },
  '/poisoned.json': {
    type: 'application/feed+json',
    body: Buffer.from(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Canal',
        items: [
          { id: 'json-nul-\u0000', title: 'Journalist\u0000 exiled', content_text: 'Text\u0000.' },
          { id: 'json-half-pair', title: 'Half \udc00 pair', content_text: 'Summary \ud83d.' },
          { id: 'json-good', title: 'Commission publishes report' },
        ],
      }),
      'utf8',
    ),
  },
};

describe('a poisoned feed: bad characters are cleaned, an unstorable item is skipped alone', () => {
  let publisher: Server;
  let database: PostgresTestDatabase;
  let configDir: string;
  let worker: INestApplicationContext;
  let store: EventStore;

  const events = async <T extends 'item.discovered' | 'feed.poll_failed'>(
    type: T,
    feedId: string,
  ): Promise<EventOf<T>[]> =>
    (await store.readAll({ after: 0, limit: 10_000, types: [type] }))
      .filter((event): event is EventOf<T> => isEventOf(event, [type]))
      .filter(
        (event: EventOf<'item.discovered' | 'feed.poll_failed'>) => event.data.feedId === feedId,
      );
  const discovered = async (feedId: string) =>
    Object.fromEntries(
      (await events('item.discovered', feedId)).map(({ data }) => [
        data.identity,
        { title: data.title, summary: data.summary },
      ]),
    );

  beforeAll(async () => {
    publisher = createServer((request, response) => {
      const feed = FEEDS[request.url ?? ''];
      if (feed) response.writeHead(200, { 'content-type': feed.type }).end(feed.body);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => publisher.listen(0, '127.0.0.1', resolve));
    const address = publisher.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    database = await createPostgresTestDatabase();
    // No feed can carry an item that PostgreSQL refuses once its text is cleaned, so the test
    // makes one: a trigger refuses this item as a store limit would (SQLSTATE 54000).
    const setup = await PostgresDatabase.open(database.url);
    await migrate(setup);
    await setup.exec(`
      CREATE FUNCTION refuse_unstorable_item() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'item exceeds what the store takes' USING ERRCODE = '54000';
      END $$;
      CREATE TRIGGER refuse_unstorable_item BEFORE INSERT ON vigil_events FOR EACH ROW
        WHEN (NEW.type = 'item.discovered' AND NEW.data->>'identity' = 'unstorable')
        EXECUTE FUNCTION refuse_unstorable_item();`);
    await setup.close();

    configDir = await mkdtemp(join(tmpdir(), 'vigil-poisoned-'));
    const feedsFile = join(configDir, 'feeds.yaml');
    await writeFile(
      feedsFile,
      [
        'feeds:',
        `  - { id: poisoned, url: "${base}/poisoned.rss" }`,
        `  - { id: utf16, url: "${base}/poisoned-utf16.rss" }`,
        `  - { id: json, url: "${base}/poisoned.json" }`,
      ].join('\n'),
    );
    worker = await createWorkerContext(
      testConfig({
        DATABASE_URL: database.url,
        FEEDS_FILE: feedsFile,
        ALLOW_PRIVATE_NETWORKS: 'true',
      }),
    );
    store = worker.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await worker.close();
    publisher.closeAllConnections();
    await new Promise((resolve) => publisher.close(resolve));
    await database.drop();
    await rm(configDir, { recursive: true, force: true });
  });

  it('discovers every other item of the RSS feed, the poisoned ones with clean text', async () => {
    const items = await expectEventually(async () => {
      const found = await discovered('poisoned');
      expect(Object.keys(found)).toHaveLength(5);
      return found;
    });

    expect(items).toEqual({
      'good-1': {
        title: 'INTERPOL elects a new president',
        summary: 'INTERPOL elects a new president, reported.',
      },
      'raw-nul': { title: 'Red Notice withdrawn', summary: 'Red Notice withdrawn, reported.' },
      'referenced-nul': {
        title: 'Court halts\ufffd extradition',
        summary: 'Court halts\ufffd extradition, reported.',
      },
      'referenced-half-pair': { title: 'Dissident freed', summary: 'Lone half \ufffd of a pair' },
      'good-2': {
        title: 'Extradition hearing adjourned',
        summary: 'Extradition hearing adjourned, reported.',
      },
    });
  });

  it('records the unstorable item as feed.poll_failed with reason bad_item, naming it', async () => {
    const [badItem, ...more] = await expectEventually(async () => {
      const failed = await events('feed.poll_failed', 'poisoned');
      expect(failed).toHaveLength(1);
      return failed;
    });

    expect(more).toEqual([]);
    expect(badItem?.data).toEqual({
      feedId: 'poisoned',
      reason: 'bad_item',
      status: 200,
      message: expect.stringContaining('item exceeds what the store takes (SQLSTATE 54000)'),
      item: { identity: 'unstorable', stream: itemStreamId('poisoned', 'unstorable') },
    });
    expect(await store.readStream(itemStreamId('poisoned', 'unstorable'))).toEqual([]);
  });

  it('keeps the feed healthy, and records the bad item once however often it is polled', async () => {
    const feeds = worker.get(FeedsReader);
    const firstPoll = await expectEventually(async () => {
      const health = await feeds.health('poisoned');
      expect(health?.lastPollAt).toEqual(expect.any(String));
      return health!;
    });

    await worker
      .get(JobQueues)
      .enqueue(
        JobName.PollFeed,
        { feedId: 'poisoned' },
        { jobId: `${JobName.PollFeed}-poisoned-test-${Date.now()}` },
      );
    await expectEventually(async () =>
      expect((await feeds.health('poisoned'))?.lastPollAt).not.toBe(firstPoll.lastPollAt),
    );

    // The feeds view has seen the bad item's event: it does not make the feed failing.
    await consumersCaughtUp(store);
    const found = await feeds.getWithHealth('poisoned');
    expect(found?.feed.failingReason).toBeNull();
    expect(found?.health).toMatchObject({ failuresInRow: 0, lastErrorReason: null, itemsSeen: 5 });
    expect(await events('feed.poll_failed', 'poisoned')).toHaveLength(1);
    expect(await events('item.discovered', 'poisoned')).toHaveLength(5);
  });

  it('cleans a lone surrogate out of a UTF-16 feed', async () => {
    await expectEventually(async () =>
      expect(await discovered('utf16')).toEqual({
        'utf16-half-pair': { title: 'Activist detained', summary: 'Half \ufffd a pair, in UTF-16' },
        'utf16-good': {
          title: 'Red Notice review ordered',
          summary: 'Red Notice review ordered, reported.',
        },
      }),
    );
  });

  it('cleans U+0000 and lone surrogates out of JSON Feed escapes, identity included', async () => {
    await expectEventually(async () =>
      expect(await discovered('json')).toEqual({
        'json-nul-': { title: 'Journalist exiled', summary: 'Text .' },
        'json-half-pair': { title: 'Half \ufffd pair', summary: 'Summary \ufffd.' },
        'json-good': { title: 'Commission publishes report', summary: '' },
      }),
    );
    expect(await events('feed.poll_failed', 'json')).toEqual([]);
    expect(await events('feed.poll_failed', 'utf16')).toEqual([]);
  });
});
