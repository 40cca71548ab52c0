import { Injectable } from '@nestjs/common';
import { isEventOf, type KnownRecordedEvent } from '@app/contracts';
import { AsEventConsumer, type EventConsumer } from '@app/consumers';
import { JobName, JobQueues, owedJobs } from '@app/jobs';

/**
 * Turns each `item.discovered` into a match job. The job id is the item's stream, so replays
 * and several worker processes running this reactor queue each item once.
 */
@Injectable()
@AsEventConsumer()
export class MatchDispatchReactor implements EventConsumer {
  readonly name = 'match-dispatch';
  readonly eventTypes = ['item.discovered'] as const;

  constructor(private readonly queues: JobQueues) {}

  async handle(event: KnownRecordedEvent): Promise<void> {
    if (!isEventOf(event, this.eventTypes)) return;
    await this.queues.enqueueMany(JobName.MatchItem, [owedJobs.match(event.stream)]);
  }
}
