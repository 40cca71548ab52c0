import { applySchema, type Database } from '@app/event-store';

/** Serialises the DDL of several processes starting at once. */
const SCHEMA_LOCK_KEY = 7_361_102;

/**
 * The alerts view: one row per alert, one per report (the item that raised it and each that
 * corroborated it). Built only from the log, so a rebuild yields the same rows.
 */
export async function ensureAlertViewsSchema(database: Database): Promise<void> {
  await applySchema(
    database,
    SCHEMA_LOCK_KEY,
    `
      CREATE TABLE IF NOT EXISTS vigil_view_alerts (
        alert_id        text        PRIMARY KEY,
        topics          text[]      NOT NULL,
        score           double precision NOT NULL,
        title           text        NOT NULL,
        url             text,
        first_seen_at   timestamptz NOT NULL,
        raised_position bigint      NOT NULL UNIQUE,
        raised_at       timestamptz NOT NULL,
        last_position   bigint      NOT NULL,
        updated_at      timestamptz NOT NULL,
        report_count    integer     NOT NULL,
        source_count    integer     NOT NULL
      );
      CREATE INDEX IF NOT EXISTS vigil_view_alerts_topics ON vigil_view_alerts USING gin (topics);
      CREATE TABLE IF NOT EXISTS vigil_view_alert_reports (
        item_id     text        PRIMARY KEY,
        alert_id    text        NOT NULL,
        position    bigint      NOT NULL,
        kind        text        NOT NULL,
        feed_id     text        NOT NULL,
        recorded_at timestamptz NOT NULL,
        data        jsonb       NOT NULL
      );
      CREATE INDEX IF NOT EXISTS vigil_view_alert_reports_alert
        ON vigil_view_alert_reports (alert_id, position);
    `,
  );
}
