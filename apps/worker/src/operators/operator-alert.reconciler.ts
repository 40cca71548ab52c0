import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type EventType, isEventOf, OPERATOR_ALERT_TYPES } from '@app/contracts';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { JobName, JobQueues, owedJobs } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { PeriodicTask } from '../periodic-task.js';
import { isWorthSending } from './operator-alert-age.js';

const PAGE_SIZE = 1_000;
const READ_TYPES: readonly EventType[] = [...OPERATOR_ALERT_TYPES, 'operator.alert_delivered'];

interface OwedAlert {
  readonly stream: string;
  readonly version: number;
  readonly recordedAt: string;
}

/**
 * Operator alerts are owed from their record to their `operator.alert_delivered`: at start and
 * every `reconciler.intervalMs` this queues again, under the reactor's job ids, those Redis has
 * lost or that ran out of retries. Operator events are rare and the log is indexed by type, so
 * this needs no view of its own: the first reconcile reads them all, each later one only those
 * recorded since, and the alerts still owed stay in memory (delivered ones and those too old to
 * be worth sending leave it).
 */
@Injectable()
export class OperatorAlertReconciler implements OnModuleDestroy {
  private readonly logger = new Logger(OperatorAlertReconciler.name);
  private readonly periodic = new PeriodicTask('operator alert reconcile', this.logger, () =>
    this.reconcile(),
  );
  /** Alerts recorded and not delivered, by `<stream>@<version>`. */
  private readonly owed = new Map<string, OwedAlert>();
  private readThrough = 0;

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
    for (;;) {
      const page = await this.store.readAll({
        after: this.readThrough,
        limit: PAGE_SIZE,
        types: READ_TYPES,
      });
      for (const event of page) {
        if (event.type === 'operator.alert_delivered') {
          this.owed.delete(`${event.stream}@${event.data.alertVersion}`);
        } else if (isEventOf(event, OPERATOR_ALERT_TYPES)) {
          this.owed.set(`${event.stream}@${event.version}`, {
            stream: event.stream,
            version: event.version,
            recordedAt: event.recordedAt,
          });
        }
      }
      if (page.length > 0) this.readThrough = page.at(-1)!.position;
      if (page.length < PAGE_SIZE) break;
    }
    const now = Date.now();
    for (const [key, alert] of this.owed) {
      if (!isWorthSending(alert.recordedAt, alertMaxAgeHours, now)) this.owed.delete(key);
    }
    const queued = await this.queues.ensureMany(
      JobName.DeliverOperatorAlert,
      [...this.owed.values()].map(({ stream, version }) => owedJobs.operatorAlert(stream, version)),
    );
    if (queued > 0)
      this.logger.warn({ queued }, 'operator alerts missing from the queue were queued again');
    return queued;
  }
}
