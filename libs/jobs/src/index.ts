export { connectRedis, createRedisConnection, REDIS } from './redis-connection.js';
export { RedisModule } from './redis.module.js';
export { beat, liveWorkers, retire } from './worker-heartbeat.js';
export { JOB_QUEUE, JobName, QueueName, type JobDataMap } from './job-names.js';
export { JobQueues, type QueuedJob } from './job-queues.js';
export { JobsModule, QUEUE_CONNECTION } from './jobs.module.js';
export { backfillJobId, deliveryJobId, owedJobs, pollNowJobId } from './job-ids.js';
export { countPoll, readPollCounts, type PollCounts } from './poll-counts.js';
export { deleteKeysMatching, deleteQueueKeys } from './delete-queue-keys.js';
