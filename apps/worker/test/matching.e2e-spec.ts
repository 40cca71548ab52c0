import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { type EventOf, isEventOf } from '@app/contracts';
import { WatchlistRepository } from '@app/watchlist';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { JobName, JobQueues, QueueName } from '@app/jobs';
import {
  createPostgresTestDatabase,
  discoverItem,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import { createWorkerContext } from '../src/index.js';

describe('matching: item.discovered -> match job -> item.matched', () => {
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let store: EventStore;

  const discover = (title: string, summary: string): Promise<string> =>
    discoverItem(store, { feedId: 'wire', title, summary });
  const matched = async (stream: string): Promise<EventOf<'item.matched'>[]> =>
    (await store.readStream(stream)).filter((event) => isEventOf(event, ['item.matched']));

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    worker = await createWorkerContext(testConfig({ DATABASE_URL: database.url }));
    store = worker.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await worker.close();
    await database.drop();
  });

  it('records the watchlist file as watchlist.changed once, however often the worker starts', async () => {
    const changes = (await store.readStream('watchlist')).map((event) => event.data);
    expect(changes).toEqual([expect.objectContaining({ source: 'file' })]);
  });

  it('explains a match: topic, rule, terms with field and offsets, score', async () => {
    const title = 'INTERPOL elects new president amid protests';
    const summary = 'Rights groups said a Red Notice had been used against exiled dissidents.';
    const stream = await discover(title, summary);

    const [event] = await expectEventually(async () => {
      const events = await matched(stream);
      expect(events).toHaveLength(1);
      return events;
    });

    expect(event?.data).toMatchObject({
      feedId: 'wire',
      watchlistVersion: 1,
      scores: { 'interpol-leadership': 2, 'red-notice-abuse': 1 },
    });
    const matches = event!.data.matches;
    const leadership = matches.find((match) => match.rule === 'interpol-election');
    expect(leadership?.terms.map((term) => [term.field, term.text])).toEqual(
      expect.arrayContaining([
        ['title', 'INTERPOL'],
        ['title', 'elects'],
      ]),
    );
    for (const match of matches) {
      for (const term of match.terms) {
        const text = term.field === 'title' ? title : summary;
        expect(text.slice(term.start, term.end)).toBe(term.text);
      }
    }
  });

  it('records nothing for an item no rule matches, or a look-alike', async () => {
    const unrelated = await discover('Rock band Interpol announces tour', 'New album in spring.');
    const control = await discover('INTERPOL elects its new president', '');

    await expectEventually(async () => expect(await matched(control)).toHaveLength(1));
    expect(await matched(unrelated)).toEqual([]);
  });

  it('matches with a new watchlist version at once, without a restart', async () => {
    const catalog = worker.get(WatchlistRepository);
    const current = await catalog.current();
    const version = await catalog.record(
      {
        aliases: current!.definition.aliases,
        topics: [
          ...current!.definition.topics,
          {
            id: 'extradition',
            title: 'Extradition',
            rules: [{ id: 'extradition-treaty', query: 'extradition NEAR/4 treaty', weight: 1 }],
          },
        ],
      },
      'admin',
    );

    const stream = await discover('Court suspends extradition treaty', '');

    await expectEventually(async () =>
      expect((await matched(stream))[0]?.data).toMatchObject({
        watchlistVersion: version,
        scores: { extradition: 1 },
      }),
    );
  });

  it('backfills: past items are matched against a new watchlist, with progress on the job', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const past = await discover('Operation Fox Hunt agents followed exiles in Paris', '');
    const catalog = worker.get(WatchlistRepository);
    const current = await catalog.current();
    const version = await catalog.record(
      {
        aliases: current!.definition.aliases,
        topics: [
          ...current!.definition.topics,
          {
            id: 'transnational-repression',
            title: 'Transnational repression',
            rules: [{ id: 'fox-hunt', query: '"fox hunt" NEAR/3 operation', weight: 1 }],
          },
        ],
      },
      'admin',
    );

    const jobId = `backfill-matches-test-${Date.now()}`;
    await worker.get(JobQueues).enqueue(JobName.BackfillMatches, { since }, { jobId });

    const job = await expectEventually(async () => {
      const found = await worker.get(JobQueues).queue(QueueName.Matching).getJob(jobId);
      expect(found?.progress).toMatchObject({ done: true });
      return found!;
    });
    expect((job.progress as { items: number }).items).toBeGreaterThanOrEqual(4);
    const pastMatches = await matched(past);
    expect(pastMatches.at(-1)?.data).toMatchObject({
      watchlistVersion: version,
      scores: { 'transnational-repression': 1 },
    });
  });
});
