import { Injectable } from '@nestjs/common';
import { JobQueues, QueueName } from '@app/jobs';
import type { FailedJob } from './queue-responses.js';

/** The job states an operator is shown, per queue (SPEC.md §9). */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

export type QueueState = (typeof QUEUE_STATES)[number];

/** Why a retry was refused: the HTTP layer turns each into 404 or 409. */
export type RetryRefusal = 'unknown_queue' | 'unknown_job' | 'not_failed';

/**
 * Reads BullMQ's queues for operators (counts, failed jobs) and retries one failed job. Any
 * api process answers the same: all of it is in Redis.
 */
@Injectable()
export class QueueInspector {
  constructor(private readonly queues: JobQueues) {}

  static isQueueName(name: string): name is QueueName {
    return (Object.values(QueueName) as string[]).includes(name);
  }

  async counts(name: QueueName): Promise<Record<QueueState, number>> {
    const counts = await this.queues.queue(name).getJobCounts(...QUEUE_STATES);
    return Object.fromEntries(QUEUE_STATES.map((state) => [state, counts[state] ?? 0])) as Record<
      QueueState,
      number
    >;
  }

  /** The most recently failed jobs first. */
  async recentFailures(name: QueueName, limit: number): Promise<FailedJob[]> {
    if (limit === 0) return [];
    const jobs = await this.queues.queue(name).getFailed(0, limit - 1);
    return jobs.map((job) => ({
      id: job.id ?? '',
      name: job.name,
      failedReason: job.failedReason,
      attemptsMade: job.attemptsMade,
      finishedOn: job.finishedOn === undefined ? null : new Date(job.finishedOn).toISOString(),
    }));
  }

  /**
   * Runs a failed job again: the same id and data, back to waiting. Nothing new is queued, so
   * the outbox rule (only reactors and the reconciler queue work) holds; the handler checks the
   * log before acting, as for any retry.
   */
  async retryFailed(queueName: string, jobId: string): Promise<RetryRefusal | 'retried'> {
    if (!QueueInspector.isQueueName(queueName)) return 'unknown_queue';
    const job = await this.queues.queue(queueName).getJob(jobId);
    if (!job) return 'unknown_job';
    if ((await job.getState()) !== 'failed') return 'not_failed';
    try {
      await job.retry('failed');
    } catch (error) {
      // Retried by someone else between the check and now: the same answer as before it.
      if ((await job.getState()) !== 'failed') return 'not_failed';
      throw error;
    }
    return 'retried';
  }
}
