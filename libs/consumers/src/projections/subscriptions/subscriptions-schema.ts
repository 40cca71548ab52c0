import { applySchema, type Database } from '@app/event-store';

/** Serialises the DDL of several processes starting at once. */
const SCHEMA_LOCK_KEY = 7_361_103;

/**
 * Subscriptions and their deliveries, beside the log. Personal data stays sealed here as in
 * the log: the view holds the same ciphertexts, readable only while the subscription's key
 * exists.
 */
export async function ensureSubscriptionViewsSchema(database: Database): Promise<void> {
  await applySchema(
    database,
    SCHEMA_LOCK_KEY,
    `
      CREATE TABLE IF NOT EXISTS vigil_view_subscriptions (
        subscription_id   text        PRIMARY KEY,
        channel           text        NOT NULL,
        topics            text[]      NOT NULL,
        min_score         double precision NOT NULL,
        corroborations    boolean     NOT NULL,
        status            text        NOT NULL,
        token_hash        text        NOT NULL,
        webhook_url       text,
        webhook_secret    text,
        created_at        timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL,
        stream_version    integer     NOT NULL
      );
      CREATE TABLE IF NOT EXISTS vigil_view_deliveries (
        position          bigint      PRIMARY KEY,
        notification_id   text        NOT NULL,
        subscription_id   text        NOT NULL,
        outcome           text        NOT NULL,
        attempt           integer     NOT NULL,
        status            integer,
        error             text,
        latency_ms        integer,
        next_attempt_at   timestamptz,
        recorded_at       timestamptz NOT NULL
      );
      CREATE TABLE IF NOT EXISTS vigil_view_notifications (
        notification_id   text        PRIMARY KEY,
        subscription_id   text        NOT NULL,
        kind              text        NOT NULL,
        state             text        NOT NULL,
        requested_at      timestamptz NOT NULL
      );
      CREATE INDEX IF NOT EXISTS vigil_view_notifications_pending
        ON vigil_view_notifications (subscription_id) WHERE state = 'pending';
      CREATE INDEX IF NOT EXISTS vigil_view_deliveries_subscription
        ON vigil_view_deliveries (subscription_id, position DESC);
      ALTER TABLE vigil_view_deliveries ADD COLUMN IF NOT EXISTS response_excerpt text;
      -- What a pending notification is owed: the attempt a job names by the stream version at
      -- which it became owed, due at due_at (null: at once). Rows from before these columns
      -- have them null until their next event.
      ALTER TABLE vigil_view_notifications ADD COLUMN IF NOT EXISTS at_version integer;
      ALTER TABLE vigil_view_notifications ADD COLUMN IF NOT EXISTS due_at timestamptz;
      -- Email subscriptions (issue 13): the sealed address and link tokens, the digest
      -- schedule, when the address was confirmed, and the end of the last digest period
      -- closed (digest.sent), from which the next period is due.
      ALTER TABLE vigil_view_subscriptions ADD COLUMN IF NOT EXISTS email_address text;
      ALTER TABLE vigil_view_subscriptions ADD COLUMN IF NOT EXISTS email_confirm_token text;
      ALTER TABLE vigil_view_subscriptions ADD COLUMN IF NOT EXISTS email_unsubscribe_token text;
      ALTER TABLE vigil_view_subscriptions ADD COLUMN IF NOT EXISTS frequency text;
      ALTER TABLE vigil_view_subscriptions ADD COLUMN IF NOT EXISTS time_zone text;
      ALTER TABLE vigil_view_subscriptions ADD COLUMN IF NOT EXISTS digest_hour integer;
      ALTER TABLE vigil_view_subscriptions ADD COLUMN IF NOT EXISTS confirmed_at timestamptz;
      ALTER TABLE vigil_view_subscriptions ADD COLUMN IF NOT EXISTS digest_through timestamptz;
      ALTER TABLE vigil_view_subscriptions ADD COLUMN IF NOT EXISTS status_reason text;
    `,
  );
}
