import type { RecordedEvent } from '@app/contracts';

/**
 * A named reader of the whole log: a projection (builds a view) or a reactor (turns events
 * into jobs). Delivery is at least once, in position order, so `handle` must be idempotent.
 */
export interface EventConsumer {
  /** Persisted as the checkpoint's key: never renamed. */
  readonly name: string;
  handle(event: RecordedEvent): Promise<void>;
}
