import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { digestStream, notificationStream, subscriptionStream } from '@app/contracts';
import { AlertsReader, SubscriptionsReader, untilCheckpointReaches } from '@app/consumers';
import { duePeriods, subscriptionDecider } from '@app/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { SubscriptionKeyStore, type SubscriptionRecord } from '@app/subscriptions';
import { PeriodicTask } from '../../periodic-task.js';

const PAGE_SIZE = 500;
/** Alerts one digest lists at most: an email stays readable, and a mail server accepts it. */
const MAX_DIGEST_ALERTS = 100;
/** The alerts view's consumer: a period closes once it has seen every report of the period. */
const ALERTS_VIEW = 'alerts-view';

/**
 * The email channel's clockwork, at start and every `reconciler.intervalMs`: closes each digest
 * period that has ended (an hourly or daily digest's alerts fixed in a `digest.sent`, and the
 * email asked for as a notification), and forgets subscriptions never confirmed in time. A
 * period's streams have ids that follow from the subscription and the period, so however many
 * workers close it, and however often, it closes once; a period missed while Vigil was down is
 * closed late, up to `email.catchUpHours` back.
 */
@Injectable()
export class EmailScheduler implements OnModuleDestroy {
  private readonly logger = new Logger(EmailScheduler.name);
  private readonly periodic = new PeriodicTask('email scheduling', this.logger, () =>
    this.tick(new Date()),
  );

  constructor(
    private readonly subscriptions: SubscriptionsReader,
    private readonly alerts: AlertsReader,
    private readonly keys: SubscriptionKeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async start(): Promise<void> {
    await this.tick(new Date());
    this.periodic.start(this.config.runtime.reconciler.intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    await this.periodic.stop();
  }

  async tick(now: Date): Promise<{ digests: number; expired: number }> {
    return { digests: await this.closeDuePeriods(now), expired: await this.expireUnconfirmed(now) };
  }

  /** Closes every period that has ended by `now`; resolves with how many were closed. */
  async closeDuePeriods(now: Date): Promise<number> {
    await untilCheckpointReaches(
      this.store,
      ALERTS_VIEW,
      await this.store.headPosition(),
      (waitedMs) => this.logger.warn({ waitedMs }, 'digests waiting for the alerts view'),
    );
    let closed = 0;
    for (let after: string | undefined; ;) {
      const page = await this.subscriptions.digestSubscriptions({ after, limit: PAGE_SIZE });
      for (const { subscription, digestThrough } of page) {
        closed += await this.closePeriodsOf(subscription, digestThrough, now);
      }
      if (page.length < PAGE_SIZE) return closed;
      after = page.at(-1)!.subscription.subscriptionId;
    }
  }

  /** Forgets each subscription still unconfirmed past the expiry: deleted, key destroyed. */
  async expireUnconfirmed(now: Date): Promise<number> {
    const expiresHours = this.config.runtime.email.confirmationExpiresHours;
    const before = new Date(now.getTime() - expiresHours * 3_600_000).toISOString();
    let expired = 0;
    for (const subscriptionId of await this.subscriptions.unconfirmedSince(before, PAGE_SIZE)) {
      const { appended } = await handleCommand(
        this.store,
        subscriptionStream(subscriptionId),
        subscriptionDecider,
        { type: 'expire-unconfirmed', subscriptionId, now: now.toISOString(), expiresHours },
      );
      if (appended.length === 0) continue;
      await this.keys.destroy(subscriptionId);
      expired += 1;
    }
    if (expired > 0) this.logger.log({ expired }, 'unconfirmed email subscriptions forgotten');
    return expired;
  }

  private async closePeriodsOf(
    subscription: SubscriptionRecord,
    digestThrough: string | null,
    now: Date,
  ): Promise<number> {
    const { schedule, confirmedAt, subscriptionId } = subscription;
    if (!schedule || schedule.frequency === 'instant' || !confirmedAt) return 0;
    const catchUpFrom = now.getTime() - this.config.runtime.email.catchUpHours * 3_600_000;
    const after = new Date(Math.max(Date.parse(digestThrough ?? confirmedAt), catchUpFrom));
    const periods = duePeriods(schedule, after, now, Number.MAX_SAFE_INTEGER);
    for (const period of periods) {
      // A paused or suspended subscription's periods close empty: nothing waits to be sent
      // when it resumes, as nothing waits for a paused webhook.
      const alertIds =
        subscription.status === 'active'
          ? await this.alerts.digestAlerts({
              from: new Date(
                Math.max(Date.parse(period.start), Date.parse(confirmedAt)),
              ).toISOString(),
              to: period.end,
              topics: subscription.topics,
              minScore: subscription.minScore,
              corroborations: subscription.corroborations,
              weak: this.config.runtime.stories,
              limit: MAX_DIGEST_ALERTS,
            })
          : [];
      const digestId = createHash('sha256')
        .update(`digest\n${subscriptionId}\n${schedule.frequency}\n${period.start}`)
        .digest('hex')
        .slice(0, 32);
      const notificationId = alertIds.length > 0 ? digestId : null;
      // One transaction: the period is closed and its email asked for together, or neither.
      await this.store.appendToNewStreams([
        {
          stream: digestStream(digestId),
          event: {
            type: 'digest.sent',
            data: {
              digestId,
              subscriptionId,
              frequency: schedule.frequency,
              periodStart: period.start,
              periodEnd: period.end,
              alertIds,
              notificationId,
            },
          },
        },
        ...(notificationId === null
          ? []
          : [
              {
                stream: notificationStream(notificationId),
                event: {
                  type: 'notification.requested' as const,
                  data: {
                    notificationId,
                    subscriptionId,
                    kind: 'digest' as const,
                    digestId,
                    cause: 'digest' as const,
                  },
                },
              },
            ]),
      ]);
    }
    return periods.length;
  }
}
