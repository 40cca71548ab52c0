import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@app/testing';
import {
  type AppendRequest,
  BatchingEventStore,
  type EventStore,
  PostgresDatabase,
  SqlEventStore,
  WrongExpectedVersionError,
} from '../src/index.js';
import { labelled, labelOf } from './labelled-event.js';

const newStream = () => `feed-${randomUUID()}`;

describe('BatchingEventStore on PostgreSQL', () => {
  let testDatabase: PostgresTestDatabase;
  let store: SqlEventStore;
  const calls = { readStreams: 0, appendMany: 0 };
  let batching: EventStore;

  beforeAll(async () => {
    testDatabase = await createPostgresTestDatabase();
    store = await SqlEventStore.open(await PostgresDatabase.open(testDatabase.url));
    // The real store, counting the round trips the batching view makes of it.
    const counted = Object.create(store) as EventStore;
    counted.readStreams = (streams) => {
      calls.readStreams += 1;
      return store.readStreams(streams);
    };
    counted.appendMany = (requests: readonly AppendRequest[]) => {
      calls.appendMany += 1;
      return store.appendMany(requests);
    };
    batching = new BatchingEventStore(counted);
  });

  afterAll(async () => {
    await store.close();
    await testDatabase.drop();
  });

  it('answers concurrent whole-stream reads as lone reads would, in far fewer round trips', async () => {
    const streams = Array.from({ length: 40 }, newStream);
    for (const [index, stream] of streams.entries()) {
      await store.append(stream, [labelled(`a${index}`), labelled(`b${index}`)], {
        expectedVersion: 'no_stream',
      });
    }
    const before = calls.readStreams;

    const batched = await Promise.all([...streams, newStream()].map((s) => batching.readStream(s)));

    const lone = await Promise.all([...streams].map((s) => store.readStream(s)));
    expect(batched.slice(0, -1)).toEqual(lone);
    expect(batched.at(-1)).toEqual([]);
    expect(calls.readStreams - before).toBeLessThanOrEqual(2);
  });

  it('appends concurrent callers together; a stale one fails alone with its own error', async () => {
    const streams = Array.from({ length: 30 }, newStream);
    const contested = newStream();
    await store.append(contested, labelled('a'), { expectedVersion: 'no_stream' });
    const before = calls.appendMany;

    const outcomes = await Promise.allSettled([
      ...streams.map((stream) => batching.append(stream, labelled('a'), { expectedVersion: 0 })),
      batching.append(contested, labelled('writer-1'), { expectedVersion: 1 }),
      batching.append(contested, labelled('writer-2'), { expectedVersion: 1 }),
    ]);

    expect(outcomes.slice(0, 30).every((o) => o.status === 'fulfilled')).toBe(true);
    const [first, second] = outcomes.slice(30);
    expect(first).toEqual({
      status: 'fulfilled',
      value: expect.objectContaining({ nextExpectedVersion: 2 }),
    });
    expect(second).toMatchObject({ status: 'rejected' });
    expect((second as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((await store.readStream(contested)).map(labelOf)).toEqual(['a', 'writer-1']);
    for (const stream of streams) expect(await store.readStream(stream)).toHaveLength(1);
    expect(calls.appendMany - before).toBeLessThanOrEqual(2);
  });

  it('fails only the append the database refuses when a batch cannot be written', async () => {
    const reusedId = randomUUID();
    const taken = newStream();
    await store.append(taken, { ...labelled('a'), id: reusedId }, { expectedVersion: 'no_stream' });
    const [fine, clashing] = [newStream(), newStream()];

    const outcomes = await Promise.allSettled([
      batching.append(fine, labelled('a'), { expectedVersion: 'no_stream' }),
      batching.append(
        clashing,
        { ...labelled('a'), id: reusedId },
        { expectedVersion: 'no_stream' },
      ),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect(await store.readStream(fine)).toHaveLength(1);
    expect(await store.readStream(clashing)).toEqual([]);
  });

  it('reads part of a stream directly, as the wrapped store does', async () => {
    const stream = newStream();
    await store.append(stream, [labelled('a'), labelled('b'), labelled('c')], {
      expectedVersion: 'no_stream',
    });

    const part = await batching.readStream(stream, { fromVersion: 2, limit: 1 });

    expect(part.map(labelOf)).toEqual(['b']);
  });
});
