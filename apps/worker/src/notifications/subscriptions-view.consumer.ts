import { Inject, Injectable } from '@nestjs/common';
import { AsEventConsumer, SubscriptionsProjection } from '@app/consumers';
import { DATABASE, type Database } from '@app/event-store';

/** The subscriptions and deliveries projection, run by this worker. */
@Injectable()
@AsEventConsumer()
export class SubscriptionsViewConsumer extends SubscriptionsProjection {
  constructor(@Inject(DATABASE) database: Database) {
    super(database);
  }
}
