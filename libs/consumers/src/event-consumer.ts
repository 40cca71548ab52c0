import type { EventType, KnownRecordedEvent } from '@app/contracts';

/**
 * A named reader of the whole log: a projection (builds a view) or a reactor (turns events
 * into jobs). Delivery is at least once, in position order, so `handle` must be idempotent.
 */
export interface EventConsumer {
  /** Persisted as the checkpoint's key: never renamed. */
  readonly name: string;
  /**
   * The only event types this consumer acts on: the others are skipped by the database instead
   * of being read and ignored. Every type when absent. A consumer narrows what it is handed to
   * these with `isEventOf`, so that its switch is exhaustive over exactly them.
   */
  readonly eventTypes?: readonly EventType[];
  handle(event: KnownRecordedEvent): Promise<void>;
  /**
   * Handles a page of events in fewer round trips, to the same effect as `handle` on each in
   * order. Called instead of `handle` when present; a throw retries the whole page.
   */
  handleBatch?(events: readonly KnownRecordedEvent[]): Promise<void>;
}
