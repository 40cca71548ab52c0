import type { EmailFrequency, SubscriptionChannel } from '@app/contracts';
import type { SubscriptionRecord, SubscriptionStatus } from '@app/subscriptions';
import type { Database } from '@app/event-store';

export interface DeliveryRecord {
  readonly notificationId: string;
  readonly outcome: 'delivered' | 'failed' | 'dead_lettered';
  readonly attempt: number;
  readonly status: number | null;
  readonly error: string | null;
  readonly latencyMs: number | null;
  readonly nextAttemptAt: string | null;
  /** The first 1 KB of a failed attempt's response body. */
  readonly responseExcerpt: string | null;
  readonly at: string;
}

interface SubscriptionRow {
  subscription_id: string;
  channel: SubscriptionChannel;
  topics: string[];
  min_score: number;
  corroborations: boolean;
  status: SubscriptionStatus;
  status_reason: string | null;
  token_hash: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  email_address: string | null;
  email_confirm_token: string | null;
  email_unsubscribe_token: string | null;
  frequency: EmailFrequency | null;
  time_zone: string | null;
  digest_hour: number | null;
  confirmed_at: Date | string | null;
  digest_through: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

interface DeliveryRow {
  notification_id: string;
  outcome: DeliveryRecord['outcome'];
  attempt: number;
  status: number | null;
  error: string | null;
  latency_ms: number | null;
  next_attempt_at: Date | string | null;
  recorded_at: Date | string;
  response_excerpt: string | null;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

/** Reads the subscriptions view: the api's reads, the fan-out's audience, the owed deliveries. */
export class SubscriptionsReader {
  constructor(private readonly database: Database) {}

  /**
   * Active subscriptions told of each alert event as it happens (webhooks, instant emails)
   * that want one of these topics and score. Digests collect theirs when a period closes.
   */
  async audience(alert: {
    readonly topics: readonly string[];
    readonly score: number;
    readonly corroboration: boolean;
  }): Promise<SubscriptionRecord[]> {
    const rows = await this.database.query<SubscriptionRow>(
      `SELECT * FROM vigil_view_subscriptions
        WHERE status = 'active' AND (channel = 'webhook' OR frequency = 'instant')
          AND topics && $1::text[] AND min_score <= $2 AND (NOT $3 OR corroborations)
        ORDER BY subscription_id`,
      [alert.topics, alert.score, alert.corroboration],
    );
    return rows.map(toRecord);
  }

  /**
   * Confirmed email subscriptions on an hourly or daily digest, each with the end of its last
   * closed period (null: none closed yet), by id after `after`.
   */
  async digestSubscriptions(options: {
    readonly after?: string;
    readonly limit: number;
  }): Promise<DigestSubscription[]> {
    const rows = await this.database.query<SubscriptionRow>(
      `SELECT * FROM vigil_view_subscriptions
        WHERE channel = 'email' AND frequency IN ('hourly', 'daily')
          AND status IN ('active', 'paused', 'suspended') AND subscription_id > $1
        ORDER BY subscription_id LIMIT $2`,
      [options.after ?? '', options.limit],
    );
    return rows.map((row) => ({
      subscription: toRecord(row),
      digestThrough: row.digest_through === null ? null : iso(row.digest_through),
    }));
  }

  /** Ids of subscriptions still waiting for confirmation that were created before `before`. */
  async unconfirmedSince(before: string, limit: number): Promise<string[]> {
    const rows = await this.database.query<{ subscription_id: string }>(
      `SELECT subscription_id FROM vigil_view_subscriptions
        WHERE status = 'pending_confirmation' AND created_at < $1
        ORDER BY created_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((row) => row.subscription_id);
  }

  /** Delivery attempts, newest first. */
  async deliveries(subscriptionId: string, limit: number): Promise<DeliveryRecord[]> {
    const rows = await this.database.query<DeliveryRow>(
      `SELECT * FROM vigil_view_deliveries WHERE subscription_id = $1
        ORDER BY position DESC LIMIT $2`,
      [subscriptionId, limit],
    );
    return rows.map((row) => ({
      notificationId: row.notification_id,
      outcome: row.outcome,
      attempt: Number(row.attempt),
      status: row.status === null ? null : Number(row.status),
      error: row.error,
      latencyMs: row.latency_ms === null ? null : Number(row.latency_ms),
      nextAttemptAt: row.next_attempt_at === null ? null : iso(row.next_attempt_at),
      responseExcerpt: row.response_excerpt,
      at: iso(row.recorded_at),
    }));
  }

  /**
   * The run of failed attempts since the subscription's last delivery, within its latest
   * `window` attempts: when the run began (null when there is none), how many dead letters it
   * holds, and the log position of the newest attempt the view holds (0: none), which tells
   * whether the view has applied an attempt just recorded. Counted in the database, so a
   * failing endpoint's attempts are not all read back.
   */
  async failureRun(
    subscriptionId: string,
    window: number,
  ): Promise<{
    readonly since: string | null;
    readonly deadLetters: number;
    readonly throughPosition: number;
  }> {
    const [row] = await this.database.query<{
      since: Date | string | null;
      dead_letters: number | string;
      through_position: number | string;
    }>(
      `WITH recent AS (
         SELECT position, outcome, recorded_at FROM vigil_view_deliveries
          WHERE subscription_id = $1 ORDER BY position DESC LIMIT $2
       ), run AS (
         SELECT * FROM recent WHERE position >
           coalesce((SELECT max(position) FROM recent WHERE outcome = 'delivered'), 0)
       )
       SELECT (SELECT recorded_at FROM run ORDER BY position LIMIT 1) AS since,
              (SELECT count(*) FROM run WHERE outcome = 'dead_lettered') AS dead_letters,
              (SELECT coalesce(max(position), 0) FROM recent) AS through_position`,
      [subscriptionId, window],
    );
    return {
      since: row?.since ? iso(row.since) : null,
      deadLetters: Number(row?.dead_letters ?? 0),
      throughPosition: Number(row?.through_position ?? 0),
    };
  }

  /**
   * Subscriptions an operator should look at: suspended or paused ones, and those whose latest
   * delivery attempt did not deliver. Suspended first, then paused, then by latest attempt,
   * newest first. Ids, channel and status only: nothing sealed is read.
   */
  async withDeliveryTrouble(limit: number): Promise<DeliveryTrouble[]> {
    const rows = await this.database.query<{
      subscription_id: string;
      channel: SubscriptionChannel;
      status: SubscriptionStatus;
      status_reason: string | null;
      outcome: DeliveryRecord['outcome'] | null;
      http_status: number | null;
      recorded_at: Date | string | null;
    }>(
      `SELECT s.subscription_id, s.channel, s.status, s.status_reason,
              last.outcome, last.status AS http_status, last.recorded_at
         FROM vigil_view_subscriptions s
         LEFT JOIN LATERAL (
           SELECT d.outcome, d.status, d.recorded_at FROM vigil_view_deliveries d
            WHERE d.subscription_id = s.subscription_id ORDER BY d.position DESC LIMIT 1
         ) last ON true
        WHERE s.status IN ('suspended', 'paused')
           OR (s.status = 'active' AND last.outcome IN ('failed', 'dead_lettered'))
        ORDER BY CASE s.status WHEN 'suspended' THEN 0 WHEN 'paused' THEN 1 ELSE 2 END,
                 last.recorded_at DESC NULLS LAST, s.subscription_id
        LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      subscriptionId: row.subscription_id,
      channel: row.channel,
      status: row.status,
      statusReason: row.status_reason,
      lastOutcome: row.outcome,
      lastHttpStatus: row.http_status === null ? null : Number(row.http_status),
      lastAttemptAt: row.recorded_at === null ? null : iso(row.recorded_at),
    }));
  }

