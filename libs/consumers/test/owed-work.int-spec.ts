import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { backfillStream, subscriptionStream } from '@app/contracts';
import { PostgresDatabase, SqlEventStore } from '@app/event-store';
import { createPostgresTestDatabase, discoverItem, type PostgresTestDatabase } from '@app/testing';
import { ensureOwedWorkViewsSchema, OwedWorkProjection, OwedWorkReader } from '../src/index.js';

const HOUR = 3_600_000;

/**
 * The owed-work view the reconciler re-queues from, built by the real projection from the real
 * log: what is owed from the request to the record that it was done, and nothing after.
 */
describe('owed-work view on PostgreSQL', () => {
  let testDatabase: PostgresTestDatabase;
  let store: SqlEventStore;
  let reader: OwedWorkReader;
  let projection: OwedWorkProjection;
  let projectedUpTo = 0;

  beforeAll(async () => {
    testDatabase = await createPostgresTestDatabase();
    const database = await PostgresDatabase.open(testDatabase.url);
    store = await SqlEventStore.open(database);
    await ensureOwedWorkViewsSchema(database);
    reader = new OwedWorkReader(database);
    projection = new OwedWorkProjection(database);
  });

  afterAll(async () => {
    await store.close();
    await testDatabase.drop();
  });

  /** Applies what the log holds since the last call, as the consumer runner would: one page. */
  const project = async () => {
    const page = await store.readAll({
      after: projectedUpTo,
      limit: 1_000,
      types: projection.eventTypes,
    });
    await projection.handleBatch(page);
    projectedUpTo = page.at(-1)?.position ?? projectedUpTo;
  };
  const anHourAgo = () => new Date(Date.now() - HOUR).toISOString();

  it('owes a match from item.discovered until the item is matched or found unmatched', async () => {
    const item = { feedId: 'wire', title: 'A report', summary: 'Its text.' };
    const [kept, matched, unmatched] = [
      await discoverItem(store, item),
      await discoverItem(store, item),
      await discoverItem(store, item),
    ];
    await project();
    const owed = async () =>
      (await reader.owedMatches(anHourAgo(), 0, 100)).map((each) => each.itemStream);
    expect(await owed()).toEqual([kept, matched, unmatched]);

    await store.append(
      matched,
      {
        type: 'item.matched',
        data: { feedId: 'wire', watchlistVersion: 1, matches: [], scores: {} },
      },
      { expectedVersion: 1 },
    );
    await store.append(
      unmatched,
      { type: 'item.unmatched', data: { feedId: 'wire', watchlistVersion: 1 } },
      { expectedVersion: 1 },
    );
    await project();
    expect(await owed()).toEqual([kept]);

    // Replaying the whole log (a crash before the checkpoint) converges to the same rows.
    projectedUpTo = 0;
    await project();
    expect(await owed()).toEqual([kept]);
  });

  it('leaves out items discovered before the window: those are a backfill, not a lost job', async () => {
    const inAnHour = new Date(Date.now() + HOUR).toISOString();
    expect(await reader.owedMatches(inAnHour, 0, 100)).toEqual([]);
    expect(await reader.owedMatches(anHourAgo(), 0, 100)).toHaveLength(1);
  });

  it('pages by position', async () => {
    const [first] = await reader.owedMatches(anHourAgo(), 0, 100);
    expect(await reader.owedMatches(anHourAgo(), first!.position, 100)).toEqual([]);
  });

  it('owes a backfill from its request to its completion', async () => {
    const since = '2026-11-01T00:00:00.000Z';
    await store.append(
      backfillStream('b1'),
      { type: 'backfill.requested', data: { backfillId: 'b1', since } },
      { expectedVersion: 'no_stream' },
    );
    await project();
    expect(await reader.owedBackfills()).toEqual([{ backfillId: 'b1', since }]);

    await store.append(
      backfillStream('b1'),
      { type: 'backfill.completed', data: { backfillId: 'b1', items: 3, matched: 1 } },
      { expectedVersion: 1 },
    );
    await project();
    expect(await reader.owedBackfills()).toEqual([]);
  });

  it('owes a replay from its request until the subscription records it replayed', async () => {
    const subscriptionId = 's1';
    const stream = subscriptionStream(subscriptionId);
    await store.append(
      stream,
      {
        type: 'subscription.replay_requested',
        data: { subscriptionId, replayId: 'r1', since: '2026-11-01T00:00:00.000Z' },
      },
      { expectedVersion: 'no_stream' },
    );
    await project();
    expect(await reader.owedReplays()).toEqual([{ replayId: 'r1', subscriptionId }]);

    await store.append(
      stream,
      { type: 'subscription.replayed', data: { subscriptionId, replayId: 'r1', notifications: 2 } },
      { expectedVersion: 1 },
    );
    await project();
    expect(await reader.owedReplays()).toEqual([]);
  });
});
