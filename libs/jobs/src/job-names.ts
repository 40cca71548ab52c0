/** Queue names are persisted in Redis keys: never rename one. */
export enum QueueName {
  Feeds = 'feeds',
}

/** Job names are persisted with every job: never rename one. */
export enum JobName {
  PollFeed = 'poll-feed',
}

export interface JobDataMap {
  [JobName.PollFeed]: { readonly feedId: string };
}

export const JOB_QUEUE = {
  [JobName.PollFeed]: QueueName.Feeds,
} as const satisfies Record<JobName, QueueName>;
