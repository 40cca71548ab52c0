/**
 * Personal data (webhook URL, signing secret, email address) encrypted with the subscription's
 * own key, which lives outside the log: `v1.<iv>.<ciphertext+tag>` (AES-256-GCM, base64url).
 * Deleting the subscription destroys the key, and with it every copy in the log.
 */
export type SealedValue = string;

export type SubscriptionChannel = 'webhook' | 'email';

/** How often an email subscription hears: one email per alert, or one digest per period. */
export type EmailFrequency = 'instant' | 'hourly' | 'daily';

/**
 * An email subscription's personal data and links, sealed: the address, and the tokens its
 * confirmation link and every email's unsubscribe link carry (a worker must be able to write
 * them into an email, so they are sealed rather than hashed).
 */
export interface SealedEmail {
  readonly address: SealedValue;
  readonly confirmToken: SealedValue;
  readonly unsubscribeToken: SealedValue;
}

/** When an email subscription's digests go out. */
export interface EmailSchedule {
  readonly frequency: EmailFrequency;
  /** IANA time zone of the daily digest's hour and of the times an email shows. */
  readonly timeZone: string;
  /** The hour (0-23, in `timeZone`) a daily digest goes out. */
  readonly digestHour: number;
}

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
  /** An email subscription's sealed address and tokens; it waits for confirmation. */
  readonly email?: SealedEmail;
  readonly schedule?: EmailSchedule;
}

/** The address's owner followed the confirmation link: emails may go out. */
export interface SubscriptionConfirmed {
  readonly subscriptionId: string;
}

export interface SubscriptionUpdated {
  readonly subscriptionId: string;
  readonly changes: {
    readonly topics?: readonly string[];
    readonly minScore?: number;
    readonly corroborations?: boolean;
    readonly webhookUrl?: SealedValue;
    readonly schedule?: EmailSchedule;
    /**
     * A new token: an unconfirmed address subscribed again gets a new token (the old one is
     * only a hash here, never to be shown again) and a fresh confirmation email.
     */
    readonly tokenHash?: string;
  };
}

export interface SubscriptionPaused {
  readonly subscriptionId: string;
  /** Why, when Vigil paused it rather than its owner: a mail server refused the address. */
  readonly reason?: string;
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
  /**
   * `owner` (DELETE with the token), `unsubscribed` (an email's unsubscribe link), or
   * `unconfirmed` (never confirmed in time). Absent on events from before it was kept.
   */
  readonly reason?: 'owner' | 'unsubscribed' | 'unconfirmed';
}

export const subscriptionStream = (subscriptionId: string): string =>
  `subscription-${subscriptionId}`;
