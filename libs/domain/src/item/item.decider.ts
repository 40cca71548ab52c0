import {
  assertNever,
  type ItemDiscovered,
  type ItemMatched,
  type KnownNewEvent,
  type RuleMatchData,
} from '@app/contracts';
import { type Decider, evolveOn, ignoreForeignEvent } from '../decider.js';

/**
 * What the watchlist's matcher found in the item, computed by the caller: the shape of
 * `@app/matching`'s MatchResult, so that the domain does not depend on the matcher.
 */
export interface ItemMatchResult {
  /** In watchlist order; empty when no rule matched. */
  readonly matches: readonly RuleMatchData[];
  /** Rule weights summed per topic. */
  readonly scores: Readonly<Record<string, number>>;
}

export type ItemCommand = {
  readonly type: 'match';
  /** The version of the `watchlist` stream the result was computed with. */
  readonly watchlistVersion: number;
  readonly result: ItemMatchResult;
};

export interface ItemState {
  /** What the feed said of the item, and when the log recorded it; null before discovery. */
  readonly discovered: { readonly data: ItemDiscovered; readonly recordedAt: string } | null;
  /** The watchlist versions the item was matched against, whether a rule matched or not. */
  readonly evaluatedVersions: readonly number[];
  /**
   * The item's first match and the stream version that recorded it: only that one places the
   * item in a story; a later match (a new watchlist version, a backfill) does not.
   */
  readonly firstMatch: { readonly version: number; readonly data: ItemMatched } | null;
}

/**
 * Whether an item matched the watchlist, once per watchlist version: a retried or duplicated
 * match job, or a backfill over items already matched against the version in force, records
 * nothing, while a new version evaluates every item again.
 */
export const itemDecider: Decider<ItemCommand, ItemState> = {
  initialState: () => ({ discovered: null, evaluatedVersions: [], firstMatch: null }),

  evolve: evolveOn('item', (state, event): ItemState => {
    switch (event.type) {
      case 'item.discovered':
        return {
          ...state,
          discovered: state.discovered ?? { data: event.data, recordedAt: event.recordedAt },
        };
      case 'item.matched':
        return {
          ...state,
          evaluatedVersions: [...state.evaluatedVersions, event.data.watchlistVersion],
          firstMatch: state.firstMatch ?? { version: event.version, data: event.data },
        };
      case 'item.unmatched':
        return {
          ...state,
          evaluatedVersions: [...state.evaluatedVersions, event.data.watchlistVersion],
        };
      default:
        return ignoreForeignEvent(event, state);
    }
  }),

  decide(command, state): KnownNewEvent[] {
    switch (command.type) {
      case 'match': {
        if (state.discovered === null) return [];
        const { watchlistVersion, result } = command;
        if (state.evaluatedVersions.includes(watchlistVersion)) return [];
        const { feedId } = state.discovered.data;
        if (result.matches.length === 0) {
          return [{ type: 'item.unmatched', data: { feedId, watchlistVersion } }];
        }
        return [
          {
            type: 'item.matched',
            data: {
              feedId,
              watchlistVersion,
              // A structurally typed result may carry more than the schema: only a rule
              // match's own fields go to the log.
              matches: result.matches.map((match) => ({
                topic: match.topic,
                rule: match.rule,
                weight: match.weight,
                terms: match.terms.map((term) => ({ ...term })),
              })),
              scores: result.scores,
            },
          },
        ];
      }
      default:
        return assertNever(command.type);
    }
  },
};
