import { Inject, Injectable } from '@nestjs/common';
import {
  type AlertDetail,
  AlertsReader,
  consumerLag,
  type ConsumerLag,
  type DeliveryTrouble,
  type FeedHealth,
  FeedsReader,
  type FeedView,
  SubscriptionsReader,
} from '@app/consumers';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { JobQueues, QueueName } from '@app/jobs';
import { type HealthReport, HealthService } from '../health.service.js';

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** Everything the dashboard shows, read at one moment. */
export interface DashboardSnapshot {
  readonly takenAt: Date;
  readonly health: HealthReport;
  readonly feeds: readonly { readonly feed: FeedView; readonly health: FeedHealth | null }[];
  readonly alerts: readonly AlertDetail[];
  readonly queues: readonly {
    readonly name: QueueName;
    readonly counts: Readonly<Record<QueueState, number>>;
  }[];
  readonly consumers: readonly ConsumerLag[];
  readonly subscriptions: readonly {
    readonly trouble: DeliveryTrouble;
    readonly failingSince: string | null;
    readonly deadLetters: number;
  }[];
}

const RECENT_ALERTS = 10;
const TROUBLED_SUBSCRIPTIONS = 50;
/** The latest attempts a failure run is counted in: bounded, as a failing endpoint has many. */
const FAILURE_RUN_WINDOW = 500;

/** Reads the views, the queues and the health checks the dashboard is made of. */
@Injectable()
export class DashboardSnapshotService {
  constructor(
    private readonly feeds: FeedsReader,
    private readonly alerts: AlertsReader,
    private readonly subscriptions: SubscriptionsReader,
    private readonly queues: JobQueues,
    private readonly health: HealthService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async take(): Promise<DashboardSnapshot> {
    const [health, feeds, alerts, queues, consumers, subscriptions] = await Promise.all([
      this.health.check(),
      this.feedsWithHealth(),
      this.recentAlerts(),
      this.queueCounts(),
      consumerLag(this.store),
      this.troubledSubscriptions(),
    ]);
    return { takenAt: new Date(), health, feeds, alerts, queues, consumers, subscriptions };
  }

  private async feedsWithHealth(): Promise<DashboardSnapshot['feeds']> {
    const [feeds, health] = await Promise.all([this.feeds.list(), this.feeds.allHealth()]);
    const healthOf = new Map(health.map((entry) => [entry.feedId, entry]));
    return feeds.map((feed) => ({ feed, health: healthOf.get(feed.feedId) ?? null }));
  }

  private async recentAlerts(): Promise<AlertDetail[]> {
    const { alerts } = await this.alerts.list({ limit: RECENT_ALERTS });
    const details = await Promise.all(alerts.map((alert) => this.alerts.get(alert.id)));
    return details.filter((detail) => detail !== null);
  }

  private queueCounts(): Promise<DashboardSnapshot['queues']> {
    return Promise.all(
      Object.values(QueueName).map(async (name) => {
        const counts = await this.queues.queue(name).getJobCounts(...QUEUE_STATES);
        return {
          name,
          counts: Object.fromEntries(
            QUEUE_STATES.map((state) => [state, counts[state] ?? 0]),
          ) as Record<QueueState, number>,
        };
      }),
    );
  }

  private async troubledSubscriptions(): Promise<DashboardSnapshot['subscriptions']> {
    const troubled = await this.subscriptions.withDeliveryTrouble(TROUBLED_SUBSCRIPTIONS);
    return Promise.all(
      troubled.map(async (trouble) => {
        const run = await this.subscriptions.failureRun(trouble.subscriptionId, FAILURE_RUN_WINDOW);
        return { trouble, failingSince: run.since, deadLetters: run.deadLetters };
      }),
    );
  }
}
