import { applySchema, type Database } from '@app/event-store';

/** Serialises the DDL of several processes starting at once. */
const SCHEMA_LOCK_KEY = 7_361_104;

/**
 * Work the log says is owed and that a queued job does (deliveries are owed in the
 * subscriptions view): the reconciler re-queues from here whatever Redis has lost. A row lives
 * from the event that asks for the work to the event that records it done.
 */
export async function ensureOwedWorkViewsSchema(database: Database): Promise<void> {
  await applySchema(
    database,
    SCHEMA_LOCK_KEY,
    `
      CREATE TABLE IF NOT EXISTS vigil_view_owed_matches (
        item_stream     text        PRIMARY KEY,
        position        bigint      NOT NULL
      );
      CREATE TABLE IF NOT EXISTS vigil_view_owed_backfills (
        backfill_id     text        PRIMARY KEY,
        since           text        NOT NULL,
        position        bigint      NOT NULL
      );
      ALTER TABLE vigil_view_owed_matches ADD COLUMN IF NOT EXISTS discovered_at timestamptz;
      CREATE TABLE IF NOT EXISTS vigil_view_owed_replays (
        replay_id       text        PRIMARY KEY,
        subscription_id text        NOT NULL,
        position        bigint      NOT NULL
      );
    `,
  );
}
