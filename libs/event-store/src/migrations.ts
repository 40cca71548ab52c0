import type { Database } from './database.port.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The channel on which every committed append announces the new head position, then (since
 * migration 4) a space and the event types it appended, comma-separated.
 */
export const APPENDED_CHANNEL = 'vigil_events_appended';

/** SQLSTATE raised by vigil_append when the stream is not at the expected version. */
export const WRONG_EXPECTED_VERSION_SQLSTATE = 'VG409';

/**
 * Serialises appends: held from the version check until commit, so positions are handed out
 * and committed in the same order and a reader following positions never skips an event.
 */
export const APPEND_LOCK_KEY = 7_361_001;
/** Serialises migrations of several processes starting at once. */
const MIGRATION_LOCK_KEY = 7_361_002;

/**
 * Versioned schema changes. A shipped migration is never edited: add the next version.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'event log, append function and checkpoints',
    sql: `
      CREATE TABLE vigil_events (
        position       bigint      PRIMARY KEY CHECK (position > 0),
        id             uuid        NOT NULL UNIQUE,
        stream         text        NOT NULL CHECK (stream <> ''),
        version        integer     NOT NULL CHECK (version > 0),
        type           text        NOT NULL CHECK (type <> ''),
        schema_version integer     NOT NULL CHECK (schema_version > 0),
        data           jsonb       NOT NULL,
        metadata       jsonb       NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT vigil_events_stream_version UNIQUE (stream, version)
      );

      CREATE FUNCTION vigil_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'the event log is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $fn$;

      CREATE TRIGGER vigil_events_append_only
        BEFORE UPDATE OR DELETE ON vigil_events
        FOR EACH ROW EXECUTE FUNCTION vigil_refuse_change();
      CREATE TRIGGER vigil_events_no_truncate
        BEFORE TRUNCATE ON vigil_events
        FOR EACH STATEMENT EXECUTE FUNCTION vigil_refuse_change();

      CREATE FUNCTION vigil_append(p_stream text, p_expected text, p_events jsonb)
      RETURNS TABLE (next_version integer, first_position bigint, last_position bigint)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        current_version integer;
        base_position bigint;
        event_count integer := jsonb_array_length(p_events);
      BEGIN
        PERFORM pg_advisory_xact_lock(${APPEND_LOCK_KEY});
        SELECT coalesce(max(e.version), 0) INTO current_version
          FROM vigil_events e WHERE e.stream = p_stream;
        IF (p_expected = 'no_stream' AND current_version <> 0)
           OR (p_expected ~ '^[0-9]+$' AND current_version <> p_expected::integer) THEN
          RAISE EXCEPTION 'stream % is at version %, expected %', p_stream, current_version, p_expected
            USING ERRCODE = '${WRONG_EXPECTED_VERSION_SQLSTATE}', DETAIL = current_version::text;
        END IF;
        SELECT coalesce(max(e.position), 0) INTO base_position FROM vigil_events e;
        INSERT INTO vigil_events (position, id, stream, version, type, schema_version, data, metadata)
          SELECT base_position + t.ord,
                 (t.event ->> 'id')::uuid,
                 p_stream,
                 current_version + t.ord::integer,
                 t.event ->> 'type',
                 (t.event ->> 'schemaVersion')::integer,
                 t.event -> 'data',
                 t.event -> 'metadata'
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(event, ord);
        PERFORM pg_notify('${APPENDED_CHANNEL}', (base_position + event_count)::text);
        RETURN QUERY SELECT current_version + event_count, base_position + 1, base_position + event_count;
      END
      $fn$;

      CREATE TABLE vigil_checkpoints (
        name       text        PRIMARY KEY,
        position   bigint      NOT NULL CHECK (position >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: 'append to new streams only, in one round trip',
    sql: `
      CREATE FUNCTION vigil_append_new_streams(p_entries jsonb)
      RETURNS TABLE (created_stream text, created_position bigint)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        base_position bigint;
        created integer;
      BEGIN
        PERFORM pg_advisory_xact_lock(${APPEND_LOCK_KEY});
        SELECT coalesce(max(e.position), 0) INTO base_position FROM vigil_events e;
        RETURN QUERY
          WITH entries AS (
            SELECT t.entry, t.ord FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS t(entry, ord)
          ), fresh AS (
            SELECT DISTINCT ON (entries.entry ->> 'stream') entries.entry, entries.ord
              FROM entries
             WHERE NOT EXISTS (
               SELECT 1 FROM vigil_events e WHERE e.stream = entries.entry ->> 'stream')
             ORDER BY entries.entry ->> 'stream', entries.ord
          ), numbered AS (
            SELECT fresh.entry, row_number() OVER (ORDER BY fresh.ord) AS n FROM fresh
          ), inserted AS (
            INSERT INTO vigil_events (position, id, stream, version, type, schema_version, data, metadata)
            SELECT base_position + numbered.n,
                   (numbered.entry -> 'event' ->> 'id')::uuid,
                   numbered.entry ->> 'stream',
                   1,
                   numbered.entry -> 'event' ->> 'type',
                   (numbered.entry -> 'event' ->> 'schemaVersion')::integer,
                   numbered.entry -> 'event' -> 'data',
                   numbered.entry -> 'event' -> 'metadata'
              FROM numbered
            RETURNING vigil_events.stream, vigil_events.position
          )
          SELECT inserted.stream, inserted.position FROM inserted ORDER BY inserted.position;
        GET DIAGNOSTICS created = ROW_COUNT;
        IF created > 0 THEN
          PERFORM pg_notify('${APPENDED_CHANNEL}', (base_position + created)::text);
        END IF;
      END
      $fn$;
    `,
  },
  {
    version: 3,
    name: 'read the log by event type',
    sql: `
      CREATE INDEX vigil_events_type_position ON vigil_events (type, position);
    `,
  },
  {
    version: 4,
    name: 'append to many streams in one round trip; announce the types appended',
    sql: `
      CREATE FUNCTION vigil_announce_appended(p_after bigint) RETURNS void
      LANGUAGE plpgsql AS $fn$
      DECLARE
        head bigint;
        appended_types text;
      BEGIN
        SELECT max(e.position), string_agg(DISTINCT e.type, ',') INTO head, appended_types
          FROM vigil_events e WHERE e.position > p_after;
        IF head IS NOT NULL THEN
          PERFORM pg_notify('${APPENDED_CHANNEL}', head::text || ' ' || appended_types);
        END IF;
      END
      $fn$;

      CREATE OR REPLACE FUNCTION vigil_append(p_stream text, p_expected text, p_events jsonb)
      RETURNS TABLE (next_version integer, first_position bigint, last_position bigint)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        current_version integer;
        base_position bigint;
        event_count integer := jsonb_array_length(p_events);
      BEGIN
        PERFORM pg_advisory_xact_lock(${APPEND_LOCK_KEY});
        SELECT coalesce(max(e.version), 0) INTO current_version
          FROM vigil_events e WHERE e.stream = p_stream;
        IF (p_expected = 'no_stream' AND current_version <> 0)
           OR (p_expected ~ '^[0-9]+$' AND current_version <> p_expected::integer) THEN
          RAISE EXCEPTION 'stream % is at version %, expected %', p_stream, current_version, p_expected
            USING ERRCODE = '${WRONG_EXPECTED_VERSION_SQLSTATE}', DETAIL = current_version::text;
        END IF;
        SELECT coalesce(max(e.position), 0) INTO base_position FROM vigil_events e;
        INSERT INTO vigil_events (position, id, stream, version, type, schema_version, data, metadata)
          SELECT base_position + t.ord,
                 (t.event ->> 'id')::uuid,
                 p_stream,
                 current_version + t.ord::integer,
                 t.event ->> 'type',
                 (t.event ->> 'schemaVersion')::integer,
                 t.event -> 'data',
                 t.event -> 'metadata'
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(event, ord);
        PERFORM vigil_announce_appended(base_position);
        RETURN QUERY SELECT current_version + event_count, base_position + 1, base_position + event_count;
      END
      $fn$;

      CREATE OR REPLACE FUNCTION vigil_append_new_streams(p_entries jsonb)
      RETURNS TABLE (created_stream text, created_position bigint)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        base_position bigint;
        created integer;
      BEGIN
        PERFORM pg_advisory_xact_lock(${APPEND_LOCK_KEY});
        SELECT coalesce(max(e.position), 0) INTO base_position FROM vigil_events e;
        RETURN QUERY
          WITH entries AS (
            SELECT t.entry, t.ord FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS t(entry, ord)
          ), fresh AS (
            SELECT DISTINCT ON (entries.entry ->> 'stream') entries.entry, entries.ord
              FROM entries
             WHERE NOT EXISTS (
               SELECT 1 FROM vigil_events e WHERE e.stream = entries.entry ->> 'stream')
             ORDER BY entries.entry ->> 'stream', entries.ord
          ), numbered AS (
            SELECT fresh.entry, row_number() OVER (ORDER BY fresh.ord) AS n FROM fresh
          ), inserted AS (
            INSERT INTO vigil_events (position, id, stream, version, type, schema_version, data, metadata)
            SELECT base_position + numbered.n,
                   (numbered.entry -> 'event' ->> 'id')::uuid,
                   numbered.entry ->> 'stream',
                   1,
                   numbered.entry -> 'event' ->> 'type',
                   (numbered.entry -> 'event' ->> 'schemaVersion')::integer,
                   numbered.entry -> 'event' -> 'data',
                   numbered.entry -> 'event' -> 'metadata'
              FROM numbered
            RETURNING vigil_events.stream, vigil_events.position
          )
          SELECT inserted.stream, inserted.position FROM inserted ORDER BY inserted.position;
        GET DIAGNOSTICS created = ROW_COUNT;
        IF created > 0 THEN
          PERFORM vigil_announce_appended(base_position);
        END IF;
      END
      $fn$;

      CREATE FUNCTION vigil_append_many(p_requests jsonb)
      RETURNS TABLE (request integer, next_version integer, first_position bigint,
                     last_position bigint, actual_version integer)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        base_position bigint;
        head_position bigint;
        current_version integer;
        expected text;
        event_count integer;
        item record;
      BEGIN
        PERFORM pg_advisory_xact_lock(${APPEND_LOCK_KEY});
        SELECT coalesce(max(e.position), 0) INTO base_position FROM vigil_events e;
        head_position := base_position;
        FOR item IN
          SELECT t.entry, t.ord::integer AS ord
            FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS t(entry, ord)
        LOOP
          SELECT coalesce(max(e.version), 0) INTO current_version
            FROM vigil_events e WHERE e.stream = item.entry ->> 'stream';
          expected := item.entry ->> 'expected';
          request := item.ord;
          IF (expected = 'no_stream' AND current_version <> 0)
             OR (expected ~ '^[0-9]+$' AND current_version <> expected::integer) THEN
            next_version := NULL;
            first_position := NULL;
            last_position := NULL;
            actual_version := current_version;
          ELSE
            event_count := jsonb_array_length(item.entry -> 'events');
            INSERT INTO vigil_events (position, id, stream, version, type, schema_version, data, metadata)
              SELECT head_position + t.ord,
                     (t.event ->> 'id')::uuid,
                     item.entry ->> 'stream',
                     current_version + t.ord::integer,
                     t.event ->> 'type',
                     (t.event ->> 'schemaVersion')::integer,
                     t.event -> 'data',
                     t.event -> 'metadata'
                FROM jsonb_array_elements(item.entry -> 'events') WITH ORDINALITY AS t(event, ord);
            next_version := current_version + event_count;
            first_position := head_position + 1;
            last_position := head_position + event_count;
            actual_version := NULL;
            head_position := head_position + event_count;
          END IF;
          RETURN NEXT;
        END LOOP;
        IF head_position > base_position THEN
          PERFORM vigil_announce_appended(base_position);
        END IF;
      END
      $fn$;
    `,
  },
  {
    version: 5,
    name: 'consumer leases: one process runs each consumer, its checkpoint fenced by the lease',
    sql: `
      CREATE TABLE vigil_consumer_leases (
        name        text        PRIMARY KEY,
        holder      text,
        epoch       bigint      NOT NULL CHECK (epoch > 0),
        acquired_at timestamptz NOT NULL,
        renewed_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL
      );
    `,
  },
];

/**
 * Brings the schema up to the latest version. Idempotent, and safe when several processes
 * start together: they queue on an advisory lock and each applies only what is missing.
 */
export async function migrate(
  database: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return database.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS vigil_schema_migrations (
        version    integer     PRIMARY KEY,
        name       text        NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM vigil_schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const newlyApplied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO vigil_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      newlyApplied.push(migration.version);
    }
    return newlyApplied;
  });
}
