import { JobName } from './job-names.js';

/**
 * One job per owed attempt, named by the notification stream's version at which it became
 * owed (the request, or the failed attempt that scheduled it): the reactor that reads that
 * event and the reconciler that reads the view derive the same id, so neither doubles a job.
 */
export function deliveryJobId(notificationId: string, atVersion: number): string {
  return `${JobName.DeliverNotification}-${notificationId}-v${atVersion}`;
}
