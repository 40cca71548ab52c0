import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type EventType, isEventOf, OPERATOR_ALERT_TYPES } from '@app/contracts';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { JobName, JobQueues, owedJobs } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { PeriodicTask } from '../periodic-task.js';
import { isWorthSending } from './operator-alert-age.js';

const PAGE_SIZE = 1_000;
const READ_TYPES: readonly EventType[] = [...OPERATOR_ALERT_TYPES, 'operator.alert_delivered'];

/**
 * Operator alerts are owed from their record to their `operator.alert_delivered`: at start and
 * every `reconciler.intervalMs` this queues again, under the reactor's job ids, those Redis has
 * lost or that ran out of retries. Operator events are rare and the log is indexed by type, so
 * reading them all needs no view of its own.
 */
@Injectable()
export class OperatorAlertReconciler implements OnModuleDestroy {
  private readonly logger = new Logger(OperatorAlertReconciler.name);
  private readonly periodic = new PeriodicTask('operator alert reconcile', this.logger, () =>
    this.reconcile(),
  );

  constructor(
    private readonly queues: JobQueues,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async start(): Promise<void> {
    await this.reconcile();
    this.periodic.start(this.config.runtime.reconciler.intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    await this.periodic.stop();
  }

  /** Resolves with how many alerts were queued again. */
  async reconcile(): Promise<number> {
    if (!this.config.operatorWebhook) return 0;
    const { alertMaxAgeHours } = this.config.runtime.operators;
    const now = Date.now();
    const owed = new Map<string, { stream: string; version: number }>();
    for (let after = 0; ;) {
      const page = await this.store.readAll({ after, limit: PAGE_SIZE, types: READ_TYPES });
      for (const event of page) {
        if (event.type === 'operator.alert_delivered') {
          owed.delete(`${event.stream}@${event.data.alertVersion}`);
        } else if (
          isEventOf(event, OPERATOR_ALERT_TYPES) &&
          isWorthSending(event.recordedAt, alertMaxAgeHours, now)
        ) {
          owed.set(`${event.stream}@${event.version}`, {
            stream: event.stream,
            version: event.version,
          });
        }
      }
      if (page.length < PAGE_SIZE) break;
      after = page.at(-1)!.position;
    }
    const queued = await this.queues.ensureMany(
      JobName.DeliverOperatorAlert,
      [...owed.values()].map(({ stream, version }) => owedJobs.operatorAlert(stream, version)),
    );
    if (queued > 0)
      this.logger.warn({ queued }, 'operator alerts missing from the queue were queued again');
    return queued;
  }
}
