import { JobName } from './job-names.js';
import type { QueuedJob } from './job-queues.js';

/**
 * One job per owed attempt, named by the notification stream's version at which it became
 * owed (the request, or the failed attempt that scheduled it): the reactor that reads that
 * event and the reconciler that reads the view derive the same id, so neither doubles a job.
 */
export function deliveryJobId(notificationId: string, atVersion: number): string {
  return `${JobName.DeliverNotification}-${notificationId}-v${atVersion}`;
}

/** One match job per item: the reactor and the reconciler queue it under the same id. */
export function matchJobId(itemStream: string): string {
  return `${JobName.MatchItem}-${itemStream}`;
}

/** One job per backfill request (`backfill-<id>`). */
export function backfillJobId(backfillId: string): string {
  return `${JobName.BackfillMatches}-${backfillId}`;
}

/** One job per replay request. */
export function replayJobId(replayId: string): string {
  return `${JobName.ReplayNotifications}-${replayId}`;
}

/** One job per "poll now" request, named by the request's log position. */
export function pollNowJobId(feedId: string, requestPosition: number): string {
  return `${JobName.PollFeed}-${feedId}-now-${requestPosition}`;
}

/** Operator alerts retry for about four days (10 s doubling, 15 attempts), then the reconciler. */
const OPERATOR_ALERT_ATTEMPTS = 15;
const OPERATOR_ALERT_FIRST_RETRY_MS = 10_000;

/** One job per operator alert, named by its incident stream and version. */
export function operatorAlertJobId(stream: string, version: number): string {
  return `${JobName.DeliverOperatorAlert}-${stream}-v${version}`;
}

/**
 * The jobs the outbox queues, each built in one place: the reactor that reads the event and the
 * reconciler that reads the view queue the same data under the same id.
 */
export const owedJobs = {
  /** `atVersion` absent: a pending notification from before the view kept versions. */
  delivery(
    notificationId: string,
    subscriptionId: string,
    atVersion: number | null,
    delay: number,
  ): QueuedJob<JobName.DeliverNotification> {
    return {
      data: { notificationId, subscriptionId, ...(atVersion === null ? {} : { atVersion }) },
      options: { jobId: deliveryJobId(notificationId, atVersion ?? 0), delay },
    };
  },
  match(itemStream: string): QueuedJob<JobName.MatchItem> {
    return { data: { itemStream }, options: { jobId: matchJobId(itemStream) } };
  },
  backfill(backfillId: string, since: string): QueuedJob<JobName.BackfillMatches> {
    return { data: { backfillId, since }, options: { jobId: backfillJobId(backfillId) } };
  },
  replay(replayId: string, subscriptionId: string): QueuedJob<JobName.ReplayNotifications> {
    return { data: { replayId, subscriptionId }, options: { jobId: replayJobId(replayId) } };
  },
  /**
   * An operator alert retries in BullMQ itself (a throw per failed POST): unlike a subscriber's
   * notification, its attempts are not facts anyone reads back, only its delivery is.
   */
  operatorAlert(stream: string, version: number): QueuedJob<JobName.DeliverOperatorAlert> {
    return {
      data: { stream, version },
      options: {
        jobId: operatorAlertJobId(stream, version),
        attempts: OPERATOR_ALERT_ATTEMPTS,
        backoff: { type: 'exponential', delay: OPERATOR_ALERT_FIRST_RETRY_MS },
      },
    };
  },
};
