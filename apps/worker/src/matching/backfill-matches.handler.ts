import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { JobName } from '@app/jobs';
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
 * retried or repeated backfill records nothing twice. Progress is reported on the job.
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

  async handle({ since }: { readonly since: string }, job: Job): Promise<void> {
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
    this.logger.log({ since, ...progress }, 'backfill finished');
  }
}
