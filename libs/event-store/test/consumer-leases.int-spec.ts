import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createPostgresTestDatabase,
  expectEventually,
  type PostgresTestDatabase,
} from '@app/testing';
import {
  ConsumerLeases,
  type Database,
  type EventStore,
  PostgresDatabase,
  type SqlQueryable,
  SqlEventStore,
} from '../src/index.js';

/**
 * The fence under concurrency, on PostgreSQL (the embedded store has one connection, so
 * nothing there runs concurrently): a takeover and the old holder's checkpoint write, each
 * caught in the middle of its transaction while the other runs.
 */
describe('consumer lease fence on PostgreSQL', () => {
  let database: PostgresTestDatabase;
  let sql: Database;
  let store: EventStore;
  let leases: ConsumerLeases;

  const inTransaction = (tx: SqlQueryable): ConsumerLeases =>
    new ConsumerLeases({ ...tx, listen: (channel, listener) => sql.listen(channel, listener) });
  /** Once a statement of this database waits for a lock another transaction holds. */
  const waitingOnALock = () =>
    expectEventually(async () => {
      const [row] = await sql.query<{ waiting: string }>(
        `SELECT count(*) AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      expect(Number(row!.waiting)).toBe(1);
    });
  const expiredLease = async (consumer: string) => {
    const lease = (await leases.acquire(consumer, 'worker-a', 1))!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return lease;
  };

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    sql = await PostgresDatabase.open(database.url);
    store = await SqlEventStore.open(await PostgresDatabase.open(database.url));
    leases = new ConsumerLeases(sql);
  });

  afterAll(async () => {
    await store.close();
    await sql.close();
    await database.drop();
  });

  it('makes a takeover wait for a checkpoint write in flight, then start from it', async () => {
    const consumer = `consumer-${randomUUID()}`;
    const stalled = await expiredLease(consumer);
    let takeover: ReturnType<ConsumerLeases['acquire']> | undefined;
    await sql.transaction(async (tx) => {
      expect(await inTransaction(tx).saveCheckpoint(stalled, 7)).toBe(true);
      takeover = leases.acquire(consumer, 'worker-b', 60_000);
      await waitingOnALock();
    });
    expect(await takeover).toEqual({ consumer, holder: 'worker-b', epoch: 2 });
    expect(await store.loadCheckpoint(consumer)).toBe(7);
  });

  it('makes a checkpoint write wait for a takeover in flight, then refuses it', async () => {
    const consumer = `consumer-${randomUUID()}`;
    const stalled = await expiredLease(consumer);
    let write: Promise<boolean> | undefined;
    await sql.transaction(async (tx) => {
      expect(await inTransaction(tx).acquire(consumer, 'worker-b', 60_000)).toMatchObject({
        epoch: 2,
      });
      write = leases.saveCheckpoint(stalled, 9);
      await waitingOnALock();
    });
    expect(await write).toBe(false);
    expect(await store.loadCheckpoint(consumer)).toBe(0);
  });
});
