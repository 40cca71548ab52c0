import type { EventType } from './event-types.js';
import type { KnownRecordedEvent, StreamEventOf } from './feed-events.js';

/** The recorded events of the given types. */
export type EventOf<TType extends EventType> = Extract<
  KnownRecordedEvent,
  { readonly type: TType }
>;

/**
 * Whether an event is of one of `types`, narrowing it to their events: a consumer checks its own
 * `eventTypes`, so that its switch is exhaustive over exactly those.
 */
export function isEventOf<const TType extends EventType>(
  event: KnownRecordedEvent,
  types: readonly TType[],
): event is EventOf<TType> {
  return types.some((type) => type === event.type);
}

/** Whether an event is one that `<prefix>-…` streams hold (its type is `<prefix>.…`). */
export function isStreamEventOf<const TPrefix extends string>(
  event: KnownRecordedEvent,
  prefix: TPrefix,
): event is StreamEventOf<TPrefix> {
  return event.type.startsWith(`${prefix}.`);
}
