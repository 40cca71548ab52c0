import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KnownNewEvent, KnownRecordedEvent } from '@app/contracts';
import {
  type Database,
  type EventStore,
  PgliteDatabase,
  PostgresDatabase,
  SqlEventStore,
} from '@app/event-store';
import {
  createPostgresTestDatabase,
  expectEventually,
  type PostgresTestDatabase,
} from '@app/testing';
import { ConsumerRunner, consumerLag, type EventConsumer } from '../src/index.js';

const FAST = { pageSize: 3, idlePollMs: 60_000, retryDelayMs: 20 } as const;

/** The one type TypedRecordingConsumer acts on; appendTo writes another. */
const polled: KnownNewEvent = {
  type: 'feed.polled',
  data: { feedId: 'recovered', status: 200, newItems: 0, recoveredFrom: 'timeout' },
};

/** A consumer that records the events of one stream and can be told to fail or to hang. */
class RecordingConsumer implements EventConsumer {
  readonly seen: KnownRecordedEvent[] = [];
  failNext = 0;
  hangAtVersion: number | undefined;
  /** Set once the handler is stuck in the event of `hangAtVersion`. */
  hanging = false;

  constructor(
    readonly name: string,
    private readonly stream: string,
  ) {}

  async handle(event: KnownRecordedEvent): Promise<void> {
    if (event.stream !== this.stream) return;
    if (event.version === this.hangAtVersion) {
      this.hanging = true;
      await new Promise(() => undefined);
    }
    this.seen.push(event);
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error(`refusing ${event.version}`);
    }
  }
}

/** Acts on `feed.polled` only: every other event stays in the database. */
class TypedRecordingConsumer implements EventConsumer {
  readonly eventTypes = ['feed.polled'] as const;
  readonly seen: KnownRecordedEvent[] = [];

  constructor(readonly name: string) {}

  handle(event: KnownRecordedEvent): Promise<void> {
    if (event.type !== 'feed.polled') throw new Error(`handed a ${event.type}`);
    this.seen.push(event);
    return Promise.resolve();
  }
}

/** Records the pages of one stream it is handed; the first `failNext` pages throw. */
class BatchRecordingConsumer implements EventConsumer {
  readonly pages: KnownRecordedEvent[][] = [];
  readonly refused: KnownRecordedEvent[] = [];
  failNext = 0;

  constructor(
    readonly name: string,
    private readonly stream: string,
  ) {}

  handle(): Promise<void> {
    return Promise.reject(new Error('a batch consumer is handed pages'));
  }

  handleBatch(events: readonly KnownRecordedEvent[]): Promise<void> {
    const mine = events.filter((event) => event.stream === this.stream);
    if (this.failNext > 0) {
      this.failNext -= 1;
      this.refused.push(...mine);
      return Promise.reject(new Error('refusing the page'));
    }
    if (mine.length > 0) this.pages.push(mine);
    return Promise.resolve();
  }
}

const adapters: [string, () => Promise<{ database: Database; dispose: () => Promise<void> }>][] = [
  [
    'PGlite',
    async () => ({ database: await PgliteDatabase.open(), dispose: () => Promise.resolve() }),
  ],
  [
    'PostgreSQL',
    async () => {
      const testDatabase: PostgresTestDatabase = await createPostgresTestDatabase();
      return {
        database: await PostgresDatabase.open(testDatabase.url),
        dispose: () => testDatabase.drop(),
      };
    },
  ],
];

