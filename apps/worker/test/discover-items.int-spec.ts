import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type EventStore, PgliteDatabase, PostgresDatabase, SqlEventStore } from '@app/event-store';
import { type FeedItem, itemStreamId, parseFeed, simHash } from '@app/feeds';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@app/testing';
import { discoverItems } from '../src/feeds/discover-items.js';

/**
 * Item discovery against both real event stores, with items that skip the feed library's
 * cleaning: what PostgreSQL and PGlite themselves refuse is what must be quarantined alone.
 */
const item = (identity: string, fields: Partial<FeedItem> = {}): FeedItem => ({
  identity,
  identitySource: 'guid',
  title: `Story ${identity.slice(0, 20)}`,
  url: null,
  summary: 'Reported.',
  publishedAt: null,
  categories: [],
  language: null,
  fingerprint: simHash(identity),
  ...fields,
});

interface Adapter {
  readonly name: string;
  /** A store on a test database of its own, empty at first. */
  open(): Promise<EventStore>;
  dispose(): Promise<void>;
}

let testDatabase: PostgresTestDatabase | undefined;

const adapters: readonly Adapter[] = [
  {
    name: 'PostgreSQL',
    open: async () => {
      testDatabase = await createPostgresTestDatabase();
      return SqlEventStore.open(await PostgresDatabase.open(testDatabase.url));
    },
    dispose: async () => {
      await testDatabase?.drop();
    },
  },
  {
    name: 'PGlite (embedded)',
    open: async () => SqlEventStore.open(await PgliteDatabase.open()),
    dispose: () => Promise.resolve(),
  },
];

describe.each(adapters)('discoverItems on $name', (adapter) => {
  let store: EventStore;
  let closed = false;
  let feedCounter = 0;
  /** A feed of its own per test: item streams derive from the feed id. */
  const newFeed = (): string => `feed-${(feedCounter += 1)}`;
  const exists = async (stream: string): Promise<boolean> =>
    (await store.readStream(stream)).length > 0;

  beforeAll(async () => {
    store = await adapter.open();
  });

  afterAll(async () => {
    if (!closed) await store.close();
    await adapter.dispose();
  });

  it('skips each item the store refuses, alone, and discovers all the others in order', async () => {
    const feedId = newFeed();
    const longIdentity = `long\u0000${'x'.repeat(2_000)}`;
    const items = [
      item('good-1'),
      item('nul-title', { title: 'NUL\u0000in the title' }),
      item('good-2'),
      item('good-3'),
      item('half-pair', { summary: 'half a pair \ud800 here' }),
      item('good-4'),
      item(longIdentity),
      item('good-5'),
    ];

    const { created, badItems } = await discoverItems(store, feedId, items);

    const goodStreams = ['good-1', 'good-2', 'good-3', 'good-4', 'good-5'].map((identity) =>
      itemStreamId(feedId, identity),
    );
    expect(created.map((each) => each.stream)).toEqual(goodStreams);
    for (const stream of goodStreams) expect(await exists(stream)).toBe(true);
    expect(badItems).toEqual([
      {
        identity: 'nul-title',
        stream: itemStreamId(feedId, 'nul-title'),
        message: expect.stringMatching(
          /^the event store refused the item: .+ \(SQLSTATE 22\w{3}\)$/,
        ),
      },
      {
        identity: 'half-pair',
        stream: itemStreamId(feedId, 'half-pair'),
        message: expect.stringContaining('SQLSTATE 22'),
      },
      {
        // Cut to 1,000 characters, then made storable: the U+0000 is gone.
        identity: `long${'x'.repeat(995)}`,
        stream: itemStreamId(feedId, longIdentity),
        message: expect.stringContaining('SQLSTATE 22'),
      },
    ]);
    for (const { stream } of badItems) expect(await exists(stream)).toBe(false);
  });

  it('discovers an item once: a second poll skips what exists and refuses the bad item again', async () => {
    const feedId = newFeed();
    const items = [item('kept'), item('refused', { title: '\u0000' })];
    await discoverItems(store, feedId, items);

    const again = await discoverItems(store, feedId, items);

    expect(again.created).toEqual([]);
    expect(again.badItems.map((each) => each.identity)).toEqual(['refused']);
  });

  it('stores every item of a poisoned feed once the feed library has cleaned it', async () => {
    const feedId = newFeed();
    const parsed = await parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        items: [
          { id: 'nul-\u0000', title: 'Title\u0000', content_text: 'Text\u0000' },
          { id: 'half-\ud800', title: '\udc00', tags: ['\ud83d'], content_text: 'x\udfff' },
          { id: 'good', title: 'Good' },
        ],
      }),
      { baseUrl: 'https://poisoned.example/' },
    );
    if (!parsed.ok) throw new Error(parsed.message);

    const { created, badItems } = await discoverItems(store, feedId, parsed.feed.items);

    expect(badItems).toEqual([]);
    expect(created).toHaveLength(3);
    const stored = await store.readStream(itemStreamId(feedId, 'half-\ufffd'));
    expect(stored[0]?.data).toMatchObject({
      identity: 'half-\ufffd',
      title: '\ufffd',
      summary: 'x\ufffd',
      categories: ['\ufffd'],
    });
  });

  // Last: it closes the store.
  it('throws, rather than calling items bad, when the store itself fails', async () => {
    await store.close();
    closed = true;

    await expect(discoverItems(store, newFeed(), [item('any')])).rejects.toThrow();
  });
});
