import { Inject, Injectable } from '@nestjs/common';
import { AsEventConsumer, OwedWorkProjection } from '@app/consumers';
import { DATABASE, type Database } from '@app/event-store';

/** The owed-work projection, run by this worker: what the reconciler re-queues from. */
@Injectable()
@AsEventConsumer()
export class OwedWorkViewConsumer extends OwedWorkProjection {
  constructor(@Inject(DATABASE) database: Database) {
    super(database);
  }
}
