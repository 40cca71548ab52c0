import { createHash } from 'node:crypto';
import {
  type EventOf,
  isEventOf,
  WATCHLIST_STREAM,
  type WatchlistChanged,
  type WatchlistDefinitionData,
} from '@app/contracts';
import { watchlistDecider } from '@app/domain';
import { type EventStore, handleCommand } from '@app/event-store';
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
export class WatchlistRepository {
  private cached: CurrentWatchlist | undefined;
  /** The version of the last event this process read from the stream. */
  private readVersion = 0;

  constructor(private readonly store: EventStore) {}

  async current(): Promise<CurrentWatchlist | undefined> {
    const last = (await this.readAfter(this.readVersion)).at(-1);
    if (last === undefined) return this.cached;
    this.readVersion = last.version;
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

  /**
   * Records a definition, which must validate; returns the version in force after it (the
   * watchlist decider records a file's definition only when the file changed).
   */
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
    const { state, result } = await this.change(definition, source);
    return result?.nextExpectedVersion ?? state.version;
  }

  /**
   * Records a watchlist read from the file unless it is the one last recorded from the file:
   * decided on the stream itself, so workers starting together record it once. Returns the new
   * version, or undefined when the file had not changed.
   */
  async recordFromFileIfChanged(definition: WatchlistDefinitionData): Promise<number | undefined> {
    const { result } = await this.change(definition, 'file');
    return result?.nextExpectedVersion;
  }

  private change(definition: WatchlistDefinitionData, source: WatchlistChanged['source']) {
    return handleCommand(this.store, WATCHLIST_STREAM, watchlistDecider, {
      type: 'change',
      source,
      hash: watchlistHash(definition),
      definition,
    });
  }

  /** The stream's changes after `version`: `watchlist.changed` is all that it holds. */
  private async readAfter(version: number): Promise<EventOf<'watchlist.changed'>[]> {
    const events = await this.store.readStream(WATCHLIST_STREAM, { fromVersion: version + 1 });
    return events.filter((event) => isEventOf(event, ['watchlist.changed']));
  }
}
