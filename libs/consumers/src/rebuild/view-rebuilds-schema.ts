import { applySchema, type Database } from '@app/event-store';

/** Serialises the DDL of several processes starting at once. */
const SCHEMA_LOCK_KEY = 7_361_105;

/**
 * Rebuilds of views that operators asked for: the request, which worker holds it (a claim
 * token renewed by a heartbeat, so a rebuild whose worker died is taken over), its progress
 * and its end. At most one rebuild of a view is requested or running at a time.
 */
export async function ensureViewRebuildsSchema(database: Database): Promise<void> {
  await applySchema(
    database,
    SCHEMA_LOCK_KEY,
    `
      CREATE TABLE IF NOT EXISTS vigil_view_rebuilds (
        rebuild_id   uuid        PRIMARY KEY,
        view         text        NOT NULL,
        state        text        NOT NULL,
        position     bigint      NOT NULL DEFAULT 0,
        head         bigint,
        claim        text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at   timestamptz,
        heartbeat_at timestamptz,
        finished_at  timestamptz,
        error        text
      );
      CREATE UNIQUE INDEX IF NOT EXISTS vigil_view_rebuilds_one_per_view
        ON vigil_view_rebuilds (view) WHERE state IN ('requested', 'running');
    `,
  );
}
