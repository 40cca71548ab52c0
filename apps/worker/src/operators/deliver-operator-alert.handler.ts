import { Inject, Injectable, Logger } from '@nestjs/common';
import { isEventOf, OPERATOR_ALERT_TYPES } from '@app/contracts';
import { operatorIncidentDecider, stateOf } from '@app/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import { JobName } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { signedHeaders, WebhookClient } from '@app/webhooks';
import { AsJobHandler, type JobHandler } from '../jobs/job-handler.js';

/**
 * POSTs one operator alert to OPERATOR_WEBHOOK_URL, signed like a subscriber's webhook
 * (`webhook-id` = the alert event's id, the same on every retry). The log says whether it was
 * delivered: a job run twice or late sends nothing, and a failure throws so BullMQ retries it.
 */
@Injectable()
@AsJobHandler()
export class DeliverOperatorAlertHandler implements JobHandler<JobName.DeliverOperatorAlert> {
  readonly jobName = JobName.DeliverOperatorAlert;
  private readonly logger = new Logger(DeliverOperatorAlertHandler.name);

  constructor(
    private readonly webhooks: WebhookClient,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async handle({ stream, version }: { readonly stream: string; readonly version: number }) {
    const endpoint = this.config.operatorWebhook;
    if (!endpoint) return;
    const events = await this.store.readStream(stream);
    const alert = events.find((event) => event.version === version);
    if (!alert || !isEventOf(alert, OPERATOR_ALERT_TYPES)) return;
    if (stateOf(operatorIncidentDecider, events).delivered.has(version)) return;

    const body = JSON.stringify({
      type: alert.type,
      timestamp: alert.recordedAt,
      data: alert.data,
    });
    const outcome = await this.webhooks.post({
      url: endpoint.url,
      headers: signedHeaders(endpoint.secret, alert.id, new Date(), body),
      body,
    });
    if (!outcome.ok) {
      this.logger.warn(
        { stream, version, type: alert.type, status: outcome.status, error: outcome.error },
        'operator alert not delivered; it will be retried',
      );
      throw new Error(`operator alert not delivered: ${outcome.status ?? outcome.error}`);
    }
    await handleCommand(this.store, stream, operatorIncidentDecider, {
      type: 'record-delivery',
      alertVersion: version,
      status: outcome.status,
    });
    this.logger.log(
      { stream, version, type: alert.type, status: outcome.status },
      'operator alert delivered',
    );
  }
}
