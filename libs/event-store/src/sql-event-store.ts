import { randomUUID } from 'node:crypto';
import type { JsonObject, KnownRecordedEvent, RecordedEvent } from '@app/contracts';
import { type Database, databaseErrorFields } from './database.port.js';
import type {
  AppendedListener,
  AppendOutcome,
  AppendRequest,
  AppendResult,
  CheckpointRecord,
  CreatedStream,
  NewEventToAppend,
  NewStreamEntry,
  EventStore,
  ExpectedVersion,
  ReadAllOptions,
  ReadStreamOptions,
} from './event-store.port.js';
import { APPENDED_CHANNEL, migrate, WRONG_EXPECTED_VERSION_SQLSTATE } from './migrations.js';
import { type Upcaster, UpcasterRegistry } from './upcaster-registry.js';
import { WrongExpectedVersionError } from './wrong-expected-version.error.js';

interface EventRow {
  position: number | string;
  id: string;
  stream: string;
  version: number;
  type: string;
  schema_version: number;
  data: JsonObject;
  metadata: JsonObject;
  recorded_at: Date | string;
}

const EVENT_COLUMNS =
  'position, id, stream, version, type, schema_version, data, metadata, recorded_at';

/** One SQL implementation of the EventStore port; the adapters differ only in their Database. */
export class SqlEventStore implements EventStore {
  private readonly upcasters: UpcasterRegistry;
  private readonly listeners = new Set<AppendedListener>();
  private unlisten: (() => Promise<void>) | undefined;

  private constructor(
    private readonly database: Database,
    upcasters: readonly Upcaster[],
  ) {
    this.upcasters = new UpcasterRegistry(upcasters);
  }

  /** Migrates the schema, then starts listening for appends from every process. */
  static async open(
    database: Database,
    options: { readonly upcasters?: readonly Upcaster[] } = {},
  ): Promise<SqlEventStore> {
    const store = new SqlEventStore(database, options.upcasters ?? []);
    try {
      await migrate(database);
      store.unlisten = await database.listen(APPENDED_CHANNEL, (payload) =>
        store.announce(payload),
      );
    } catch (error) {
      await database.close();
      throw error;
    }
    return store;
  }

