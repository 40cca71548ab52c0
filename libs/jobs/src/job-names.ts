/** Queue names are persisted in Redis keys: never rename one. */
export enum QueueName {
  Feeds = 'feeds',
  Matching = 'matching',
  Deliveries = 'deliveries',
}

/** Job names are persisted with every job: never rename one. */
export enum JobName {
  PollFeed = 'poll-feed',
  MatchItem = 'match-item',
  BackfillMatches = 'backfill-matches',
  DeliverNotification = 'deliver-notification',
}

export interface JobDataMap {
  [JobName.PollFeed]: { readonly feedId: string };
  /** The item's stream, `item-<hash>`. */
  [JobName.MatchItem]: { readonly itemStream: string };
  /** Items discovered at or after `since` (ISO time) are matched again. */
  [JobName.BackfillMatches]: { readonly since: string };
  /** One attempt (or a deferral) of the notification `notification-<id>`. */
  [JobName.DeliverNotification]: {
    readonly notificationId: string;
    /**
     * Lets the delivery read the subscription together with the notification; the
     * notification's own record decides which subscription it is for.
     */
    readonly subscriptionId?: string;
  };
}

export const JOB_QUEUE = {
  [JobName.PollFeed]: QueueName.Feeds,
  [JobName.MatchItem]: QueueName.Matching,
  [JobName.BackfillMatches]: QueueName.Matching,
  [JobName.DeliverNotification]: QueueName.Deliveries,
} as const satisfies Record<JobName, QueueName>;
