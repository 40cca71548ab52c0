import type { Progress } from './progress.js';

/**
 * One side of the comparison: the event store, or plain SQL in the same database. Each method
 * resolves to the number of events it wrote or read.
 */
export interface Workload {
  /** One round trip per event, each to a new stream, as item discovery appends. */
  appendOneByOne(count: number, progress: Progress): Promise<number>;
  appendInBatches(count: number, batchSize: number, progress: Progress): Promise<number>;
  /** The whole log, page after page, as a consumer catching up reads it. */
  readAll(pageSize: number, progress: Progress): Promise<number>;
}
