import { Inject, Injectable } from '@nestjs/common';
import { AsEventConsumer, MetricsProjection } from '@app/consumers';
import { DATABASE, type Database } from '@app/event-store';

/** The metrics projection, run by this worker: what GET /admin/metrics reads. */
@Injectable()
@AsEventConsumer()
export class MetricsViewConsumer extends MetricsProjection {
  constructor(@Inject(DATABASE) database: Database) {
    super(database);
  }
}