  async append(
    stream: string,
    events: NewEventToAppend | readonly NewEventToAppend[],
    options: { readonly expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    const batch: readonly NewEventToAppend[] = Array.isArray(events)
      ? events
      : [events as NewEventToAppend];
    assertAppendable(stream, batch, options.expectedVersion);
    const payload = batch.map(toStoredEvent);
    try {
      const [row] = await this.database.query<{
        next_version: number;
        first_position: number | string;
        last_position: number | string;
      }>('SELECT * FROM vigil_append($1, $2, $3::jsonb)', [
        stream,
        String(options.expectedVersion),
        JSON.stringify(payload),
      ]);
      if (!row) throw new Error('vigil_append returned no row');
      return {
        nextExpectedVersion: Number(row.next_version),
        firstPosition: Number(row.first_position),
        lastPosition: Number(row.last_position),
      };
    } catch (error) {
      const { code, detail } = databaseErrorFields(error);
      if (code === WRONG_EXPECTED_VERSION_SQLSTATE) {
        throw new WrongExpectedVersionError(stream, options.expectedVersion, Number(detail));
      }
      throw error;
    }
  }

  async appendMany(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    if (requests.length === 0) return [];
    for (const request of requests) {
      assertAppendable(request.stream, request.events, request.expectedVersion);
    }
    const rows = await this.database.query<{
      request: number;
      next_version: number | null;
      first_position: number | string | null;
      last_position: number | string | null;
      actual_version: number | null;
    }>('SELECT * FROM vigil_append_many($1::jsonb)', [
      JSON.stringify(
        requests.map((request) => ({
          stream: request.stream,
          expected: String(request.expectedVersion),
          events: request.events.map(toStoredEvent),
        })),
      ),
    ]);
    const rowOf = new Map(rows.map((row) => [Number(row.request), row]));
    return requests.map((request, index): AppendOutcome => {
      const row = rowOf.get(index + 1);
      if (!row) throw new Error(`vigil_append_many returned no row for request ${index + 1}`);
      if (row.next_version === null) {
        return {
          appended: false,
          error: new WrongExpectedVersionError(
            request.stream,
            request.expectedVersion,
            Number(row.actual_version),
          ),
        };
      }
      return {
        appended: true,
        nextExpectedVersion: Number(row.next_version),
        firstPosition: Number(row.first_position),
        lastPosition: Number(row.last_position),
      };
    });
  }

  async appendToNewStreams(entries: readonly NewStreamEntry[]): Promise<CreatedStream[]> {
    if (entries.length === 0) return [];
    for (const entry of entries) assertAppendable(entry.stream, [entry.event], 'no_stream');
    const rows = await this.database.query<{
      created_stream: string;
      created_position: number | string;
    }>('SELECT * FROM vigil_append_new_streams($1::jsonb)', [
      JSON.stringify(
        entries.map((entry) => ({ stream: entry.stream, event: toStoredEvent(entry.event) })),
      ),
    ]);
    return rows.map((row) => ({
      stream: row.created_stream,
      position: Number(row.created_position),
    }));
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<KnownRecordedEvent[]> {
    const rows = await this.database.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM vigil_events
        WHERE stream = $1 AND version >= $2 ORDER BY version LIMIT $3`,
      [stream, options.fromVersion ?? 1, options.limit ?? null],
    );
    return rows.map((row) => this.toRecordedEvent(row));
  }

  async readStreams(streams: readonly string[]): Promise<Map<string, KnownRecordedEvent[]>> {
    const byStream = new Map<string, KnownRecordedEvent[]>(streams.map((stream) => [stream, []]));
    if (streams.length === 0) return byStream;
    // One index lookup per stream, whatever the planner believes of the streams' sizes: as
    // `stream = ANY(...)`, stale statistics turned it into scans of much of the log.
    const rows = await this.database.query<EventRow>(
      `SELECT e.* FROM unnest($1::text[]) AS wanted(stream)
         CROSS JOIN LATERAL (
           SELECT ${EVENT_COLUMNS} FROM vigil_events
            WHERE vigil_events.stream = wanted.stream ORDER BY version
         ) AS e`,
      [[...byStream.keys()]],
    );
    for (const row of rows) byStream.get(row.stream)?.push(this.toRecordedEvent(row));
    return byStream;
  }

  async readAll(options: ReadAllOptions): Promise<KnownRecordedEvent[]> {
    const rows = await (options.within ?? this.database).query<EventRow>(...readAllQuery(options));
    return rows.map((row) => this.toRecordedEvent(row));
  }

  async headPosition(): Promise<number> {
    const [row] = await this.database.query<{ head: number | string }>(
      'SELECT coalesce(max(position), 0) AS head FROM vigil_events',
    );
    return Number(row?.head ?? 0);
  }

  async loadCheckpoint(consumer: string): Promise<number> {
    const [row] = await this.database.query<{ position: number | string }>(
      'SELECT position FROM vigil_checkpoints WHERE name = $1',
      [consumer],
    );
    return row ? Number(row.position) : 0;
  }

  async saveCheckpoint(consumer: string, position: number): Promise<void> {
    await this.database.query(
      `INSERT INTO vigil_checkpoints (name, position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()`,
      [consumer, position],
    );
  }

  async listCheckpoints(): Promise<CheckpointRecord[]> {
    const rows = await this.database.query<{
      name: string;
      position: number | string;
      updated_at: Date | string;
    }>('SELECT name, position, updated_at FROM vigil_checkpoints ORDER BY name');
    return rows.map((row) => ({
      name: row.name,
      position: Number(row.position),
      updatedAt: new Date(row.updated_at).toISOString(),
    }));
  }

  onAppended(listener: AppendedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async ping(): Promise<void> {
    await this.database.query('SELECT 1');
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.unlisten?.();
    await this.database.close();
  }

  /** `<head>` or `<head> <type>,<type>...` (see APPENDED_CHANNEL). */
  private announce(payload: string): void {
    const [head = '', types] = payload.split(' ', 2);
    const eventTypes = types === undefined ? null : new Set(types.split(','));
    for (const listener of this.listeners) listener(Number(head), eventTypes);
  }

  /**
   * The one place the log's rows become the typed event union: appends take only known types
   * (NewEventToAppend), and upcasters lift every older schema to the current one, so the row's
   * type names its data's shape.
   */
  private toRecordedEvent(row: EventRow): KnownRecordedEvent {
    // Widened to object data first: a JsonObject is not comparable with the events' interfaces.
    const event: RecordedEvent<string, object> = this.upcasters.apply({
      id: row.id,
      stream: row.stream,
      version: Number(row.version),
      position: Number(row.position),
      type: row.type,
      schemaVersion: Number(row.schema_version),
      data: row.data,
      metadata: row.metadata,
      recordedAt: new Date(row.recorded_at).toISOString(),
    });
    return event as KnownRecordedEvent;
  }
}

/**
 * One page of the log, each filter on its index: a stream on (stream, version), whose order
 * is the stream's position order; types alone on (type, position); neither on the primary key.
 */
function readAllQuery(options: ReadAllOptions): [string, unknown[]] {
  const { after, limit, types, stream } = options;
  if (stream !== undefined) {
    return [
      `SELECT ${EVENT_COLUMNS} FROM vigil_events
        WHERE stream = $1 AND position > $2 AND ($4::text[] IS NULL OR type = ANY($4::text[]))
        ORDER BY version LIMIT $3`,
      [stream, after, limit, types ?? null],
    ];
  }
  if (types) {
    return [
      `SELECT ${EVENT_COLUMNS} FROM vigil_events
        WHERE position > $1 AND type = ANY($3::text[]) ORDER BY position LIMIT $2`,
      [after, limit, types],
    ];
  }
  return [
    `SELECT ${EVENT_COLUMNS} FROM vigil_events WHERE position > $1 ORDER BY position LIMIT $2`,
    [after, limit],
  ];
}

/** The JSON an event is stored from: ids and defaults filled in. */
function toStoredEvent(event: NewEventToAppend) {
  return {
    id: event.id ?? randomUUID(),
    type: event.type,
    schemaVersion: event.schemaVersion ?? 1,
    data: event.data,
    metadata: event.metadata ?? {},
  };
}

function assertAppendable(
  stream: string,
  events: readonly NewEventToAppend[],
  expectedVersion: ExpectedVersion,
): void {
  if (stream.length === 0) throw new RangeError('stream must not be empty');
  if (events.length === 0) throw new RangeError('append needs at least one event');
  if (
    typeof expectedVersion === 'number' &&
    !(Number.isInteger(expectedVersion) && expectedVersion >= 0)
  ) {
    throw new RangeError(`expectedVersion must be a non-negative integer, got ${expectedVersion}`);
  }
  for (const event of events) {
    if (event.type.length === 0) throw new RangeError('event type must not be empty');
    const schemaVersion = event.schemaVersion ?? 1;
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
      throw new RangeError(`schemaVersion must be a positive integer, got ${schemaVersion}`);
    }
  }
}
