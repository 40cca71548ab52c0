import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { type Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { JOB_QUEUE, JobName, QueueName } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { AsJobHandler, type JobHandler } from './job-handler.js';

const MATCHING_CONCURRENCY = 4;

/**
 * One BullMQ worker per queue, dispatching each job by name to its one handler. Refuses to
 * start when a job name has no handler or two. Closed in the first shutdown phase, within the
 * shutdown timeout: a job still running then is abandoned to BullMQ's stalled-job recovery.
 */
@Injectable()
export class QueueWorkersService implements OnModuleDestroy {
  private readonly logger = new Logger(QueueWorkersService.name);
  private workers: Worker[] = [];
  private connection: Redis | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async start(): Promise<void> {
    const handlers = this.handlersByJob();
    // Workers block on Redis, so they get a connection of their own.
    this.connection = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
    this.workers = Object.values(QueueName).map((queue) => {
      const worker = new Worker(
        queue,
        (job: Job, token?: string) => this.dispatch(handlers, job, token),
        {
          connection: this.connection!,
          prefix: this.config.queuePrefix,
          concurrency: this.concurrencyOf(queue),
          lockDuration: this.config.runtime.workers.jobLockMs,
          stalledInterval: this.config.runtime.workers.stalledCheckMs,
        },
      );
      worker.on('failed', (job, error) =>
        this.logger.warn({ jobId: job?.id, job: job?.name, err: error }, 'job attempt failed'),
      );
      worker.on('error', (error) => this.logger.error({ err: error }, 'queue worker error'));
      return worker;
    });
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    this.logger.log(`queue workers running: ${this.workers.map((w) => w.name).join(', ')}`);
  }

  async onModuleDestroy(): Promise<void> {
    const timeoutMs = this.config.runtime.shutdownTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      Promise.all(this.workers.map((worker) => worker.close())).then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!closed) {
      this.logger.warn(`queue workers still busy after ${timeoutMs} ms: closing anyway`);
      await Promise.all(this.workers.map((worker) => worker.close(true)));
    }
    await this.connection?.quit().catch(() => this.connection?.disconnect());
    this.logger.log('queue workers stopped');
  }

  private async dispatch(
    handlers: ReadonlyMap<string, JobHandler>,
    job: Job,
    token: string | undefined,
  ): Promise<void> {
    const handler = handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    await handler.handle(job.data as never, job, token);
  }

  private concurrencyOf(queue: QueueName): number {
    switch (queue) {
      case QueueName.Feeds:
        return this.config.runtime.feeds.concurrency;
      case QueueName.Matching:
        // Matching is pure CPU with one append: more at once only queues on the event loop.
        return MATCHING_CONCURRENCY;
      case QueueName.Deliveries:
        return this.config.runtime.webhooks.concurrency;
    }
  }

  private handlersByJob(): ReadonlyMap<string, JobHandler> {
    const handlers = this.discovery
      .getProviders({ metadataKey: AsJobHandler.KEY })
      .map((wrapper) => wrapper.instance as JobHandler);
    const byJob = new Map<string, JobHandler>();
    for (const handler of handlers) {
      if (byJob.has(handler.jobName)) throw new Error(`two handlers for job ${handler.jobName}`);
      byJob.set(handler.jobName, handler);
    }
    const missing = (Object.values(JobName) as string[]).filter((name) => !byJob.has(name));
    if (missing.length > 0) throw new Error(`no handler for job ${missing.join(', ')}`);
    for (const name of byJob.keys()) {
      if (!(name in JOB_QUEUE)) throw new Error(`handler for unknown job ${name}`);
    }
    return byJob;
  }
}
