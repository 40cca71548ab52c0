/**
 * Personal data (webhook URL, signing secret, email address) encrypted with the subscription's
 * own key, which lives outside the log: `v1.<iv>.<ciphertext+tag>` (AES-256-GCM, base64url).
 * Deleting the subscription destroys the key, and with it every copy in the log.
 */
export type SealedValue = string;

export type SubscriptionChannel = 'webhook' | 'email';

export interface SubscriptionCreated {
  readonly subscriptionId: string;
  readonly channel: SubscriptionChannel;
  readonly topics: readonly string[];
  readonly minScore: number;
  /** Whether `alert.corroborated` notifies too. */
  readonly corroborations: boolean;
  /** sha256 of the subscription token (hex); the token itself is shown once and never kept. */
  readonly tokenHash: string;
  /** Sealed URL and secret of a webhook subscription. */
  readonly webhook?: { readonly url: SealedValue; readonly secret: SealedValue };
}

export interface SubscriptionUpdated {
  readonly subscriptionId: string;
  readonly changes: {
    readonly topics?: readonly string[];
    readonly minScore?: number;
    readonly corroborations?: boolean;
    readonly webhookUrl?: SealedValue;
  };
}

export interface SubscriptionPaused {
  readonly subscriptionId: string;
}

export interface SubscriptionResumed {
  readonly subscriptionId: string;
}

/** The subscriber asked for the alerts since a time again (POST /v1/subscriptions/:id/replay). */
export interface SubscriptionReplayRequested {
  readonly subscriptionId: string;
  readonly replayId: string;
  /** ISO time: alert events recorded at or after it are sent again. */
  readonly since: string;
}

/** The replay's job requested a notification for each alert event the subscription wanted. */
export interface SubscriptionReplayed {
  readonly subscriptionId: string;
  readonly replayId: string;
  readonly notifications: number;
}

export interface SubscriptionSuspended {
  readonly subscriptionId: string;
  /** `gone`: the endpoint answered 410; `failing`: it failed for the configured time. */
  readonly reason: 'gone' | 'failing';
}

export interface SubscriptionDeleted {
  readonly subscriptionId: string;
}

export const subscriptionStream = (subscriptionId: string): string =>
  `subscription-${subscriptionId}`;
