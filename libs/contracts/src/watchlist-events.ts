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

export const WATCHLIST_STREAM = 'watchlist';
