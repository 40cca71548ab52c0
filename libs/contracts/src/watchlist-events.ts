/** The watchlist as recorded in the log: config/watchlist.yaml's shape, defaults filled in. */
export interface WatchlistDefinitionData {
  readonly aliases: Readonly<Record<string, readonly string[]>>;
  readonly topics: readonly {
    readonly id: string;
    readonly title: string;
    readonly rules: readonly {
      readonly id: string;
      readonly query: string;
      readonly weight: number;
    }[];
  }[];
}

export interface WatchlistChanged {
  /** Where the new watchlist came from: the file at start-up, or PUT /admin/watchlist. */
  readonly source: 'file' | 'admin';
  /** sha256 of the definition's canonical JSON: tells a changed file from an unchanged one. */
  readonly hash: string;
  readonly definition: WatchlistDefinitionData;
}

/** A span of the item's own text that a rule's term matched (offsets into that field). */
export interface MatchedTermData {
  readonly text: string;
  readonly field: 'title' | 'summary' | 'categories';
  readonly start: number;
  readonly end: number;
  /** For a category, which one. */
  readonly category?: number;
}

export interface RuleMatchData {
  readonly topic: string;
  readonly rule: string;
  readonly weight: number;
  readonly terms: readonly MatchedTermData[];
}

export interface ItemMatched {
  readonly feedId: string;
  /** The version of the `watchlist` stream the item was matched against. */
  readonly watchlistVersion: number;
  readonly matches: readonly RuleMatchData[];
  /** Rule weights summed per topic. */
  readonly scores: Readonly<Record<string, number>>;
}

/**
 * The item was matched against this watchlist version and no rule matched: recorded so that
 * "matched or not" is in the log, and an item whose match job Redis lost is known to be owed.
 */
export interface ItemUnmatched {
  readonly feedId: string;
  readonly watchlistVersion: number;
}

/** An operator asked to match items discovered since a time again (POST /admin/watchlist/backfill). */
export interface BackfillRequested {
  readonly backfillId: string;
  /** ISO time: items discovered at or after it are matched again. */
  readonly since: string;
}

/** The backfill's job went through the whole log. */
export interface BackfillCompleted {
  readonly backfillId: string;
  readonly items: number;
  readonly matched: number;
}

export const WATCHLIST_STREAM = 'watchlist';

/** One stream per backfill, so that requesting one never conflicts with anything. */
export const backfillStream = (backfillId: string): string => `backfill-${backfillId}`;