describe.each(adapters)('ConsumerRunner on %s', (_adapter, openDatabase) => {
  let store: EventStore;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openDatabase();
    dispose = opened.dispose;
    store = await SqlEventStore.open(opened.database);
  });

  afterAll(async () => {
    await store.close();
    await dispose();
  });

  const appendTo = async (stream: string, count: number) => {
    const existing = (await store.readStream(stream)).length;
    await store.append(
      stream,
      Array.from({ length: count }, (_, n) => ({
        type: 'feed.poll_requested',
        data: { feedId: `counted-${existing + n}` },
      })),
      { expectedVersion: existing === 0 ? 'no_stream' : existing },
    );
  };

  /** Pages then start at the next append, whatever earlier tests left in the log. */
  const startAtHead = async (consumer: string) =>
    store.saveCheckpoint(consumer, await store.headPosition());

  it('hands every event over in order and stores the checkpoint', async () => {
    const stream = `s-${randomUUID()}`;
    await appendTo(stream, 7);
    const consumer = new RecordingConsumer(`c-${randomUUID()}`, stream);
    const runner = new ConsumerRunner(store, consumer, FAST);

    await runner.start();
    await expectEventually(() => expect(consumer.seen).toHaveLength(7));
    await runner.stop(5_000);

    expect(consumer.seen.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const last = consumer.seen[6]!.position;
    expect(await store.loadCheckpoint(consumer.name)).toBeGreaterThanOrEqual(last);
  });

  it('wakes on a new append at once, not on its idle poll', async () => {
    const stream = `s-${randomUUID()}`;
    const consumer = new RecordingConsumer(`c-${randomUUID()}`, stream);
    const runner = new ConsumerRunner(store, consumer, FAST);
    await runner.start();
    await expectEventually(async () => expect(runner.checkpoint).toBe(await store.headPosition()));

    await appendTo(stream, 1);

    // The idle poll is a minute: only the append notification can make this pass in time.
    await expectEventually(() => expect(consumer.seen).toHaveLength(1), { timeoutMs: 5_000 });
    await runner.stop(5_000);
  });

  it('resumes from its checkpoint after a crash, replaying at most the page in hand', async () => {
    const stream = `s-${randomUUID()}`;
    const name = `c-${randomUUID()}`;
    await startAtHead(name);
    await appendTo(stream, 6);
    const crashing = new RecordingConsumer(name, stream);
    crashing.hangAtVersion = 5;
    const first = new ConsumerRunner(store, crashing, FAST);
    await first.start();
    await expectEventually(() => expect(crashing.hanging).toBe(true));
    expect(crashing.seen).toHaveLength(4);
    // The handler never returns: the process "dies" with event 5 in hand, in the page 4..6
    // whose checkpoint was never stored.
    expect(await first.stop(50)).toBe(false);

    const restarted = new RecordingConsumer(name, stream);
    const second = new ConsumerRunner(store, restarted, FAST);
    await second.start();
    await expectEventually(() => expect(restarted.seen).toHaveLength(3));
    await second.stop(5_000);

    expect(restarted.seen.map((e) => e.version)).toEqual([4, 5, 6]);
  });

  it('retries an event whose handler throws, and never skips it', async () => {
    const stream = `s-${randomUUID()}`;
    await appendTo(stream, 3);
    const consumer = new RecordingConsumer(`c-${randomUUID()}`, stream);
    const failures: number[] = [];
    const runner = new ConsumerRunner(store, consumer, FAST, (failure) =>
      failures.push(failure.position),
    );
    consumer.failNext = 2;

    await runner.start();
    await expectEventually(() => expect(consumer.seen).toHaveLength(5));
    await runner.stop(5_000);

    expect(consumer.seen.map((e) => e.version)).toEqual([1, 1, 1, 2, 3]);
    expect(failures).toEqual([consumer.seen[0]!.position, consumer.seen[0]!.position]);
  });

  it('reads only the event types a consumer names, and checkpoints up to the head', async () => {
    const stream = `s-${randomUUID()}`;
    const consumer = new TypedRecordingConsumer(`c-${randomUUID()}`);
    // Appends of other types do not wake it: its idle poll carries the checkpoint to the head.
    const runner = new ConsumerRunner(store, consumer, { ...FAST, idlePollMs: 50 });
    await runner.start();
    await appendTo(stream, 2);
    await store.append(stream, polled, { expectedVersion: 2 });
    await appendTo(stream, 2);

    await expectEventually(async () => expect(runner.checkpoint).toBe(await store.headPosition()));
    await runner.stop(5_000);

    expect(consumer.seen.map((e) => [e.stream, e.version])).toEqual([[stream, 3]]);
    expect(await store.loadCheckpoint(consumer.name)).toBe(await store.headPosition());
  });

  it('wakes at once for an append of a type it names', async () => {
    const consumer = new TypedRecordingConsumer(`c-${randomUUID()}`);
    // From the head: earlier tests' feed.polled events are not this test's.
    await startAtHead(consumer.name);
    const runner = new ConsumerRunner(store, consumer, FAST);
    await runner.start();
    await expectEventually(async () => expect(runner.checkpoint).toBe(await store.headPosition()));
    const polledStream = `s-${randomUUID()}`;

    await appendTo(`s-${randomUUID()}`, 1);
    await store.append(polledStream, polled, { expectedVersion: 'no_stream' });

    // The idle poll is a minute: only the announcement of feed.polled can make this pass.
    await expectEventually(
      () => expect(consumer.seen.map((e) => e.stream)).toEqual([polledStream]),
      {
        timeoutMs: 5_000,
      },
    );
    await runner.stop(5_000);
  });

  it('hands pages to a batch handler, and retries a page that throws', async () => {
    const stream = `s-${randomUUID()}`;
    const consumer = new BatchRecordingConsumer(`c-${randomUUID()}`, stream);
    await startAtHead(consumer.name);
    await appendTo(stream, 5);
    consumer.failNext = 1;
    const failures: number[] = [];
    const runner = new ConsumerRunner(store, consumer, FAST, (failure) =>
      failures.push(failure.position),
    );

    await runner.start();
    await expectEventually(() => expect(consumer.pages.flat()).toHaveLength(5));
    await runner.stop(5_000);

    const versions = consumer.pages.map((page) => page.map((event) => event.version));
    expect(versions).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(consumer.refused.map((event) => event.version)).toEqual([1, 2, 3]);
    expect(failures).toEqual([consumer.refused[0]!.position]);
  });

  it('reports its lag behind the head of the log', async () => {
    const stream = `s-${randomUUID()}`;
    const consumer = new RecordingConsumer(`c-${randomUUID()}`, stream);
    const runner = new ConsumerRunner(store, consumer, FAST);
    await runner.start();
    await expectEventually(async () => expect(runner.checkpoint).toBe(await store.headPosition()));
    await runner.stop(5_000);

    await appendTo(stream, 4);

    const lag = (await consumerLag(store)).find((entry) => entry.name === consumer.name);
    expect(lag).toMatchObject({ name: consumer.name, lag: 4 });
  });
});
