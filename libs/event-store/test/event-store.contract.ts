import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FeedRegistered, KnownRecordedEvent } from '@app/contracts';
import {
  ConsumerLeases,
  type Database,
  type EventStore,
  migrate,
  SqlEventStore,
  type Upcaster,
  WrongExpectedVersionError,
} from '../src/index.js';
import { labelled, labelOf } from './labelled-event.js';

/** What each adapter's spec provides: one database of its kind, empty at first. */
export interface EventStoreFixture {
  readonly adapter: string;
  /** Opens a connection to the same database each time; the suite closes one before the next. */
  openDatabase(): Promise<Database>;
  /** Called once after the suite; removes what openDatabase created. */
  dispose(): Promise<void>;
}

/** A stream name no other test of the file uses, of the kind that holds `labelled` events. */
const newStream = (): string => `feed-${randomUUID()}`;

/**
 * ONE contract for every EventStore adapter (SPEC.md §2). Each adapter's spec calls this
 * unchanged; a behaviour that differs between adapters is a failure here.
 */
export function describeEventStoreContract(fixture: EventStoreFixture): void {
  describe(`EventStore contract on ${fixture.adapter}`, () => {
    let database!: Database;
    let store!: EventStore;

    const reopen = async (upcasters: readonly Upcaster[] = []): Promise<void> => {
      // Undefined only before the first open.
      await (store as EventStore | undefined)?.close();
      database = await fixture.openDatabase();
      store = await SqlEventStore.open(database, { upcasters });
    };

    beforeAll(() => reopen());

    afterAll(async () => {
      await store.close();
      await fixture.dispose();
    });

    describe('append and read a stream', () => {
      it('appends one event to a new stream and reads it back with its envelope', async () => {
        const stream = newStream();
        const id = randomUUID();
        const data: FeedRegistered = {
          feedId: 'example',
          source: 'admin',
          url: 'https://example.org/rss',
          title: null,
          intervalSeconds: null,
          enabled: true,
          allowPrivateNetwork: false,
        };
        const result = await store.append(
          stream,
          { id, type: 'feed.registered', data, metadata: { by: 'test' } },
          { expectedVersion: 'no_stream' },
        );

        expect(result.nextExpectedVersion).toBe(1);
        expect(result.firstPosition).toBe(result.lastPosition);
        const [recorded, ...rest] = await store.readStream(stream);
        expect(rest).toHaveLength(0);
        expect(recorded).toEqual({
          id,
          stream,
          version: 1,
          position: result.firstPosition,
          type: 'feed.registered',
          schemaVersion: 1,
          data,
          metadata: { by: 'test' },
          recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        });
      });

      it('appends a batch atomically with consecutive versions and positions', async () => {
        const stream = newStream();
        const result = await store.append(stream, [labelled('a'), labelled('b'), labelled('c')], {
          expectedVersion: 'no_stream',
        });

        expect(result.nextExpectedVersion).toBe(3);
        expect(result.lastPosition - result.firstPosition).toBe(2);
        const events = await store.readStream(stream);
        expect(events.map((e) => [labelOf(e), e.version, e.position])).toEqual([
          ['a', 1, result.firstPosition],
          ['b', 2, result.firstPosition + 1],
          ['c', 3, result.firstPosition + 2],
        ]);
      });

      it('reads a stream from a version with a limit', async () => {
        const stream = newStream();
        await store.append(stream, [labelled('a'), labelled('b'), labelled('c'), labelled('d')], {
          expectedVersion: 'no_stream',
        });

        const page = await store.readStream(stream, { fromVersion: 2, limit: 2 });

        expect(page.map(labelOf)).toEqual(['b', 'c']);
      });

      it('reads an unknown stream as empty', async () => {
        await expect(store.readStream(newStream())).resolves.toEqual([]);
      });

      it('generates distinct UUIDs when the caller gives none', async () => {
        const stream = newStream();
        await store.append(stream, [labelled('a'), labelled('b')], { expectedVersion: 'any' });

        const [first, second] = await store.readStream(stream);

        expect(first?.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(first?.id).not.toBe(second?.id);
      });

      it('refuses an event id that is already in the log', async () => {
        const id = randomUUID();
        await store.append(newStream(), { ...labelled('a'), id }, { expectedVersion: 'any' });

        await expect(
          store.append(newStream(), { ...labelled('a'), id }, { expectedVersion: 'any' }),
        ).rejects.toMatchObject({ code: '23505' });
      });

      it('rejects malformed appends before touching the database', async () => {
        await expect(store.append('', labelled('a'), { expectedVersion: 'any' })).rejects.toThrow(
          RangeError,
        );
        await expect(store.append(newStream(), [], { expectedVersion: 'any' })).rejects.toThrow(
          RangeError,
        );
        await expect(
          store.append(
            newStream(),
            { ...labelled('a'), schemaVersion: 0 },
            { expectedVersion: 'any' },
          ),
        ).rejects.toThrow(RangeError);
        await expect(
          store.append(newStream(), labelled('a'), { expectedVersion: -1 }),
        ).rejects.toThrow(RangeError);
      });
    });

    describe('expected version', () => {
      it('accepts the exact current version and refuses a stale one with a typed error', async () => {
        const stream = newStream();
        const first = await store.append(stream, labelled('a'), { expectedVersion: 'no_stream' });
        await store.append(stream, labelled('b'), { expectedVersion: first.nextExpectedVersion });

        const stale = store.append(stream, labelled('c'), { expectedVersion: 1 });

        await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(stale).rejects.toMatchObject({
          stream,
          expectedVersion: 1,
          actualVersion: 2,
        });
        expect((await store.readStream(stream)).map(labelOf)).toEqual(['a', 'b']);
      });

      it('refuses no_stream when the stream exists, and writes nothing of the batch', async () => {
        const stream = newStream();
        await store.append(stream, labelled('a'), { expectedVersion: 'no_stream' });

        await expect(
          store.append(stream, [labelled('b'), labelled('c')], { expectedVersion: 'no_stream' }),
        ).rejects.toMatchObject({ name: 'WrongExpectedVersionError', actualVersion: 1 });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('treats an expected version of 0 as "no stream"', async () => {
        const stream = newStream();
        await store.append(stream, labelled('a'), { expectedVersion: 0 });

        await expect(
          store.append(stream, labelled('b'), { expectedVersion: 0 }),
        ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      });

      it('refuses an exact version on a stream that does not exist', async () => {
        await expect(
          store.append(newStream(), labelled('a'), { expectedVersion: 3 }),
        ).rejects.toMatchObject({ actualVersion: 0 });
      });

      it('appends with "any" whatever the version', async () => {
        const stream = newStream();
        await store.append(stream, labelled('a'), { expectedVersion: 'any' });
        const second = await store.append(stream, labelled('b'), { expectedVersion: 'any' });

        expect(second.nextExpectedVersion).toBe(2);
      });

      it('lets exactly one of many racing writers create a stream', async () => {
        const stream = newStream();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, (_, writer) =>
            store.append(stream, labelled(`writer-${writer}`), {
              expectedVersion: 'no_stream',
            }),
          ),
        );

        const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
        const rejected = outcomes.filter((o) => o.status === 'rejected');
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(9);
        for (const outcome of rejected) {
          expect(outcome.reason).toBeInstanceOf(WrongExpectedVersionError);
        }
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('appending to many streams at once', () => {
      it('appends each request it can, refuses each stale one alone, in request order', async () => {
        const [ahead, fresh, behind] = [newStream(), newStream(), newStream()];
        await store.append(ahead, labelled('a'), { expectedVersion: 'no_stream' });
        await store.append(behind, [labelled('a'), labelled('b')], {
          expectedVersion: 'no_stream',
        });
        const head = await store.headPosition();

        const outcomes = await store.appendMany([
          { stream: ahead, events: [labelled('b'), labelled('c')], expectedVersion: 1 },
          { stream: behind, events: [labelled('x')], expectedVersion: 1 },
          { stream: fresh, events: [labelled('a')], expectedVersion: 'no_stream' },
          { stream: fresh, events: [labelled('b')], expectedVersion: 1 },
        ]);

        expect(outcomes).toEqual([
          {
            appended: true,
            nextExpectedVersion: 3,
            firstPosition: head + 1,
            lastPosition: head + 2,
          },
          { appended: false, error: expect.any(WrongExpectedVersionError) },
          {
            appended: true,
            nextExpectedVersion: 1,
            firstPosition: head + 3,
            lastPosition: head + 3,
          },
          {
            appended: true,
            nextExpectedVersion: 2,
            firstPosition: head + 4,
            lastPosition: head + 4,
          },
        ]);
        expect(outcomes[1]).toMatchObject({
          error: { stream: behind, expectedVersion: 1, actualVersion: 2 },
        });
        expect((await store.readStream(ahead)).map(labelOf)).toEqual(['a', 'b', 'c']);
        expect((await store.readStream(behind)).map(labelOf)).toEqual(['a', 'b']);
        expect((await store.readStream(fresh)).map((e) => e.version)).toEqual([1, 2]);
        expect(await store.headPosition()).toBe(head + 4);
      });

      it('announces the new head once, and nothing when every request was refused', async () => {
        const stream = newStream();
        const heads: number[] = [];
        const stop = store.onAppended((position) => heads.push(position));
        try {
          const { lastPosition } = await store.append(stream, labelled('a'), {
            expectedVersion: 'no_stream',
          });
          await waitFor(() => heads.includes(lastPosition));
          heads.length = 0;

          await store.appendMany([{ stream, events: [labelled('b')], expectedVersion: 5 }]);
          const [outcome] = await store.appendMany([
            { stream, events: [labelled('b')], expectedVersion: 1 },
            { stream: newStream(), events: [labelled('a')], expectedVersion: 'any' },
          ]);
          const head = await store.headPosition();
          await waitFor(() => heads.includes(head));

          expect(outcome).toMatchObject({ appended: true });
          expect(heads).toEqual([head]);
        } finally {
          stop();
        }
      });

      it('announces the types each append wrote, whichever way it was appended', async () => {
        const announced: [number, string[] | null][] = [];
        const stop = store.onAppended((head, types) =>
          announced.push([head, types && [...types].sort()]),
        );
        const subscriptionId = randomUUID();
        const paused = { type: 'subscription.paused', data: { subscriptionId } } as const;
        const resumed = { type: 'subscription.resumed', data: { subscriptionId } } as const;
        const deleted = { type: 'subscription.deleted', data: { subscriptionId } } as const;
        try {
          const single = await store.append(newStream(), [paused, labelled('a')], {
            expectedVersion: 'no_stream',
          });
          const [created] = await store.appendToNewStreams([
            { stream: newStream(), event: resumed },
          ]);
          const [many] = await store.appendMany([
            { stream: newStream(), events: [labelled('b')], expectedVersion: 'any' },
            { stream: newStream(), events: [labelled('c'), deleted], expectedVersion: 0 },
          ]);
          const manyHead = many?.appended ? many.lastPosition + 2 : NaN;
          await waitFor(() => announced.some(([head]) => head === manyHead));

          expect(announced).toEqual([
            [single.lastPosition, ['feed.poll_requested', 'subscription.paused']],
            [created!.position, ['subscription.resumed']],
            [manyHead, ['feed.poll_requested', 'subscription.deleted']],
          ]);
        } finally {
          stop();
        }
      });

      it('validates every request before writing any', async () => {
        const stream = newStream();

        await expect(
          store.appendMany([
            { stream, events: [labelled('a')], expectedVersion: 'no_stream' },
            { stream: newStream(), events: [], expectedVersion: 'any' },
          ]),
        ).rejects.toThrow(RangeError);
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.appendMany([])).toEqual([]);
      });
    });

    describe('reading many streams at once', () => {
      it('reads each stream whole and in version order, and [] for an unknown one', async () => {
        const [first, second, unknown] = [newStream(), newStream(), newStream()];
        await store.append(first, [labelled('a'), labelled('b')], { expectedVersion: 'no_stream' });
        await store.append(second, labelled('c'), { expectedVersion: 'no_stream' });
        await store.append(first, labelled('d'), { expectedVersion: 2 });

        const streams = await store.readStreams([second, unknown, first, second]);

        expect([...streams.keys()]).toEqual([second, unknown, first]);
        expect(streams.get(first)!.map((e) => [labelOf(e), e.version])).toEqual([
          ['a', 1],
          ['b', 2],
          ['d', 3],
        ]);
        expect(streams.get(second)).toEqual(await store.readStream(second));
        expect(streams.get(unknown)).toEqual([]);
        expect(await store.readStreams([])).toEqual(new Map());
      });
    });

    describe('starting many streams at once', () => {
      it('creates only the streams that do not exist yet, in one call, in entry order', async () => {
        const existing = newStream();
        await store.append(existing, labelled('n0'), {
          expectedVersion: 'no_stream',
        });
        const fresh = [newStream(), newStream(), newStream()];
        const head = await store.headPosition();

        const created = await store.appendToNewStreams([
          { stream: fresh[0]!, event: labelled('n1') },
          { stream: existing, event: labelled('n2') },
          { stream: fresh[1]!, event: labelled('n3') },
          { stream: fresh[1]!, event: labelled('n4') },
          { stream: fresh[2]!, event: labelled('n5') },
        ]);

        expect(created).toEqual([
          { stream: fresh[0], position: head + 1 },
          { stream: fresh[1], position: head + 2 },
          { stream: fresh[2], position: head + 3 },
        ]);
        expect((await store.readStream(existing)).map(labelOf)).toEqual(['n0']);
        expect((await store.readStream(fresh[1]!)).map((e) => [e.version, labelOf(e)])).toEqual([
          [1, 'n3'],
        ]);
      });

      it('creates nothing the second time, however often it is called', async () => {
        const entries = [newStream(), newStream()].map((stream) => ({
          stream,
          event: labelled('a'),
        }));
        expect(await store.appendToNewStreams(entries)).toHaveLength(2);
        const head = await store.headPosition();

        const again = await Promise.all([
          store.appendToNewStreams(entries),
          store.appendToNewStreams(entries),
        ]);

        expect(again).toEqual([[], []]);
        expect(await store.headPosition()).toBe(head);
      });

      it('announces the new head to listeners', async () => {
        const heads: number[] = [];
        const unsubscribe = store.onAppended((head) => heads.push(head));
        try {
          const [created] = await store.appendToNewStreams([
            { stream: newStream(), event: labelled('a') },
          ]);
          await waitFor(() => heads.includes(created!.position));
        } finally {
          unsubscribe();
        }
        expect(heads.length).toBeGreaterThan(0);
      });
    });

    describe('the whole log', () => {
      it('reads forward from a position in pages, in position order, across streams', async () => {
        const start = await store.headPosition();
        const streams = [newStream(), newStream(), newStream()];
        for (const [index, stream] of streams.entries()) {
          await store.append(stream, [labelled(`x${index}`), labelled(`y${index}`)], {
            expectedVersion: 'no_stream',
          });
        }

        const seen: KnownRecordedEvent[] = [];
        let after = start;
        for (;;) {
          const page = await store.readAll({ after, limit: 4 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(4);
          seen.push(...page);
          after = page[page.length - 1]!.position;
        }

        const ours = seen.filter((e) => streams.includes(e.stream));
        expect(ours).toHaveLength(6);
        expect(seen.map((e) => e.position)).toEqual(
          Array.from({ length: seen.length }, (_, i) => start + 1 + i),
        );
        expect(await store.headPosition()).toBe(after);
      });

      it('reads only the event types asked for, still in position order', async () => {
        const start = await store.headPosition();
        const stream = newStream();
        const subscriptionId = randomUUID();
        await store.append(
          stream,
          [
            labelled('kept'),
            { type: 'subscription.paused', data: { subscriptionId } },
            { type: 'subscription.resumed', data: { subscriptionId } },
          ],
          { expectedVersion: 'no_stream' },
        );

        const page = await store.readAll({
          after: start,
          limit: 10,
          types: ['feed.poll_requested', 'subscription.resumed'],
        });

        expect(page.map((e) => [e.type, e.version])).toEqual([
          ['feed.poll_requested', 1],
          ['subscription.resumed', 3],
        ]);
      });

      it('reads one stream of the log in position order, after a position and by type', async () => {
        const stream = newStream();
        const other = newStream();
        await store.append(stream, [labelled('s1'), labelled('s2')], {
          expectedVersion: 'no_stream',
        });
        await store.append(other, labelled('o1'), { expectedVersion: 'no_stream' });
        const subscriptionId = randomUUID();
        await store.append(
          stream,
          [labelled('s3'), { type: 'subscription.paused', data: { subscriptionId } }],
          { expectedVersion: 2 },
        );

        const all = await store.readAll({ after: 0, limit: 10, stream });
        const afterSecond = await store.readAll({ after: all[1]!.position, limit: 1, stream });
        const paused = await store.readAll({
          after: 0,
          limit: 10,
          stream,
          types: ['subscription.paused'],
        });

        expect(all.map(labelOf)).toEqual(['s1', 's2', 's3', 'subscription.paused']);
        expect(all.map((e) => e.position)).toEqual(
          [...all.map((e) => e.position)].sort((a, b) => a - b),
        );
        expect(afterSecond.map(labelOf)).toEqual(['s3']);
        expect(paused.map((e) => e.version)).toEqual([4]);
      });

      it('reports the head position of the last committed event', async () => {
        const result = await store.append(newStream(), [labelled('a'), labelled('b')], {
          expectedVersion: 'any',
        });

        expect(await store.headPosition()).toBe(result.lastPosition);
      });

      it('never lets a follower skip an event: 8 concurrent writers x 2,000 events', async () => {
        const writers = 8;
        const perWriter = 2_000;
        const start = await store.headPosition();
        const expectedIds = new Set<string>();
        let writing = true;

        const follower = (async () => {
          const seen: KnownRecordedEvent[] = [];
          let after = start;
          while (writing || after < (await store.headPosition())) {
            const page = await store.readAll({ after, limit: 500 });
            if (page.length > 0) {
              seen.push(...page);
              after = page[page.length - 1]!.position;
            } else {
              await new Promise((resolve) => setImmediate(resolve));
            }
          }
          return seen;
        })();

        await Promise.all(
          Array.from({ length: writers }, async (_, writer) => {
            const stream = newStream();
            for (let n = 0; n < perWriter; n += 1) {
              const id = randomUUID();
              expectedIds.add(id);
              await store.append(
                stream,
                { ...labelled(`${writer}-${n}`), id },
                {
                  expectedVersion: n === 0 ? 'no_stream' : n,
                },
              );
            }
          }),
        );
        writing = false;
        const seen = await follower;

        expect(seen).toHaveLength(writers * perWriter);
        const seenIds = new Set(seen.map((e) => e.id));
        expect(seenIds.size).toBe(seen.length);
        expect([...expectedIds].every((id) => seenIds.has(id))).toBe(true);
        for (let i = 1; i < seen.length; i += 1) {
          expect(seen[i]!.position).toBeGreaterThan(seen[i - 1]!.position);
        }
      }, 180_000);
    });

    describe('append-only', () => {
      it.each([
        ['UPDATE', "UPDATE vigil_events SET type = 'tampered'"],
        ['DELETE', 'DELETE FROM vigil_events'],
        ['TRUNCATE', 'TRUNCATE vigil_events'],
      ])('refuses %s in the database itself', async (_operation, sql) => {
        const stream = newStream();
        await store.append(stream, labelled('a'), { expectedVersion: 'no_stream' });

        await expect(database.query(sql)).rejects.toMatchObject({ code: '42501' });
        expect((await store.readStream(stream)).map(labelOf)).toEqual(['a']);
      });
    });

    describe('checkpoints', () => {
      it('stores, overwrites and lists consumer checkpoints', async () => {
        const name = `consumer-${randomUUID()}`;
        expect(await store.loadCheckpoint(name)).toBe(0);

        await store.saveCheckpoint(name, 41);
        await store.saveCheckpoint(name, 42);

        expect(await store.loadCheckpoint(name)).toBe(42);
        expect(await store.listCheckpoints()).toContainEqual({
          name,
          position: 42,
          updatedAt: expect.any(String),
        });
      });
    });

    describe('consumer leases', () => {
      const LONG_MS = 60_000;
      let leases!: ConsumerLeases;
      beforeAll(() => {
        leases = new ConsumerLeases(database);
      });

      it('gives a free lease to one holder and refuses the others while it is renewed', async () => {
        const consumer = `consumer-${randomUUID()}`;
        const first = await leases.acquire(consumer, 'worker-a', LONG_MS);
        expect(first).toEqual({ consumer, holder: 'worker-a', epoch: 1 });
        expect(await leases.acquire(consumer, 'worker-b', LONG_MS)).toBeUndefined();
        expect(await leases.renew([first!], LONG_MS)).toEqual(new Set([consumer]));
        expect(await leases.acquire(consumer, 'worker-b', LONG_MS)).toBeUndefined();
        expect((await leases.list()).find((lease) => lease.consumer === consumer)).toMatchObject({
          holder: 'worker-a',
          epoch: 1,
          live: true,
        });
      });

      it('lets another holder take an expired lease and fences the old holder off', async () => {
        const consumer = `consumer-${randomUUID()}`;
        const stalled = (await leases.acquire(consumer, 'worker-a', 1))!;
        expect(await leases.saveCheckpoint(stalled, 10)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect((await leases.list()).find((lease) => lease.consumer === consumer)?.live).toBe(
          false,
        );

        const next = await leases.acquire(consumer, 'worker-b', LONG_MS);
        expect(next).toEqual({ consumer, holder: 'worker-b', epoch: 2 });
        // The stalled holder wakes up: its heartbeat and its checkpoint are refused.
        expect(await leases.renew([stalled], LONG_MS)).toEqual(new Set());
        expect(await leases.saveCheckpoint(stalled, 15)).toBe(false);
        expect(await store.loadCheckpoint(consumer)).toBe(10);
        expect(await leases.saveCheckpoint(next!, 12)).toBe(true);
        expect(await store.loadCheckpoint(consumer)).toBe(12);
      });

      it('renews a lease past its expiry that nobody took', async () => {
        const consumer = `consumer-${randomUUID()}`;
        const lease = (await leases.acquire(consumer, 'worker-a', 1))!;
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(await leases.renew([lease], LONG_MS)).toEqual(new Set([consumer]));
        expect(await leases.acquire(consumer, 'worker-b', LONG_MS)).toBeUndefined();
        expect(await leases.saveCheckpoint(lease, 3)).toBe(true);
      });

      it('hands a released lease over at once and announces the release', async () => {
        const consumer = `consumer-${randomUUID()}`;
        const released: string[] = [];
        const unlisten = await leases.onReleased((name) => released.push(name));
        try {
          const leaving = (await leases.acquire(consumer, 'worker-a', LONG_MS))!;
          await leases.release([leaving]);
          await waitFor(() => released.includes(consumer));
          expect(await leases.saveCheckpoint(leaving, 5)).toBe(false);
          expect((await leases.list()).find((lease) => lease.consumer === consumer)).toMatchObject({
            holder: null,
            live: false,
          });
          // Long before the released lease would have expired.
          expect(await leases.acquire(consumer, 'worker-b', LONG_MS)).toEqual({
            consumer,
            holder: 'worker-b',
            epoch: 2,
          });
        } finally {
          await unlisten();
        }
      });

      it('takes a live lease over when told that no other process can hold it', async () => {
        const consumer = `consumer-${randomUUID()}`;
        const gone = (await leases.acquire(consumer, 'previous-run', LONG_MS))!;
        const taken = await leases.acquire(consumer, 'this-run', LONG_MS, { takeOverAtOnce: true });
        expect(taken).toEqual({ consumer, holder: 'this-run', epoch: 2 });
        expect(await leases.saveCheckpoint(gone, 1)).toBe(false);
      });
    });

    describe('wake-ups', () => {
      it('tells listeners the new head soon after an append commits', async () => {
        const heads: number[] = [];
        const unsubscribe = store.onAppended((head) => heads.push(head));
        try {
          const result = await store.append(newStream(), labelled('a'), { expectedVersion: 'any' });
          await waitFor(() => heads.includes(result.lastPosition));
        } finally {
          unsubscribe();
        }
        expect(heads.length).toBeGreaterThan(0);
      });
    });

    describe('upcasting', () => {
      it('lifts old events through a chain of registered upcasters on read', async () => {
        const stream = newStream();
        // Written as a release of schema 1 wrote it: the typed append takes only current data.
        await database.query('SELECT * FROM vigil_append($1, $2, $3::jsonb)', [
          stream,
          'no_stream',
          JSON.stringify([
            {
              id: randomUUID(),
              type: 'feed.removed',
              schemaVersion: 1,
              data: { feed: 'ap-world' },
              metadata: {},
            },
          ]),
        ]);
        await store.append(
          stream,
          [{ type: 'feed.removed', schemaVersion: 3, data: { feedId: 'bbc', source: 'admin' } }],
          { expectedVersion: 1 },
        );
        const upcasters: Upcaster[] = [
          {
            type: 'feed.removed',
            fromSchemaVersion: 1,
            upcast: (data) => ({ feedId: data['feed'] ?? null }),
          },
          {
            type: 'feed.removed',
            fromSchemaVersion: 2,
            upcast: (data) => ({ ...data, source: 'config' }),
          },
        ];
        await reopen(upcasters);
        const events = await store.readStream(stream);
        expect(events.map((e) => [e.schemaVersion, e.data])).toEqual([
          [3, { feedId: 'ap-world', source: 'config' }],
          [3, { feedId: 'bbc', source: 'admin' }],
        ]);
        const fromLog = await store.readAll({ after: events[0]!.position - 1, limit: 1 });
        expect(fromLog[0]?.data).toEqual({ feedId: 'ap-world', source: 'config' });

        await reopen();
        expect((await store.readStream(stream))[0]?.schemaVersion).toBe(1);
      });
    });

    describe('migrations', () => {
      it('are versioned and idempotent', async () => {
        expect(await migrate(database)).toEqual([]);
        const rows = await database.query<{ version: number }>(
          'SELECT version FROM vigil_schema_migrations ORDER BY version',
        );
        expect(rows.map((row) => Number(row.version))).toEqual([1, 2, 3, 4, 5]);
      });
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
