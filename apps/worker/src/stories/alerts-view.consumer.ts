import { Inject, Injectable } from '@nestjs/common';
import { AlertsProjection, AsEventConsumer } from '@app/consumers';
import { DATABASE, type Database } from '@app/event-store';

/** The alerts projection, run by this worker; the api reads the view it builds. */
@Injectable()
@AsEventConsumer()
export class AlertsViewConsumer extends AlertsProjection {
  constructor(@Inject(DATABASE) database: Database) {
    super(database);
  }
}
