import { applySchema, type Database } from '@app/event-store';

/** Serialises the DDL of several processes starting at once. */
const SCHEMA_LOCK_KEY = 7_361_101;

/**
 * The feed views live beside the log in the same database. Created idempotently at start-up;
 * they are views, so a change of shape is a drop, recreate and rebuild, not a migration.
 */
export async function ensureFeedViewsSchema(database: Database): Promise<void> {
  await applySchema(
    database,
    SCHEMA_LOCK_KEY,
    `
      CREATE TABLE IF NOT EXISTS vigil_view_feeds (
        feed_id               text        PRIMARY KEY,
        url                   text        NOT NULL,
        title                 text,
        interval_seconds      integer,
        enabled               boolean     NOT NULL,
        allow_private_network boolean     NOT NULL,
        source                text        NOT NULL,
        registered_at         timestamptz NOT NULL,
        removed               boolean     NOT NULL DEFAULT false,
        failing_reason        text,
        stream_version        integer     NOT NULL
      );
      CREATE TABLE IF NOT EXISTS vigil_feed_health (
        feed_id                  text        PRIMARY KEY,
        last_poll_at             timestamptz,
        last_success_at          timestamptz,
        last_error_at            timestamptz,
        last_error_reason        text,
        last_error_message       text,
        failures_in_row          integer     NOT NULL DEFAULT 0,
        next_poll_at             timestamptz,
        current_interval_seconds integer,
        items_seen               integer     NOT NULL DEFAULT 0,
        first_polled_at          timestamptz,
        etag                     text,
        last_modified            text
      );
      ALTER TABLE vigil_feed_health
        ADD COLUMN IF NOT EXISTS remembered_items jsonb NOT NULL DEFAULT '[]';
    `,
  );
}
