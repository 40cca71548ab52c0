import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KnownNewEvent, KnownRecordedEvent } from '@app/contracts';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@app/testing';
import {
  type EventStore,
  handleCommand,
  PostgresDatabase,
  SqlEventStore,
  type StreamDecider,
} from '../src/index.js';

/** Renames a feed only when the title differs, so a stale decision would be visible. */
const renamer: StreamDecider<{ readonly title: string }, { readonly titles: readonly string[] }> = {
  initialState: () => ({ titles: [] }),
  evolve: (state, event: KnownRecordedEvent) =>
    event.type === 'feed.updated' && event.data.changes.title
      ? { titles: [...state.titles, event.data.changes.title] }
      : state,
  decide: (command, state): KnownNewEvent[] =>
    state.titles.includes(command.title)
      ? []
      : [{ type: 'feed.updated', data: { feedId: 'f', changes: { title: command.title } } }],
};

describe('handleCommand on PostgreSQL', () => {
  let database: PostgresTestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    store = await SqlEventStore.open(await PostgresDatabase.open(database.url));
  });

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('appends what the decider decides, starting a new stream', async () => {
    const stream = `feed-${randomUUID()}`;

    const outcome = await handleCommand(store, stream, renamer, { title: 'World' });

    expect(outcome.result?.nextExpectedVersion).toBe(1);
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['feed.updated']);
  });

  it('appends nothing when the decider decides nothing', async () => {
    const stream = `feed-${randomUUID()}`;
    await handleCommand(store, stream, renamer, { title: 'World' });

    const outcome = await handleCommand(store, stream, renamer, { title: 'World' });

    expect(outcome).toMatchObject({ appended: [], result: null });
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('decides again on fresh state when concurrent writers race', async () => {
    const stream = `feed-${randomUUID()}`;

    await Promise.all(
      Array.from({ length: 8 }, () => handleCommand(store, stream, renamer, { title: 'Same' })),
    );

    // Every racer but the first re-read the stream and found nothing left to do.
    expect((await store.readStream(stream)).map((e) => e.version)).toEqual([1]);
  });
});
