/** What a notification tells: SPEC.md §7 `type`. */
export type NotificationKind =
  | 'alert.raised'
  | 'alert.corroborated'
  | 'subscription.test'
  /** An email subscription's double opt-in link. */
  | 'subscription.confirmation'
  /** An email digest of one period's alerts (`digestId` names its `digest.sent`). */
  | 'digest';

/** One message to one subscription: opens the `notification-<id>` stream. */
export interface NotificationRequested {
  /** Deterministic: the same alert event and subscription always give the same id. */
  readonly notificationId: string;
  readonly subscriptionId: string;
  readonly kind: NotificationKind;
  /**
   * The log position of the alert event it reports (absent for a test). The body is built
   * from that event at each attempt, the same bytes every time, so the log holds no copy.
   */
  readonly alertId?: string;
  readonly sourcePosition?: number;
  /** The digest it sends: the `digest-<id>` stream's `digest.sent` lists the alerts. */
  readonly digestId?: string;
  /**
   * Why it was asked for: a new alert event, a test, a replay asked for by the subscriber, or
   * the admin's redelivery of a dead letter (then appended again to the same stream: the same
   * id, so the same `webhook-id`, and a fresh run of attempts).
   */
  readonly cause: 'alert' | 'test' | 'replay' | 'redelivery' | 'confirmation' | 'digest';
}

export interface NotificationDelivered {
  readonly notificationId: string;
  readonly subscriptionId: string;
  readonly attempt: number;
  readonly status: number;
  readonly latencyMs: number;
}

export interface NotificationAttemptFailed {
  readonly notificationId: string;
  readonly subscriptionId: string;
  readonly attempt: number;
  /** The HTTP status, or null when no response came (then `error` says why). */
  readonly status: number | null;
  readonly error: string | null;
  readonly latencyMs: number;
  /** The first 1 KB of the response body. */
  readonly responseExcerpt: string | null;
  /** When the next attempt is due, or null after the last one. */
  readonly nextAttemptAt: string | null;
}

export interface NotificationDeadLettered {
  readonly notificationId: string;
  readonly subscriptionId: string;
  readonly attempts: number;
  /**
   * Why it was given up: `retries_exhausted`, or at once the error of a failure no retry can
   * cure (`invalid_url`, `unsupported_protocol`, `blocked_address`). Absent from dead letters
   * recorded before issue 15, all of which had exhausted their retries.
   */
  readonly reason?: string;
}

/**
 * One digest period of one subscription, closed: the alerts it holds are fixed here, so every
 * attempt to send it, on any worker, sends the same email. Opens `digest-<digestId>`; the id
 * follows from the subscription and the period, so a period is closed once.
 */
export interface DigestSent {
  readonly digestId: string;
  readonly subscriptionId: string;
  readonly frequency: 'hourly' | 'daily';
  /** ISO times, [periodStart, periodEnd). */
  readonly periodStart: string;
  readonly periodEnd: string;
  /** The alerts reported in the period that the subscription wanted, by first report. */
  readonly alertIds: readonly string[];
  /** The email's notification (the same id); null when the period had no alert: no email. */
  readonly notificationId: string | null;
}

export const digestStream = (digestId: string): string => `digest-${digestId}`;

export const notificationStream = (notificationId: string): string =>
  `notification-${notificationId}`;
