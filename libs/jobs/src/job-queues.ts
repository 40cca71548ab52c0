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

  constructor(
    private readonly connection: Redis,
    prefix: string,
  ) {
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
   * know (lost with its data, or never queued) is added; one that completed or failed while the
   * view still says its work is owed is replaced, since BullMQ would otherwise ignore the same
   * id. A waiting, delayed or active job is left alone. `stillOwed` is asked about the missing
   * and spent ones before anything is queued (the view may lag the log: a job that just did its
   * work looks owed for a moment). Returns how many were (re)queued.
   */
  async ensureMany<N extends JobName>(
    name: N,
    jobs: readonly QueuedJob<N>[],
    stillOwed: (candidates: readonly QueuedJob<N>[]) => Promise<readonly QueuedJob<N>[]> = (
      candidates,
    ) => Promise.resolve(candidates),
  ): Promise<number> {
    if (jobs.length === 0) return 0;
    const queue = this.queue(JOB_QUEUE[name]);
    // One HMGET a job in one pipeline, not BullMQ's getJobState (a script of several calls):
    // the reconciler asks this of every owed job every minute. A job's hash holds `timestamp`
    // from the moment it is added and `finishedOn` once it completed or failed.
    const pipeline = this.connection.pipeline();
    for (const job of jobs)
      pipeline.hmget(queue.toKey(job.options.jobId), 'timestamp', 'finishedOn');
    const replies = (await pipeline.exec()) ?? [];
    const spent = new Set<string>();
    const candidates = jobs.filter((job, index) => {
      const [error, fields] = replies[index] ?? [new Error('no reply'), null];
      if (error) throw error;
      const [timestamp, finishedOn] = fields as [string | null, string | null];
      if (timestamp !== null && finishedOn !== null) spent.add(job.options.jobId);
      return timestamp === null || finishedOn !== null;
    });
    const owed = candidates.length === 0 ? [] : await stillOwed(candidates);
    await Promise.all(
      owed
        .filter((job) => spent.has(job.options.jobId))
        .map((job) => queue.remove(job.options.jobId)),
    );
    await this.enqueueMany(name, owed);
    return owed.length;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

/** The defaults every job gets, after checking its id. */
function jobOptions(options: JobsOptions & { readonly jobId: string }): JobsOptions {
  if (options.jobId.includes(':')) throw new RangeError(`job id ${options.jobId} contains ":"`);
  return { removeOnComplete: { count: 1_000 }, removeOnFail: { count: 5_000 }, ...options };
}
