import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { backfillStream } from '@app/contracts';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '@app/event-store';
import { type JobDataMap, JobName } from '@app/jobs';
import { AsJobHandler, type JobHandler } from '../jobs/job-handler.js';
import { MatchItemHandler } from './match-item.handler.js';

const PAGE_SIZE = 1_000;

export interface BackfillProgress {
  readonly scannedEvents: number;
  readonly items: number;
  readonly matched: number;
  readonly done: boolean;
}

/**
 * Matches past items against the watchlist in force: every `item.discovered` recorded at or
 * after `since`. Items already matched against this watchlist version are skipped, so a
 * retried or repeated backfill records nothing twice. Progress is reported on the job; the end
 * is recorded as `backfill.completed`, which takes the backfill out of the owed work (until
 * then the reconciler re-queues it if Redis loses it), and a backfill already completed is not
 * run again.
 */
@Injectable()
@AsJobHandler()
export class BackfillMatchesHandler implements JobHandler<JobName.BackfillMatches> {
  readonly jobName = JobName.BackfillMatches;
  private readonly logger = new Logger(BackfillMatchesHandler.name);

  constructor(
    private readonly matcher: MatchItemHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async handle(
    { since, backfillId }: JobDataMap[JobName.BackfillMatches],
    job: Job,
  ): Promise<void> {
    const stream = backfillId === undefined ? undefined : backfillStream(backfillId);
    const history = stream === undefined ? [] : await this.store.readStream(stream);
    if (history.some((event) => event.type === 'backfill.completed')) return;
    const from = Date.parse(since);
    const progress = { scannedEvents: 0, items: 0, matched: 0, done: false };
    for (let after = 0; ;) {
      const page = await this.store.readAll({ after, limit: PAGE_SIZE });
      if (page.length === 0) break;
      for (const event of page) {
        if (event.type !== 'item.discovered' || Date.parse(event.recordedAt) < from) continue;
        progress.items += 1;
        if (await this.matcher.matchItem(event.stream)) progress.matched += 1;
      }
      progress.scannedEvents += page.length;
      after = page[page.length - 1]!.position;
      await job.updateProgress({ ...progress } satisfies BackfillProgress);
    }
    await job.updateProgress({ ...progress, done: true } satisfies BackfillProgress);
    if (backfillId !== undefined && stream !== undefined) {
      try {
        await this.store.append(
          stream,
          {
            type: 'backfill.completed',
            data: { backfillId, items: progress.items, matched: progress.matched },
          },
          { expectedVersion: history.length },
        );
      } catch (error) {
        // A second run of the same backfill finished first: its record stands.
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }
    this.logger.log({ since, backfillId, ...progress }, 'backfill finished');
  }
}
