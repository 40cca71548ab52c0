import { applySchema, type Database } from '@app/event-store';

/** Serialises the DDL of several processes starting at once. */
const SCHEMA_LOCK_KEY = 7_361_114;

/**
 * The metrics view: one row per series (metric name and labels) with its running value, and
 * the position of the last event counted. Counting is not idempotent, so the position lives
 * beside the counts and moves in the same transaction: an event is counted once however often
 * it is handed over (a replayed page, two workers running the same projection).
 */
export async function ensureMetricsViewsSchema(database: Database): Promise<void> {
  await applySchema(
    database,
    SCHEMA_LOCK_KEY,
    `
      CREATE TABLE IF NOT EXISTS vigil_view_metrics (
        name     text             NOT NULL,
        labels   jsonb            NOT NULL,
        value    double precision NOT NULL,
        PRIMARY KEY (name, labels)
      );
      CREATE TABLE IF NOT EXISTS vigil_view_metrics_position (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        position  bigint  NOT NULL
      );
      INSERT INTO vigil_view_metrics_position (singleton, position) VALUES (true, 0)
        ON CONFLICT (singleton) DO NOTHING;
    `,
  );
}
