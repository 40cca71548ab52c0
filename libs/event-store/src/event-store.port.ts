import type { EventType, KnownNewEvent, KnownRecordedEvent } from '@app/contracts';
import type { SqlQueryable } from './database.port.js';
import type { WrongExpectedVersionError } from './wrong-expected-version.error.js';

/**
 * An event to append: a known type with its data (so the log holds nothing a reader cannot
 * type), and optionally its id (a retried append is then detectable) and schema version.
 */
export type NewEventToAppend = KnownNewEvent & {
  readonly id?: string;
  readonly schemaVersion?: number;
};

/**
 * What an append expects of its stream: `any` (no check), `no_stream` (the stream must not
 * exist yet: the once-only guarantee of deterministic stream ids), or the exact current version.
 */
export type ExpectedVersion = 'any' | 'no_stream' | number;

export interface AppendResult {
  /** The stream's version after the append: pass it as the next append's expectation. */
  readonly nextExpectedVersion: number;
  readonly firstPosition: number;
  readonly lastPosition: number;
}

export type AppendedListener = (
  headPosition: number,
  eventTypes: ReadonlySet<string> | null,
) => void;

/** One stream's part of an appendMany. */
export interface AppendRequest {
  readonly stream: string;
  readonly events: readonly NewEventToAppend[];
  readonly expectedVersion: ExpectedVersion;
}

/** Each request's fate in an appendMany: appended, or refused for its expected version. */
export type AppendOutcome =
  | ({ readonly appended: true } & AppendResult)
  | { readonly appended: false; readonly error: WrongExpectedVersionError };

export interface NewStreamEntry {
  readonly stream: string;
  readonly event: NewEventToAppend;
}

export interface CreatedStream {
  readonly stream: string;
  readonly position: number;
}

export interface ReadStreamOptions {
  /** First version to return (default 1). */
  readonly fromVersion?: number;
  readonly limit?: number;
}

export interface ReadAllOptions {
  /** Return events with a position strictly greater than this (0 = from the start). */
  readonly after: number;
  readonly limit: number;
  /** Only events of these types (all types when absent). */
  readonly types?: readonly EventType[];
  /** Only events of this stream (every stream when absent). */
  readonly stream?: string;
  /**
   * Read on this open transaction of the store's database instead of a connection of the
   * store's own: a writer beside the log that must read it inside its transaction (a view
   * swapped in while the log moves on; the embedded store has one connection, so a read
   * outside the transaction would wait for it forever).
   */
  readonly within?: SqlQueryable;
}

export interface CheckpointRecord {
  readonly name: string;
  readonly position: number;
  readonly updatedAt: string;
}

/** The event log of SPEC.md §2, served alike by PostgreSQL and the embedded store. */
export interface EventStore {
  /**
   * Appends one or many events to a stream in one round trip, atomically. Throws
   * WrongExpectedVersionError when the stream is not at the expected version.
   */
  append(
    stream: string,
    events: NewEventToAppend | readonly NewEventToAppend[],
    options: { readonly expectedVersion: ExpectedVersion },
  ): Promise<AppendResult>;
  /**
   * Appends to many streams in one round trip and one transaction, each request checked
   * against its own expected version in order (a stream named twice sees the first append):
   * a request whose stream is elsewhere is refused alone, the others are appended.
   */
  appendMany(requests: readonly AppendRequest[]): Promise<AppendOutcome[]>;
  /**
   * Starts many streams in one round trip, each with one event at version 1, skipping every
   * stream that already exists (and all but the first entry of a stream named twice): the
   * once-only guarantee of deterministic stream ids, in bulk. Returns what was created.
   */
  appendToNewStreams(entries: readonly NewStreamEntry[]): Promise<CreatedStream[]>;
  /** Reads return the typed event union: every event was appended as a known type, and upcasters lift old schemas to the current ones. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<KnownRecordedEvent[]>;
  /** Several whole streams in one round trip; a stream with no events maps to []. */
  readStreams(streams: readonly string[]): Promise<Map<string, KnownRecordedEvent[]>>;
  /** One page of the whole log in position order. */
  readAll(options: ReadAllOptions): Promise<KnownRecordedEvent[]>;
  /** Position of the last committed event (0 when the log is empty). */
  headPosition(): Promise<number>;
  /** A consumer's checkpoint: the position of the last event it handled (0 when none). */
  loadCheckpoint(consumer: string): Promise<number>;
  saveCheckpoint(consumer: string, position: number): Promise<void>;
  listCheckpoints(): Promise<CheckpointRecord[]>;
  /**
   * Calls the listener with the new head position whenever any process commits an append,
   * and the types of the events appended (null when the announcement did not say), so that a
   * reader of some types can sleep through the others. A hint for prompt wake-ups, not a
   * delivery guarantee: readers still read from the log.
   */
  onAppended(listener: AppendedListener): () => void;
  /** A round trip to the database, for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
