import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { KnownNewEvent } from '@app/contracts';
import {
  ConsumerLeases,
  type Database,
  type EventStore,
  type LeaseRecord,
  PostgresDatabase,
  SqlEventStore,
} from '@app/event-store';
import { liveWorkers } from '@app/jobs';
import {
  childProcessEnv,
  createPostgresTestDatabase,
  expectEventually,
  NO_FEEDS_FILE,
  type PostgresTestDatabase,
  TEST_WATCHLIST_FILE,
  stopProcesses,
  testConfig,
  uniqueQueuePrefix,
} from '@app/testing';

/** The built worker with a consumer that records each handler call (npm test builds first). */
const WORKER = join(process.cwd(), 'apps/worker/test/fixtures/recording-worker.js');
const RECORDER = 'lease-test-recorder';
/** Short, so the takeover after a kill is quick; renewed every third of it. */
const LEASE_MS = 1_500;
/** Time for the takeover beyond the lease itself: a loaded machine starts and queries slowly. */
const TAKEOVER_SLACK_MS = 15_000;

interface HandlerCall {
  readonly position: number;
  readonly pid: number;
}

describe('consumer leases across three worker processes', () => {
  let database: PostgresTestDatabase;
  let dir: string;
  let store: EventStore;
  let sql: Database;
  let leases: ConsumerLeases;
  let redis: Redis;
  let env: Record<string, string>;
  const queuePrefix = uniqueQueuePrefix();
  const workers: ChildProcess[] = [];
  const stream = `feed-${randomUUID()}`;

  const polled = (n: number): KnownNewEvent => ({
    type: 'feed.polled',
    data: { feedId: `lease-test-${n}`, status: 200, newItems: n, recoveredFrom: 'timeout' },
  });
  /** Appends `count` events in small appends, as polls would; returns their positions. */
  const appendEvents = async (count: number): Promise<number[]> => {
    const positions: number[] = [];
    for (let n = 0; n < count; n += 1) {
      const { lastPosition } = await store.append(stream, polled(n), { expectedVersion: 'any' });
      positions.push(lastPosition);
    }
    return positions;
  };
  const calls = async (): Promise<HandlerCall[]> =>
    (
      await sql.query<{ position: string; pid: number }>(
        'SELECT position, pid FROM lease_test_calls ORDER BY id',
      )
    ).map((row) => ({ position: Number(row.position), pid: row.pid }));
  const leaseOf = async (consumer: string): Promise<LeaseRecord | undefined> =>
    (await leases.list()).find((lease) => lease.consumer === consumer);
  const pidOf = (holder: string | null): number => Number(holder?.split('-').at(-2));
  const workerOf = (pid: number): ChildProcess => workers.find((worker) => worker.pid === pid)!;
  /** Every appended position handled exactly once, by one call each. */
  const expectHandledOnce = async (positions: readonly number[]): Promise<HandlerCall[]> =>
    expectEventually(
      async () => {
        const all = await calls();
        expect(all.map((call) => call.position)).toEqual(positions);
        return all;
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'vigil-leases-'));
    const settings = join(dir, 'vigil.yaml');
    await writeFile(
      settings,
      `consumers:\n  leaseMs: ${LEASE_MS}\n  idlePollMs: 200\n  retryDelayMs: 50\n` +
        'workers:\n  heartbeatIntervalMs: 500\n',
    );
    sql = await PostgresDatabase.open(database.url);
    store = await SqlEventStore.open(await PostgresDatabase.open(database.url));
    leases = new ConsumerLeases(sql);
    await sql.exec(
      'CREATE TABLE lease_test_calls (id bigserial PRIMARY KEY, position bigint NOT NULL, stream text NOT NULL, pid integer NOT NULL)',
    );
    env = childProcessEnv({
      DATABASE_URL: database.url,
      FEEDS_FILE: NO_FEEDS_FILE,
      WATCHLIST_FILE: TEST_WATCHLIST_FILE,
      QUEUE_PREFIX: queuePrefix,
      VIGIL_CONFIG_FILE: settings,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    });
    redis = new Redis(testConfig(env).redisUrl, { maxRetriesPerRequest: null });
    for (let n = 0; n < 3; n += 1) {
      workers.push(
        spawn(process.execPath, [WORKER], { env, stdio: ['ignore', 'ignore', 'inherit'] }),
      );
    }
    // The heartbeat is the last thing a worker starts: all three run their consumers by then.
    await expectEventually(
      async () => expect(await liveWorkers(redis, queuePrefix)).toHaveLength(3),
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  }, 90_000);

  afterAll(async () => {
    await stopProcesses(workers);
    redis.disconnect();
    await store.close();
    await sql.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('runs each consumer in one worker, and moves it when its holder dies or shuts down', async () => {
    // Every consumer of every worker has exactly one live holder among the three.
    const ids = await liveWorkers(redis, queuePrefix);
    const held = await leases.list();
    expect(held.map((lease) => lease.consumer)).toContain(RECORDER);
    expect(held.map((lease) => lease.consumer)).toContain('alerts-view');
    for (const lease of held) {
      expect({ consumer: lease.consumer, live: lease.live }).toEqual({
        consumer: lease.consumer,
        live: true,
      });
      expect(ids).toContain(lease.holder);
    }

    // Before: each event handled once, by the holder only.
    const before = await appendEvents(30);
    const first = (await leaseOf(RECORDER))!;
    const beforeCalls = await expectHandledOnce(before);
    expect(new Set(beforeCalls.map((call) => call.pid))).toEqual(new Set([pidOf(first.holder)]));

    // Kill the holder once its checkpoint is stored (the page in hand would otherwise be
    // handled again by the next holder: at least once), without any chance to release.
    await expectEventually(
      async () => expect(await store.loadCheckpoint(RECORDER)).toBe(before.at(-1)),
      {
        timeoutMs: 30_000,
      },
    );
    const killed = workerOf(pidOf(first.holder));
    const exited = new Promise((resolve) => killed.once('exit', resolve));
    killed.kill('SIGKILL');
    await exited;
    const killedAt = await databaseNow();
    // Nobody may take the dead holder's lease before it expires: this is still its last term,
    // with its last heartbeat.
    const dead = (await leaseOf(RECORDER))!;
    expect(dead).toMatchObject({ holder: first.holder, epoch: first.epoch });
    const lastBeat = Date.parse(dead.renewedAt);

    // During: appended while nobody runs the consumer.
    const during = await appendEvents(20);
    const second = await expectEventually(
      async () => {
        const lease = (await leaseOf(RECORDER))!;
        expect(lease).toMatchObject({ epoch: first.epoch + 1, live: true });
        return lease;
      },
      { timeoutMs: LEASE_MS + TAKEOVER_SLACK_MS, intervalMs: 20 },
    );
    expect(second.holder).not.toBe(first.holder);
    // Not before the dead holder's lease expired: nobody ran it twice at once.
    expect(Date.parse(second.acquiredAt)).toBeGreaterThanOrEqual(lastBeat + LEASE_MS);

    // After: the new holder carries on where the dead one stopped.
    const after = await appendEvents(20);
    const afterCalls = await expectHandledOnce([...before, ...during, ...after]);
    expect(new Set(afterCalls.slice(before.length).map((call) => call.pid))).toEqual(
      new Set([pidOf(second.holder)]),
    );

    // A clean shutdown releases the lease at once: the last worker takes it over.
    const released: string[] = [];
    const unlisten = await leases.onReleased((consumer) => released.push(consumer));
    const leaving = workerOf(pidOf(second.holder));
    const left = new Promise<number | null>((resolve) => leaving.once('exit', resolve));
    const stoppedAt = await databaseNow();
    leaving.kill('SIGTERM');
    expect(await left).toBe(0);
    await unlisten();
    expect(released).toContain(RECORDER);
    const third = await expectEventually(
      async () => {
        const lease = (await leaseOf(RECORDER))!;
        expect(lease).toMatchObject({ epoch: second.epoch + 1, live: true });
        return lease;
      },
      { timeoutMs: TAKEOVER_SLACK_MS, intervalMs: 20 },
    );
    const last = await appendEvents(10);
    const allCalls = await expectHandledOnce([...before, ...during, ...after, ...last]);
    expect(new Set(allCalls.slice(-last.length).map((call) => call.pid))).toEqual(
      new Set([pidOf(third.holder)]),
    );

    // The figures, by the database's clock (reported in the issue; not asserted beyond the
    // bounds above, the machine is shared).
    process.stdout.write(
      `consumer leases: leaseMs ${LEASE_MS}, renewed every ${Math.round(LEASE_MS / 3)} ms; ` +
        `SIGKILL: taken over ${Date.parse(second.acquiredAt) - lastBeat} ms after the last ` +
        `heartbeat, ${Date.parse(second.acquiredAt) - killedAt} ms after the kill; ` +
        `SIGTERM: taken over ${Date.parse(third.acquiredAt) - stoppedAt} ms after the signal\n`,
    );
  }, 120_000);

  async function databaseNow(): Promise<number> {
    const [row] = await sql.query<{ now: Date }>('SELECT now() AS now');
    return row!.now.getTime();
  }
});
