import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { PostgresDatabase, SqlEventStore, type EventStore } from '@app/event-store';
import { JobName, JobQueues, QueueName } from '@app/jobs';
import {
  childProcessEnv,
  createPostgresTestDatabase,
  expectEventually,
  type PostgresTestDatabase,
  TEST_WATCHLIST_FILE,
  stopProcesses,
  testConfig,
  uniqueQueuePrefix,
} from '@app/testing';

const FEEDS = 200;
const ITEMS_PER_ROUND = 3;
const ROUNDS = 3;
/** The built worker, run by the project's pinned Node (npm test builds first). */
const WORKER = join(process.cwd(), 'apps/worker/dist/main.js');

describe('three worker processes polling 200 feeds', () => {
  let round = 1;
  let server: Server;
  let baseUrl: string;
  let database: PostgresTestDatabase;
  let dir: string;
  let store: EventStore;
  let queues: JobQueues;
  let connection: Redis;
  const workers: ChildProcess[] = [];
  const queuePrefix = uniqueQueuePrefix();

  /** Feed n serves every item published up to the current round, newest first. */
  const feedXml = (feed: number): string => {
    const items: string[] = [];
    for (let r = round; r >= 1; r -= 1) {
      for (let i = 0; i < ITEMS_PER_ROUND; i += 1) {
        items.push(
          `<item><title>Feed ${feed} round ${r} story ${i}</title>` +
            `<guid>f${feed}-r${r}-i${i}</guid><link>http://example.org/${feed}/${r}/${i}</link></item>`,
        );
      }
    }
    return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${feed}</title>${items.join('')}</channel></rss>`;
  };

  const discovered = async (): Promise<string[]> => {
    const streams: string[] = [];
    for (let after = 0; ;) {
      const page = await store.readAll({ after, limit: 5_000 });
      if (page.length === 0) return streams;
      streams.push(...page.filter((e) => e.type === 'item.discovered').map((e) => e.stream));
      after = page[page.length - 1]!.position;
    }
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const feed = Number(/\/f\/(\d+)\.rss$/.exec(request.url ?? '')?.[1] ?? -1);
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml(feed));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    database = await createPostgresTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'vigil-3w-'));
    const feedsFile = join(dir, 'feeds.yaml');
    await writeFile(
      feedsFile,
      `feeds:\n${Array.from({ length: FEEDS }, (_, n) => `  - { id: f${n}, url: "${baseUrl}/f/${n}.rss" }`).join('\n')}\n`,
    );
    const env = childProcessEnv({
      DATABASE_URL: database.url,
      FEEDS_FILE: feedsFile,
      // Three workers start at once and race to record this watchlist: one must win, none fail.
      WATCHLIST_FILE: TEST_WATCHLIST_FILE,
      QUEUE_PREFIX: queuePrefix,
      ALLOW_PRIVATE_NETWORKS: 'true',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    });
    for (let n = 0; n < 3; n += 1) {
      workers.push(
        spawn(process.execPath, [WORKER], { env, stdio: ['ignore', 'ignore', 'inherit'] }),
      );
    }
    const config = testConfig({ ...env, LOG_LEVEL: 'silent' });
    store = await SqlEventStore.open(await PostgresDatabase.open(database.url));
    connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
    queues = new JobQueues(connection, queuePrefix);
  }, 60_000);

  afterAll(async () => {
    await stopProcesses(workers);
    await queues.close();
    connection.disconnect();
    await store.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('discovers every item exactly once, round after round, with one scheduler per feed', async () => {
    // Round 1 is polled by the schedulers, which poll every new feed at once.
    await expectEventually(
      async () => expect(await discovered()).toHaveLength(FEEDS * ITEMS_PER_ROUND),
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    for (let next = 2; next <= ROUNDS; next += 1) {
      round = next;
      // Every feed polled twice per round, so two workers race for the same new items.
      for (const copy of ['a', 'b']) {
        for (let n = 0; n < FEEDS; n += 1) {
          await queues.enqueue(
            JobName.PollFeed,
            { feedId: `f${n}` },
            {
              jobId: `${JobName.PollFeed}-f${n}-round${round}${copy}`,
            },
          );
        }
      }
      await expectEventually(
        async () => expect(await discovered()).toHaveLength(FEEDS * ITEMS_PER_ROUND * round),
        { timeoutMs: 60_000, intervalMs: 250 },
      );
    }

    const queue = queues.queue(QueueName.Feeds);
    await expectEventually(
      async () =>
        expect(await queue.getJobCounts('waiting', 'active')).toEqual({ waiting: 0, active: 0 }),
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const streams = await discovered();
    expect(streams).toHaveLength(FEEDS * ITEMS_PER_ROUND * ROUNDS);
    expect(new Set(streams).size).toBe(streams.length);
    const schedulers = await queue.getJobSchedulers(0, -1);
    expect(schedulers).toHaveLength(FEEDS);
    expect(new Set(schedulers.map((s) => s.key)).size).toBe(FEEDS);
    expect(workers.map((worker) => worker.exitCode)).toEqual([null, null, null]);
    expect((await store.readStream('watchlist')).map((event) => event.data)).toEqual([
      expect.objectContaining({ source: 'file' }),
    ]);
  }, 180_000);
});
