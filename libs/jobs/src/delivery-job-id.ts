import { JobName } from './job-names.js';

/**
 * One job per attempt: a retry is a new job, delayed, while the job of the failed attempt
 * completes. A deferral by the circuit breaker adds when it is due, so it never collides with
 * the attempt it postpones.
 */
export function deliveryJobId(notificationId: string, attempt: number, dueAtMs?: number): string {
  const base = `${JobName.DeliverNotification}-${notificationId}-a${attempt}`;
  return dueAtMs === undefined ? base : `${base}-d${dueAtMs}`;
}
