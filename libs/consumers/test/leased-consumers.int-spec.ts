import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { KnownNewEvent, KnownRecordedEvent } from '@app/contracts';
import {
  ConsumerLeases,
  type Database,
  type EventStore,
  type HeldLease,
  PostgresDatabase,
  SqlEventStore,
} from '@app/event-store';
import {
  createPostgresTestDatabase,
  expectEventually,
  type PostgresTestDatabase,
} from '@app/testing';
import { type EventConsumer, LeasedConsumers } from '../src/index.js';

const RUNNER = { pageSize: 20, idlePollMs: 100, retryDelayMs: 20 } as const;

/** Records the events of one stream it finished handling; can be told to hang on one. */
class RecordingConsumer implements EventConsumer {
  readonly eventTypes = ['feed.polled'] as const;
  readonly handled: number[] = [];
  hangAtVersion: number | undefined;
  hanging = false;
  private letGo: (() => void) | undefined;

  constructor(
    readonly name: string,
    private readonly stream: string,
  ) {}

  async handle(event: KnownRecordedEvent): Promise<void> {
    if (event.stream !== this.stream) return;
    if (event.version === this.hangAtVersion) {
      this.hanging = true;
      await new Promise<void>((resolve) => (this.letGo = resolve));
    }
    this.handled.push(event.position);
  }

  release(): void {
    this.letGo?.();
  }
}

/** The leases of a worker whose heartbeat can be held up (a stalled event loop, a slow link). */
class StallableLeases extends ConsumerLeases {
  private stalled: Promise<void> | undefined;
  private resume: (() => void) | undefined;

  stallRenewals(): void {
    this.stalled = new Promise((resolve) => (this.resume = resolve));
  }

  resumeRenewals(): void {
    this.resume?.();
    this.stalled = undefined;
  }

  override async renew(held: readonly HeldLease[], leaseMs: number): Promise<Set<string>> {
    await this.stalled;
    return super.renew(held, leaseMs);
  }
}

const polled: KnownNewEvent = {
  type: 'feed.polled',
  data: { feedId: 'lease-spec', status: 200, newItems: 0, recoveredFrom: 'timeout' },
};

describe('LeasedConsumers on PostgreSQL', () => {
  let database: PostgresTestDatabase;
  let sql: Database;
  let store: EventStore;
  const started: LeasedConsumers[] = [];

  const worker = (
    holder: string,
    consumer: EventConsumer,
    leases: ConsumerLeases,
    leaseMs: number,
    lost: string[] = [],
  ): LeasedConsumers => {
    const consumers = new LeasedConsumers(
      store,
      leases,
      [consumer],
      holder,
      RUNNER,
      { leaseMs, takeOverAtOnce: false },
      { onFailure: () => undefined, onLost: (name) => lost.push(name) },
    );
    started.push(consumers);
    return consumers;
  };
  const appendTo = async (stream: string, count: number): Promise<number[]> => {
    const positions: number[] = [];
    for (let n = 0; n < count; n += 1) {
      positions.push((await store.append(stream, polled, { expectedVersion: 'any' })).lastPosition);
    }
    return positions;
  };

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    sql = await PostgresDatabase.open(database.url);
    store = await SqlEventStore.open(await PostgresDatabase.open(database.url));
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((consumers) => consumers.stop(1_000)));
  });

  afterAll(async () => {
    await store.close();
    await sql.close();
    await database.drop();
  });

  it('fences off a stalled holder: it handles nothing after the event in hand, and its checkpoint is refused', async () => {
    const stream = `feed-${randomUUID()}`;
    const name = `stall-${randomUUID()}`;
    const stalledLeases = new StallableLeases(sql);
    const lost: string[] = [];
    const first = new RecordingConsumer(name, stream);
    const second = new RecordingConsumer(name, stream);
    const a = worker('worker-a', first, stalledLeases, 600, lost);
    await a.start();
    expect(a.running).toEqual([name]);
    const b = worker('worker-b', second, new ConsumerLeases(sql), 600);
    await b.start();
    expect(b.running).toEqual([]);

    const before = await appendTo(stream, 5);
    await expectEventually(() => expect(first.handled).toEqual(before));
    await expectEventually(async () =>
      expect(await store.loadCheckpoint(name)).toBe(before.at(-1)),
    );

    // A stalls in the middle of an event, and its heartbeat stops with it.
    first.hangAtVersion = 6;
    stalledLeases.stallRenewals();
    const during = await appendTo(stream, 5);
    await expectEventually(() => expect(first.hanging).toBe(true));

    // B takes over once A's lease expires and starts from A's last checkpoint.
    await expectEventually(() => expect(b.running).toEqual([name]), { timeoutMs: 15_000 });
    const after = await appendTo(stream, 5);
    await expectEventually(() => expect(second.handled).toEqual([...during, ...after]));
    await expectEventually(async () => expect(await store.loadCheckpoint(name)).toBe(after.at(-1)));

    // A wakes up: it finishes the event in hand (handled again by B: at least once), then
    // hands over nothing more, and its checkpoint would have gone back: it is refused.
    first.release();
    await expectEventually(() => expect(a.running).toEqual([]));
    expect(first.handled).toEqual([...before, during[0]]);
    expect(await store.loadCheckpoint(name)).toBe(after.at(-1));

    // Its heartbeat comes back and learns the lease is gone.
    stalledLeases.resumeRenewals();
    await expectEventually(() => expect(lost).toEqual([name]));
    expect(a.running).toEqual([]);
    const last = await appendTo(stream, 3);
    await expectEventually(() => expect(second.handled).toEqual([...during, ...after, ...last]));
    expect(first.handled).toEqual([...before, during[0]]);
  });

  it('releases on stop, so another worker takes the consumer over long before the lease would expire', async () => {
    const stream = `feed-${randomUUID()}`;
    const name = `handover-${randomUUID()}`;
    const first = new RecordingConsumer(name, stream);
    const second = new RecordingConsumer(name, stream);
    // An hour: only the release can explain a takeover within this test.
    const a = worker('worker-a', first, new ConsumerLeases(sql), 3_600_000);
    await a.start();
    const b = worker('worker-b', second, new ConsumerLeases(sql), 3_600_000);
    await b.start();
    const before = await appendTo(stream, 4);
    await expectEventually(() => expect(first.handled).toEqual(before));
    await expectEventually(async () =>
      expect(await store.loadCheckpoint(name)).toBe(before.at(-1)),
    );

    expect(await a.stop(1_000)).toEqual([]);
    await expectEventually(() => expect(b.running).toEqual([name]));
    const after = await appendTo(stream, 4);
    await expectEventually(() => expect(second.handled).toEqual(after));
    expect(first.handled).toEqual(before);
  });

  it('leaves the lease of a runner that did not stop in time to expire, so nobody runs it meanwhile', async () => {
    const stream = `feed-${randomUUID()}`;
    const name = `busy-${randomUUID()}`;
    const busy = new RecordingConsumer(name, stream);
    busy.hangAtVersion = 1;
    const leases = new ConsumerLeases(sql);
    const a = worker('worker-a', busy, leases, 3_600_000);
    await a.start();
    await appendTo(stream, 1);
    await expectEventually(() => expect(busy.hanging).toBe(true));

    expect(await a.stop(50)).toEqual([name]);
    expect((await leases.list()).find((lease) => lease.consumer === name)).toMatchObject({
      holder: 'worker-a',
      live: true,
    });
    busy.release();
  });
});
