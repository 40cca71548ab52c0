import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { FeedsReader } from '@app/consumers';
import { JobName, JobQueues, QUEUE_CONNECTION, QueueName } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';

/** How often every worker re-checks the schedulers against the feed view, whatever happens. */
const RECONCILE_EVERY_MS = 30_000;
/** Window in which reconcile requests coalesce. */
const DEBOUNCE_MS = 250;
/** Longer than any reconcile takes; the lock expires by itself if its holder dies. */
const LOCK_TTL_MS = 20_000;

export const pollSchedulerId = (feedId: string): string => `${JobName.PollFeed}-${feedId}`;

/**
 * The one place that creates, changes and removes the poll job schedulers: one per enabled
 * feed, every `interval` (the feed health's current interval, else the feed's own, else the
 * slowest bound). It reconciles the schedulers against the feed view under a Redis lock, so
 * several worker processes never upsert at once (BullMQ's concurrent-upsert races), and a
 * restart, an added or removed feed, or a lost Redis all converge to one scheduler per feed.
 */
@Injectable()
export class FeedSchedulerService implements OnModuleDestroy {
  private readonly logger = new Logger(FeedSchedulerService.name);
  private timer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private pending: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly catalog: FeedsReader,
    private readonly queues: JobQueues,
    @Inject(QUEUE_CONNECTION) private readonly redis: Redis,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async start(): Promise<void> {
    await this.reconcile();
    this.timer = setInterval(() => this.requestReconcile(), RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  /**
   * Asks for a reconcile soon. Requests within a short window, and those made while one runs,
   * coalesce: a burst of feed changes or first polls costs one reconcile, not one each.
   */
  requestReconcile(): void {
    if (this.stopped || this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.runReconcile();
    }, DEBOUNCE_MS);
    this.debounce.unref();
  }

  private runReconcile(): void {
    if (this.stopped) return;
    if (this.pending) {
      this.again = true;
      return;
    }
    this.pending = this.reconcile()
      .catch((error: unknown) => this.logger.error({ err: error }, 'feed scheduling failed'))
      .finally(() => {
        this.pending = undefined;
        if (this.again) {
          this.again = false;
          this.requestReconcile();
        }
      });
  }

  /** Makes the schedulers match the feed view; returns when done (or when another holds the lock). */
  async reconcile(): Promise<void> {
    const lockKey = `${this.config.queuePrefix}:locks:feed-scheduler`;
    const token = randomUUID();
    if ((await this.redis.set(lockKey, token, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') {
      this.again = true;
      return;
    }
    try {
      await this.applyDesiredSchedulers();
    } finally {
      // Release only our own lock: it may have expired and been taken by another process.
      await this.redis.eval(
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
        1,
        lockKey,
        token,
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.debounce);
    await this.pending;
  }

  private async applyDesiredSchedulers(): Promise<void> {
    const queue = this.queues.queue(QueueName.Feeds);
    const [feeds, health, existing] = await Promise.all([
      this.catalog.list(),
      this.catalog.allHealth(),
      queue.getJobSchedulers(0, -1),
    ]);
    const intervalOf = new Map(health.map((h) => [h.feedId, h.currentIntervalSeconds]));
    const desired = new Map(
      feeds
        .filter((feed) => feed.enabled)
        .map((feed) => {
          const seconds =
            intervalOf.get(feed.feedId) ??
            feed.intervalSeconds ??
            this.config.runtime.feeds.maxIntervalSeconds;
          return [pollSchedulerId(feed.feedId), { feedId: feed.feedId, everyMs: seconds * 1_000 }];
        }),
    );
    const current = new Map(existing.map((scheduler) => [scheduler.key, scheduler.every]));

    let changed = 0;
    for (const [id, { feedId, everyMs }] of desired) {
      const currentEvery = current.get(id);
      if (currentEvery === everyMs) continue;
      await queue.upsertJobScheduler(
        id,
        // A changed interval starts counting from now; a new feed is polled at once.
        currentEvery === undefined
          ? { every: everyMs }
          : { every: everyMs, startDate: Date.now() + everyMs },
        { name: JobName.PollFeed, data: { feedId } },
      );
      changed += 1;
    }
    for (const id of current.keys()) {
      if (desired.has(id)) continue;
      await queue.removeJobScheduler(id);
      changed += 1;
    }
    if (changed > 0)
      this.logger.log(`feed schedulers reconciled: ${changed} changed, ${desired.size} active`);
  }
}
