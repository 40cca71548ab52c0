import { Inject, Injectable } from '@nestjs/common';
import { isEventOf, type KnownRecordedEvent, OPERATOR_ALERT_TYPES } from '@app/contracts';
import { AsEventConsumer, type EventConsumer } from '@app/consumers';
import { JobName, JobQueues, owedJobs } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { isWorthSending } from './operator-alert-age.js';

/**
 * The path from the log to OPERATOR_WEBHOOK_URL: each operator alert becomes one delivery job
 * named by its stream and version, so a replay, another worker and the reconciler all queue
 * the same job. Without a configured webhook the alerts stay in the log only.
 */
@Injectable()
@AsEventConsumer()
export class OperatorAlertDispatchReactor implements EventConsumer {
  readonly name = 'operator-alert-dispatch';
  readonly eventTypes = OPERATOR_ALERT_TYPES;

  constructor(
    private readonly queues: JobQueues,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async handle(event: KnownRecordedEvent): Promise<void> {
    await this.handleBatch([event]);
  }

  async handleBatch(page: readonly KnownRecordedEvent[]): Promise<void> {
    if (!this.config.operatorWebhook) return;
    const { alertMaxAgeHours } = this.config.runtime.operators;
    const now = Date.now();
    const jobs = page
      .filter((event) => isEventOf(event, this.eventTypes))
      .filter((event) => isWorthSending(event.recordedAt, alertMaxAgeHours, now))
      .map((event) => owedJobs.operatorAlert(event.stream, event.version));
    await this.queues.enqueueMany(JobName.DeliverOperatorAlert, jobs);
  }
}
