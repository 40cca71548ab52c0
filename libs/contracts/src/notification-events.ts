/** What a notification tells: SPEC.md §7 `type`. */
export type NotificationKind = 'alert.raised' | 'alert.corroborated' | 'subscription.test';

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
  /**
   * Why it was asked for: a new alert event, a test, a replay asked for by the subscriber, or
   * the admin's redelivery of a dead letter (then appended again to the same stream: the same
   * id, so the same `webhook-id`, and a fresh run of attempts).
   */
  readonly cause: 'alert' | 'test' | 'replay' | 'redelivery';
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
}

export const notificationStream = (notificationId: string): string =>
  `notification-${notificationId}`;
