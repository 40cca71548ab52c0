import type { Redis } from 'ioredis';
import { type JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, type JobDataMap, type JobName, QueueName } from './job-names.js';

/** A job to queue: its payload and its options, the id always among them. */
export interface QueuedJob<N extends JobName> {
  readonly data: JobDataMap[N];
  readonly options: JobsOptions & { readonly jobId: string };
}

/**
 * The producer side of every queue, on one connection. Job ids are `<job>-<entity ids>` and
 * never contain ":", so enqueueing the same work twice is a no-op while the first is pending.
 */
export class JobQueues {
  private readonly queues: ReadonlyMap<QueueName, Queue>;

  constructor(connection: Redis, prefix: string) {
    this.queues = new Map(
      Object.values(QueueName).map((name) => [name, new Queue(name, { connection, prefix })]),
    );
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`unknown queue ${name}`);
    return queue;
  }

  async enqueue<N extends JobName>(
    name: N,
    data: JobDataMap[N],
    options: JobsOptions & { readonly jobId: string },
  ): Promise<void> {
    await this.queue(JOB_QUEUE[name]).add(name, data, jobOptions(options));
  }

  /** Many jobs of one name in one round trip, each with its own id (and options). */
  async enqueueMany<N extends JobName>(name: N, jobs: readonly QueuedJob<N>[]): Promise<void> {
    if (jobs.length === 0) return;
    // Every id is checked before any job is added.
    const opts = jobs.map((job) => jobOptions(job.options));
    await this.queue(JOB_QUEUE[name]).addBulk(
      jobs.map((job, index) => ({ name, data: job.data, opts: opts[index] })),
    );
  }

  /**
   * Makes sure each job is queued: the reconciler's half of the outbox. A job Redis does not
   * know (lost with its data, or never queued) is added; one that completed or failed while
   * the log still says its work is owed is replaced, since BullMQ would otherwise ignore the
   * same id. A waiting, delayed or active job is left alone. Returns how many were (re)queued.
   * Handlers check the log before acting, so a job replaced while its outcome was being
   * recorded only finds nothing left to do.
   */
  async ensureMany<N extends JobName>(name: N, jobs: readonly QueuedJob<N>[]): Promise<number> {
    const queue = this.queue(JOB_QUEUE[name]);
    const states = await Promise.all(jobs.map((job) => queue.getJobState(job.options.jobId)));
    const owed = jobs
      .map((job, index) => ({ job, state: states[index]! }))
      .filter(({ state }) => SPENT_OR_UNKNOWN.has(state));
    await Promise.all(
      owed
        .filter(({ state }) => state !== 'unknown')
        .map(({ job }) => queue.remove(job.options.jobId)),
    );
    await this.enqueueMany(
      name,
      owed.map(({ job }) => job),
    );
    return owed.length;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

/** Job states whose id a reconciler must (re)queue when the work is still owed. */
const SPENT_OR_UNKNOWN: ReadonlySet<string> = new Set(['unknown', 'completed', 'failed']);

/** The defaults every job gets, after checking its id. */
function jobOptions(options: JobsOptions & { readonly jobId: string }): JobsOptions {
  if (options.jobId.includes(':')) throw new RangeError(`job id ${options.jobId} contains ":"`);
  return { removeOnComplete: { count: 1_000 }, removeOnFail: { count: 5_000 }, ...options };
}
