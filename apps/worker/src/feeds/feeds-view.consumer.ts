import { Inject, Injectable } from '@nestjs/common';
import { AsEventConsumer, FeedsProjection } from '@app/consumers';
import { DATABASE, type Database } from '@app/event-store';
import { FeedSchedulerService } from './feed-scheduler.service.js';

/** The feeds projection, run by this worker; a change of the feed list re-checks schedulers. */
@Injectable()
@AsEventConsumer()
export class FeedsViewConsumer extends FeedsProjection {
  constructor(@Inject(DATABASE) database: Database, scheduler: FeedSchedulerService) {
    super(database, () => scheduler.requestReconcile());
  }
}