  /**
   * Pending notifications of active subscriptions (of one, when named), by id after `after`:
   * the deliveries the log says are owed, each with the stream version its job names and when
   * it is due. A paused or suspended subscription owes nothing until it is resumed; one
   * waiting for confirmation owes only its confirmation email.
   */
  async owedDeliveries(options: {
    readonly subscriptionId?: string;
    readonly after?: string;
    readonly limit: number;
  }): Promise<OwedDelivery[]> {
    const rows = await this.database.query<{
      notification_id: string;
      subscription_id: string;
      at_version: number | null;
      due_at: Date | string | null;
    }>(
      `SELECT n.notification_id, n.subscription_id, n.at_version, n.due_at
         FROM vigil_view_notifications n
         JOIN vigil_view_subscriptions s USING (subscription_id)
        WHERE n.state = 'pending'
          AND (s.status = 'active' OR (s.status = 'pending_confirmation'
            AND n.kind = 'subscription.confirmation'))
          AND ($1::text IS NULL OR n.subscription_id = $1) AND n.notification_id > $2
        ORDER BY n.notification_id LIMIT $3`,
      [options.subscriptionId ?? null, options.after ?? '', options.limit],
    );
    return rows.map((row) => ({
      notificationId: row.notification_id,
      subscriptionId: row.subscription_id,
      atVersion: row.at_version === null ? null : Number(row.at_version),
      dueAt: row.due_at === null ? null : iso(row.due_at),
    }));
  }
}

/** A digest subscription and where its closed periods end (SubscriptionsReader). */
export interface DigestSubscription {
  readonly subscription: SubscriptionRecord;
  readonly digestThrough: string | null;
}

/** A subscription whose deliveries need an operator's look (SubscriptionsReader). */
export interface DeliveryTrouble {
  readonly subscriptionId: string;
  readonly channel: SubscriptionChannel;
  readonly status: SubscriptionStatus;
  readonly statusReason: string | null;
  /** Of the latest attempt; null when none was made. */
  readonly lastOutcome: DeliveryRecord['outcome'] | null;
  readonly lastHttpStatus: number | null;
  readonly lastAttemptAt: string | null;
}

/** A delivery the log says is owed (SubscriptionsReader.owedDeliveries). */
export interface OwedDelivery {
  readonly notificationId: string;
  readonly subscriptionId: string;
  /** Null on a row from before the view kept it: the job then goes by the stream alone. */
  readonly atVersion: number | null;
  /** Null: due at once. */
  readonly dueAt: string | null;
}

function toRecord(row: SubscriptionRow): SubscriptionRecord {
  return {
    subscriptionId: row.subscription_id,
    channel: row.channel,
    topics: row.topics,
    minScore: Number(row.min_score),
    corroborations: row.corroborations,
    status: row.status,
    statusReason: row.status_reason,
    tokenHash: row.token_hash,
    webhookUrl: row.webhook_url,
    webhookSecret: row.webhook_secret,
    email:
      row.email_address && row.email_confirm_token && row.email_unsubscribe_token
        ? {
            address: row.email_address,
            confirmToken: row.email_confirm_token,
            unsubscribeToken: row.email_unsubscribe_token,
          }
        : null,
    schedule:
      row.frequency && row.time_zone && row.digest_hour !== null
        ? { frequency: row.frequency, timeZone: row.time_zone, digestHour: Number(row.digest_hour) }
        : null,
    confirmedAt: row.confirmed_at === null ? null : iso(row.confirmed_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
