/** Queue names are persisted in Redis keys: never rename one. */
export enum QueueName {
  Feeds = 'feeds',
  Matching = 'matching',
}

/** Job names are persisted with every job: never rename one. */
export enum JobName {
  PollFeed = 'poll-feed',
  MatchItem = 'match-item',
}

export interface JobDataMap {
  [JobName.PollFeed]: { readonly feedId: string };
  /** The item's stream, `item-<hash>`. */
  [JobName.MatchItem]: { readonly itemStream: string };
}

export const JOB_QUEUE = {
  [JobName.PollFeed]: QueueName.Feeds,
  [JobName.MatchItem]: QueueName.Matching,
} as const satisfies Record<JobName, QueueName>;
