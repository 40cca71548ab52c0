import type { KnownRecordedEvent } from '@app/contracts';
import type {
  AppendedListener,
  AppendOutcome,
  AppendRequest,
  AppendResult,
  CheckpointRecord,
  CreatedStream,
  EventStore,
  ExpectedVersion,
  NewEventToAppend,
  NewStreamEntry,
  ReadAllOptions,
  ReadStreamOptions,
} from './event-store.port.js';
import { MicroBatcher } from './micro-batcher.js';
import { WrongExpectedVersionError } from './wrong-expected-version.error.js';

/** Enough to gather a busy worker's callers, small enough to keep each statement short. */
const MAX_BATCH_SIZE = 500;

/**
 * The same EventStore, for many concurrent callers that each read or append one stream at a
 * time (webhook deliveries): whole-stream reads and appends made while one is in flight are
 * sent together with readStreams and appendMany. Each caller sees exactly what a lone call
 * would return or throw, a WrongExpectedVersionError included.
 */
export class BatchingEventStore implements EventStore {
  private readonly reads: MicroBatcher<string, KnownRecordedEvent[]>;
  private readonly appends: MicroBatcher<AppendRequest, AppendOutcome>;

  constructor(private readonly store: EventStore) {
    this.reads = new MicroBatcher(async (streams) => {
      const byStream = await store.readStreams(streams);
      // Each caller gets its own array: a caller that sorts or pushes affects no other.
      return streams.map((stream) => fulfilled([...(byStream.get(stream) ?? [])]));
    }, MAX_BATCH_SIZE);
    this.appends = new MicroBatcher((requests) => this.appendEach(requests), MAX_BATCH_SIZE);
  }

  async append(
    stream: string,
    events: NewEventToAppend | readonly NewEventToAppend[],
    options: { readonly expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    const outcome = await this.appends.submit({
      stream,
      events: Array.isArray(events) ? events : [events as NewEventToAppend],
      expectedVersion: options.expectedVersion,
    });
    if (!outcome.appended) throw outcome.error;
    return {
      nextExpectedVersion: outcome.nextExpectedVersion,
      firstPosition: outcome.firstPosition,
      lastPosition: outcome.lastPosition,
    };
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<KnownRecordedEvent[]> {
    if (options?.fromVersion !== undefined || options?.limit !== undefined) {
      return this.store.readStream(stream, options);
    }
    return this.reads.submit(stream);
  }

  appendMany(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    return this.store.appendMany(requests);
  }

  readStreams(streams: readonly string[]): Promise<Map<string, KnownRecordedEvent[]>> {
    return this.store.readStreams(streams);
  }

  appendToNewStreams(entries: readonly NewStreamEntry[]): Promise<CreatedStream[]> {
    return this.store.appendToNewStreams(entries);
  }

  readAll(options: ReadAllOptions): Promise<KnownRecordedEvent[]> {
    return this.store.readAll(options);
  }

  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  loadCheckpoint(consumer: string): Promise<number> {
    return this.store.loadCheckpoint(consumer);
  }

  saveCheckpoint(consumer: string, position: number): Promise<void> {
    return this.store.saveCheckpoint(consumer, position);
  }

  listCheckpoints(): Promise<CheckpointRecord[]> {
    return this.store.listCheckpoints();
  }

  onAppended(listener: AppendedListener): () => void {
    return this.store.onAppended(listener);
  }

  ping(): Promise<void> {
    return this.store.ping();
  }

  /** The wrapped store belongs to whoever opened it: closing this view leaves it open. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * One appendMany for the batch; should it fail as a whole (one request the database
   * refuses, say), each request is retried alone, so only that one fails.
   */
  private async appendEach(
    requests: readonly AppendRequest[],
  ): Promise<PromiseSettledResult<AppendOutcome>[]> {
    try {
      return (await this.store.appendMany(requests)).map(fulfilled);
    } catch (batchError) {
      if (requests.length === 1) throw batchError;
      return Promise.allSettled(
        requests.map(async (request): Promise<AppendOutcome> => {
          try {
            const result = await this.store.append(request.stream, request.events, {
              expectedVersion: request.expectedVersion,
            });
            return { appended: true, ...result };
          } catch (error) {
            if (error instanceof WrongExpectedVersionError) return { appended: false, error };
            throw error;
          }
        }),
      );
    }
  }
}

function fulfilled<T>(value: T): PromiseFulfilledResult<T> {
  return { status: 'fulfilled', value };
}
