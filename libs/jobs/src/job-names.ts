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
  ReplayNotifications = 'replay-notifications',
  DeliverOperatorAlert = 'deliver-operator-alert',
}

export interface JobDataMap {
  [JobName.PollFeed]: { readonly feedId: string };
  /** The item's stream, `item-<hash>`. */
  [JobName.MatchItem]: { readonly itemStream: string };
  /**
   * Items discovered at or after `since` (ISO time) are matched again; `backfill-<id>` records
   * the request and the completion (absent on jobs queued before backfills were events).
   */
  [JobName.BackfillMatches]: { readonly since: string; readonly backfillId?: string };
  /** One attempt of the notification `notification-<id>`. */
  [JobName.DeliverNotification]: {
    readonly notificationId: string;
    /**
     * Lets the delivery read the subscription together with the notification; the
     * notification's own record decides which subscription it is for.
     */
    readonly subscriptionId?: string;
    /**
     * The notification stream's version when this attempt became owed: the job sends only if
     * nothing was recorded since, so a stale or repeated job never sends. Absent on jobs
     * queued before this field existed: those go by the stream alone.
     */
    readonly atVersion?: number;
  };
  /** The subscription's replay `replayId`: requests a notification per wanted alert event. */
  [JobName.ReplayNotifications]: { readonly subscriptionId: string; readonly replayId: string };
  /** The operator alert recorded at `version` of the incident stream `stream`. */
  [JobName.DeliverOperatorAlert]: { readonly stream: string; readonly version: number };
}

export const JOB_QUEUE = {
  [JobName.PollFeed]: QueueName.Feeds,
  [JobName.MatchItem]: QueueName.Matching,
  [JobName.BackfillMatches]: QueueName.Matching,
  [JobName.DeliverNotification]: QueueName.Deliveries,
  [JobName.ReplayNotifications]: QueueName.Deliveries,
  [JobName.DeliverOperatorAlert]: QueueName.Deliveries,
} as const satisfies Record<JobName, QueueName>;
