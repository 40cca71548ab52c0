import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import type { JobDataMap, JobName } from '@app/jobs';

/**
 * One handler per job name. It throws to have the job retried; an outcome that is part of the
 * domain (a feed that is down) is recorded as an event, not thrown.
 */
export interface JobHandler<N extends JobName = JobName> {
  readonly jobName: N;
  /** `token` is the worker's lock on the job: what `job.moveToDelayed` needs to defer it. */
  handle(data: JobDataMap[N], job: Job, token?: string): Promise<void>;
}

/** Marks a provider as a JobHandler for the queue workers to find. */
export const AsJobHandler = DiscoveryService.createDecorator<void>();
