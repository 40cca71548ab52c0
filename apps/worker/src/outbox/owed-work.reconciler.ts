import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { notificationStream } from '@app/contracts';
import { OwedWorkReader, SubscriptionsReader } from '@app/consumers';
import { WatchlistRepository } from '@app/watchlist';
import { JobName, JobQueues, owedJobs, type QueuedJob } from '@app/jobs';
import { itemDecider, notificationDecider, owedAttempt, stateOf } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { PeriodicTask } from '../periodic-task.js';

const PAGE_SIZE = 1_000;

/** How many jobs one reconcile queued again, per kind of owed work. */
export interface ReconcileReport {
  readonly deliveries: number;
  readonly matches: number;
  readonly backfills: number;
  readonly replays: number;
}

/**
 * Redis is a work queue, never the source of truth (SPEC §1): at start and every
 * `reconciler.intervalMs`, this re-queues whatever the views of owed work say is owed and
 * Redis does not hold (lost in a flush or a failover, or never queued because a process died
 * between an append and its reactor's enqueue): deliveries due or delayed, items not yet
 * matched, backfills and replays in progress. Job ids are the ones the reactors use, so a job
 * Redis still holds is left alone; handlers check the log, so nothing recorded done runs
 * twice. Feed schedulers have their own reconcile (FeedSchedulerService).
 */
@Injectable()
export class OwedWorkReconciler implements OnModuleDestroy {
  private readonly logger = new Logger(OwedWorkReconciler.name);
  private readonly periodic = new PeriodicTask('reconcile', this.logger, () => this.reconcile());

  constructor(
    private readonly subscriptions: SubscriptionsReader,
    private readonly owed: OwedWorkReader,
    private readonly watchlists: WatchlistRepository,
    private readonly queues: JobQueues,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async start(): Promise<void> {
    await this.reconcile();
    this.periodic.start(this.config.runtime.reconciler.intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    await this.periodic.stop();
  }

  async reconcile(): Promise<ReconcileReport> {
    const report = {
      deliveries: await this.reconcileDeliveries(),
      matches: await this.reconcileMatches(),
      backfills: await this.reconcileBackfills(),
      replays: await this.reconcileReplays(),
    };
    if (Object.values(report).some((count) => count > 0)) {
      this.logger.warn(report, 'owed work missing from the queue was queued again');
    }
    return report;
  }

  /** Owed deliveries of active subscriptions (of one, when named: a resume). */
  async reconcileDeliveries(subscriptionId?: string): Promise<number> {
    let queued = 0;
    for (let after: string | undefined; ;) {
      const page = await this.subscriptions.owedDeliveries({
        subscriptionId,
        after,
        limit: PAGE_SIZE,
      });
      const now = Date.now();
      queued += await this.queues.ensureMany(
        JobName.DeliverNotification,
        page.map((owed) =>
          owedJobs.delivery(
            owed.notificationId,
            owed.subscriptionId,
            owed.atVersion,
            owed.dueAt === null ? 0 : Math.max(0, Date.parse(owed.dueAt) - now),
          ),
        ),
        (candidates) => this.deliveriesStillOwed(candidates),
      );
      if (page.length < PAGE_SIZE) return queued;
      after = page.at(-1)!.notificationId;
    }
  }

  /**
   * Items discovered within `reconciler.matchWithinHours` and never matched, once there is a
   * watchlist to match them with. Older ones are left to an operator's backfill: a lost match
   * job is recent by nature, and matching week-old news now would alert subscribers to it as
   * if it were new (after an upgrade, every item from before `item.unmatched` existed that never
   * matched looks owed).
   */
  private async reconcileMatches(): Promise<number> {
    if (!(await this.watchlists.current())) return 0;
    const { matchWithinHours } = this.config.runtime.reconciler;
    const since = new Date(Date.now() - matchWithinHours * 3_600_000).toISOString();
    let queued = 0;
    for (let after = 0; ;) {
      const page = await this.owed.owedMatches(since, after, PAGE_SIZE);
      queued += await this.queues.ensureMany(
        JobName.MatchItem,
        page.map(({ itemStream }) => owedJobs.match(itemStream)),
        (candidates) => this.matchesStillOwed(candidates),
      );
      if (page.length < PAGE_SIZE) return queued;
      after = page.at(-1)!.position;
    }
  }

  /** Deliveries whose stream is still at the version the job names, and not settled. */
  private async deliveriesStillOwed(
    candidates: readonly QueuedJob<JobName.DeliverNotification>[],
  ): Promise<QueuedJob<JobName.DeliverNotification>[]> {
    const streams = await this.store.readStreams(
      candidates.map((job) => notificationStream(job.data.notificationId)),
    );
    return candidates.filter((job) => {
      const history = streams.get(notificationStream(job.data.notificationId)) ?? [];
      const owed = owedAttempt(stateOf(notificationDecider, history));
      return owed !== null && (job.data.atVersion ?? owed.atVersion) === owed.atVersion;
    });
  }

  /** Items neither matched nor found unmatched yet, as their streams say. */
  private async matchesStillOwed(
    candidates: readonly QueuedJob<JobName.MatchItem>[],
  ): Promise<QueuedJob<JobName.MatchItem>[]> {
    const streams = await this.store.readStreams(candidates.map((job) => job.data.itemStream));
    return candidates.filter(
      (job) =>
        stateOf(itemDecider, streams.get(job.data.itemStream) ?? []).evaluatedVersions.length === 0,
    );
  }

  private async reconcileBackfills(): Promise<number> {
    const backfills = await this.owed.owedBackfills();
    return this.queues.ensureMany(
      JobName.BackfillMatches,
      backfills.map(({ backfillId, since }) => owedJobs.backfill(backfillId, since)),
    );
  }

  private async reconcileReplays(): Promise<number> {
    const replays = await this.owed.owedReplays();
    return this.queues.ensureMany(
      JobName.ReplayNotifications,
      replays.map(({ replayId, subscriptionId }) => owedJobs.replay(replayId, subscriptionId)),
    );
  }
}
