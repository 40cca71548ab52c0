/** A JSON-safe value: what event data and metadata may hold. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type JsonObject = { readonly [key: string]: JsonValue };

/**
 * Correlation data carried beside an event: who or what caused it. Free-form but JSON-safe;
 * never personal data or secrets in clear.
 */
export type EventMetadata = JsonObject;

/** An event as recorded in the log (SPEC.md §2). */
export interface RecordedEvent<TType extends string = string, TData = JsonObject> {
  readonly id: string;
  readonly stream: string;
  /** Position of the event within its stream, from 1. */
  readonly version: number;
  /** Global position in the log, strictly increasing in commit order. */
  readonly position: number;
  readonly type: TType;
  /** Version of the schema of `data`, after upcasting. */
  readonly schemaVersion: number;
  readonly data: TData;
  readonly metadata: EventMetadata;
  /** ISO 8601 time at which the log recorded the event. */
  readonly recordedAt: string;
}

/**
 * An event to append; the store assigns version, position and time. `data` must be JSON-safe
 * (it is stored as jsonb); it is typed `object` so that event interfaces can be passed as is.
 */
export interface NewEvent<TType extends string = string, TData extends object = object> {
  /** A UUID; generated when absent. Supplying one makes a retried append detectable. */
  readonly id?: string;
  readonly type: TType;
  /** Defaults to 1. */
  readonly schemaVersion?: number;
  readonly data: TData;
  readonly metadata?: EventMetadata;
}
