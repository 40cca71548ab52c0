import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { type FeedHealth, FeedsReader } from '@app/consumers';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { deleteQueueKeys, JobName, JobQueues } from '@app/jobs';
import { loadConfig, type VigilConfig } from '@app/platform';
import { createWorkerContext } from '@app/worker';

/** As the brief asks: how often the health view is read while a round runs. */
const HEALTH_POLL_MS = 200;
/** A round with no further feed polled for this long has stalled: the bench gives up. */
const STALL_MS = 60_000;
const READ_PAGE = 1_000;

export interface PollingWorkerOptions {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly queuePrefix: string;
  readonly feeds: readonly { readonly id: string; readonly url: string }[];
  readonly concurrency: number;
  /** Where the feeds file and the runtime settings file are written. */
  readonly configDir: string;
}

/** One worker context as `vigil start` boots it, with the handles a round needs. */
export class PollingWorker {
  private constructor(
    private readonly app: INestApplicationContext,
    private readonly config: VigilConfig,
    readonly feedIds: readonly string[],
  ) {}

  static async boot(options: PollingWorkerOptions): Promise<PollingWorker> {
    const feedsFile = join(options.configDir, 'feeds.yaml');
    const settingsFile = join(options.configDir, 'vigil.yaml');
    await writeFile(
      feedsFile,
      [
        'feeds:',
        ...options.feeds.map((feed) => `  - { id: ${feed.id}, url: "${feed.url}" }`),
        '',
      ].join('\n'),
    );
    await writeFile(
      settingsFile,
      [
        'feeds:',
        `  concurrency: ${options.concurrency}`,
        // One day, both bounds: no scheduled poll and no scheduler change lands in a round.
        '  minIntervalSeconds: 86400',
        '  maxIntervalSeconds: 86400',
        '',
      ].join('\n'),
    );
    const config = loadConfig({
      env: {
        DATABASE_URL: options.databaseUrl,
        REDIS_URL: options.redisUrl,
        QUEUE_PREFIX: options.queuePrefix,
        FEEDS_FILE: feedsFile,
        // A file that does not exist: no watchlist, so the rounds time polling alone and no
        // item.matched lands in them.
        WATCHLIST_FILE: join(options.configDir, 'no-watchlist.yaml'),
        VIGIL_CONFIG_FILE: settingsFile,
        ALLOW_PRIVATE_NETWORKS: 'true',
        LOG_LEVEL: 'warn',
      },
    });
    const app = await createWorkerContext(config);
    return new PollingWorker(
      app,
      config,
      options.feeds.map((feed) => feed.id),
    );
  }

  headPosition(): Promise<number> {
    return this.app.get<EventStore>(EVENT_STORE).headPosition();
  }

  allHealth(): Promise<FeedHealth[]> {
    return this.app.get(FeedsReader).allHealth();
  }

  /** One poll job per feed, all at once, with job ids unique to the round. */
  async enqueuePolls(round: string): Promise<void> {
    const queues = this.app.get(JobQueues);
    await Promise.all(
      this.feedIds.map((feedId) =>
        queues.enqueue(
          JobName.PollFeed,
          { feedId },
          { jobId: `${JobName.PollFeed}-${feedId}-bench-${round}` },
        ),
      ),
    );
  }

  /**
   * Resolves when every feed's health shows a poll started at or after `since` (epoch ms; 0:
   * any poll), with the health read then and the `performance.now()` at which that read began
   * (the snapshot the read sees, so the round ended before it).
   */
  async waitForPolls(
    since: number,
    signal: AbortSignal,
    report: (polled: number) => void,
  ): Promise<{ readonly health: FeedHealth[]; readonly endedAt: number }> {
    let lastProgressAt = performance.now();
    let lastPolled = -1;
    for (;;) {
      signal.throwIfAborted();
      const readAt = performance.now();
      const health = await this.allHealth();
      const polled = health.filter(
        (feed) => feed.lastPollAt !== null && Date.parse(feed.lastPollAt) >= since,
      ).length;
      if (polled !== lastPolled) {
        report(polled);
        lastPolled = polled;
        lastProgressAt = readAt;
      }
      if (polled >= this.feedIds.length) return { health, endedAt: readAt };
      if (readAt - lastProgressAt > STALL_MS) {
        throw new Error(
          `${this.feedIds.length - polled} feeds not polled after ${STALL_MS / 1000} s without progress`,
        );
      }
      await sleep(HEALTH_POLL_MS, undefined, { signal });
    }
  }

  /** Events appended after position `after`, counted by type. */
  async countEventsAfter(after: number): Promise<Map<string, number>> {
    const store = this.app.get<EventStore>(EVENT_STORE);
    const counts = new Map<string, number>();
    for (let position = after; ;) {
      const page = await store.readAll({ after: position, limit: READ_PAGE });
      const last = page.at(-1);
      if (last === undefined) return counts;
      for (const event of page) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
      position = last.position;
    }
  }

  /** Closes the context, then deletes every Redis key under the bench's queue prefix. */
  async close(): Promise<void> {
    await this.app.close();
    await deleteQueueKeys(this.config.redisUrl, this.config.queuePrefix);
  }
}
