import { JobName } from './job-names.js';

/**
 * One job per attempt: a retry is a new job, delayed, while the job of the failed attempt
 * completes. `distinct` tells apart jobs of the same attempt number: the due time of a deferral
 * by the circuit breaker, or the version of the request an admin redelivery appended (whose
 * attempts count from 1 again), so that none collides with a job BullMQ still remembers.
 */
export function deliveryJobId(notificationId: string, attempt: number, distinct?: number): string {
  const base = `${JobName.DeliverNotification}-${notificationId}-a${attempt}`;
  return distinct === undefined ? base : `${base}-d${distinct}`;
}
