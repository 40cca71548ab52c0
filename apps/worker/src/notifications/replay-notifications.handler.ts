import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type EventType,
  type NotificationRequested,
  notificationStream,
  subscriptionStream,
} from '@app/contracts';
import { loadSubscription } from '@app/subscriptions';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { type JobDataMap, JobName } from '@app/jobs';
import { AsJobHandler, type JobHandler } from '../jobs/job-handler.js';

const PAGE_SIZE = 500;

/**
 * A subscriber's replay (POST /v1/subscriptions/:id/replay), run as a job rather than inside
 * the request: every alert event since the requested time that the subscription wants becomes
 * a `notification.requested` (ids follow from the replay and the alert event, so a repeated
 * run asks for nothing twice), then `subscription.replayed` closes the replay. The
 * delivery-dispatch reactor queues the deliveries. A replay of a subscription deleted
 * meanwhile is closed with no notification.
 */
@Injectable()
@AsJobHandler()
export class ReplayNotificationsHandler implements JobHandler<JobName.ReplayNotifications> {
  readonly jobName = JobName.ReplayNotifications;
  private readonly logger = new Logger(ReplayNotificationsHandler.name);

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async handle({
    subscriptionId,
    replayId,
  }: JobDataMap[JobName.ReplayNotifications]): Promise<void> {
    const stream = subscriptionStream(subscriptionId);
    const history = await this.store.readStream(stream);
    const request = history.find(
      (event) => event.type === 'subscription.replay_requested' && event.data.replayId === replayId,
    );
    const done = history.some(
      (event) => event.type === 'subscription.replayed' && event.data.replayId === replayId,
    );
    if (request?.type !== 'subscription.replay_requested' || done) return;
    const subscription = await loadSubscription(this.store, subscriptionId);
    const wanted =
      subscription === null
        ? []
        : await this.wantedAlertEvents(subscription, request.data.since, replayId);
    await this.store.appendToNewStreams(
      wanted.map((data) => ({
        stream: notificationStream(data.notificationId),
        event: { type: 'notification.requested', data },
      })),
    );
    // A change to the subscription meanwhile fails this append: the job is retried, and asks
    // for none of its notifications twice.
    await this.store.append(
      stream,
      {
        type: 'subscription.replayed',
        data: { subscriptionId, replayId, notifications: wanted.length },
      },
      { expectedVersion: history.length },
    );
    this.logger.log({ subscriptionId, replayId, notifications: wanted.length }, 'replay requested');
  }

  private async wantedAlertEvents(
    subscription: NonNullable<Awaited<ReturnType<typeof loadSubscription>>>,
    since: string,
    replayId: string,
  ): Promise<NotificationRequested[]> {
    const types: EventType[] = subscription.corroborations
      ? ['alert.raised', 'alert.corroborated']
      : ['alert.raised'];
    const sinceMs = Date.parse(since);
    const wanted: NotificationRequested[] = [];
    for (let after = 0; ;) {
      const page = await this.store.readAll({ after, limit: PAGE_SIZE, types });
      for (const event of page) {
        after = event.position;
        if (event.type !== 'alert.raised' && event.type !== 'alert.corroborated') continue;
        if (Date.parse(event.recordedAt) < sinceMs) continue;
        if (event.data.score < subscription.minScore) continue;
        if (!event.data.topics.some((topic) => subscription.topics.includes(topic))) continue;
        wanted.push({
          notificationId: createHash('sha256')
            .update(`replay\n${replayId}\n${event.position}`)
            .digest('hex')
            .slice(0, 32),
          subscriptionId: subscription.subscriptionId,
          kind: event.type,
          alertId: event.data.alertId,
          sourcePosition: event.position,
          cause: 'replay',
        });
      }
      if (page.length < PAGE_SIZE) return wanted;
    }
  }
}
