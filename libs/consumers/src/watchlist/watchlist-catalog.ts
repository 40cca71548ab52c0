import { createHash } from 'node:crypto';
import {
  type KnownRecordedEvent,
  WATCHLIST_STREAM,
  type WatchlistChanged,
  type WatchlistDefinitionData,
} from '@app/contracts';
import { type EventStore, handleCommand, type StreamDecider } from '@app/event-store';
import { type Matcher, validateWatchlist } from '@app/matching';

export interface CurrentWatchlist {
  /** The version of the `watchlist` stream that recorded it. */
  readonly version: number;
  readonly source: WatchlistChanged['source'];
  readonly hash: string;
  readonly definition: WatchlistDefinitionData;
  readonly matcher: Matcher;
}

/** sha256 of the definition's JSON, keys in the schema's order: equal texts, equal hashes. */
export function watchlistHash(definition: WatchlistDefinitionData): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex');
}

/**
 * The watchlist in force is the last `watchlist.changed` of the `watchlist` stream. Each read
 * asks the log only for events after the version it holds, so every process picks up a new
 * watchlist at its next match, without a restart, and compiles each version once.
 */
export class WatchlistCatalog {
  private cached: CurrentWatchlist | undefined;
  private history: readonly KnownRecordedEvent[] = [];

  constructor(private readonly store: EventStore) {}

  async current(): Promise<CurrentWatchlist | undefined> {
    const newer = (await this.store.readStream(WATCHLIST_STREAM, {
      fromVersion: this.history.length + 1,
    })) as unknown as KnownRecordedEvent[];
    if (newer.length === 0) return this.cached;
    this.history = [...this.history, ...newer];
    const last = newer[newer.length - 1];
    if (last?.type !== 'watchlist.changed') return this.cached;
    const validation = validateWatchlist(last.data.definition);
    // A definition is validated before it is recorded; one that no longer compiles (a change
    // of the query language) keeps the previous matcher rather than matching nothing.
    if (!validation.ok) return this.cached;
    this.cached = {
      version: last.version,
      source: last.data.source,
      hash: last.data.hash,
      definition: last.data.definition,
      matcher: validation.matcher,
    };
    return this.cached;
  }

  /** Records a definition, which must validate; returns the new version. */
  async record(
    definition: WatchlistDefinitionData,
    source: WatchlistChanged['source'],
  ): Promise<number> {
    const validation = validateWatchlist(definition);
    if (!validation.ok) {
      throw new RangeError(
        `invalid watchlist: ${validation.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      );
    }
    await this.current();
    const result = await this.store.append(
      WATCHLIST_STREAM,
      { type: 'watchlist.changed', data: { source, hash: watchlistHash(definition), definition } },
      { expectedVersion: this.history.length === 0 ? 'no_stream' : this.history.length },
    );
    return result.nextExpectedVersion;
  }

  /**
   * Records a watchlist read from the file unless it is the one last recorded from the file:
   * decided on the stream itself, so workers starting together record it once. Returns the new
   * version, or undefined when the file had not changed.
   */
  async recordFromFileIfChanged(definition: WatchlistDefinitionData): Promise<number | undefined> {
    const { result } = await handleCommand(this.store, WATCHLIST_STREAM, fileSeeding, {
      definition,
      hash: watchlistHash(definition),
    });
    return result?.nextExpectedVersion;
  }
}

/** Records the file's watchlist only when its hash differs from the last one from the file. */
const fileSeeding: StreamDecider<
  { readonly definition: WatchlistDefinitionData; readonly hash: string },
  { readonly lastFileHash: string | undefined }
> = {
  initialState: () => ({ lastFileHash: undefined }),
  evolve: (state, event) =>
    event.type === 'watchlist.changed' && event.data.source === 'file'
      ? { lastFileHash: event.data.hash }
      : state,
  decide: ({ definition, hash }, state) =>
    state.lastFileHash === hash
      ? []
      : [{ type: 'watchlist.changed', data: { source: 'file', hash, definition } }],
};
