import {
  assertNever,
  type KnownNewEvent,
  type WatchlistChanged,
  type WatchlistDefinitionData,
} from '@app/contracts';
import { type Decider, evolveOn, ignoreForeignEvent } from '../decider.js';

export type WatchlistCommand = {
  readonly type: 'change';
  readonly source: WatchlistChanged['source'];
  /** The definition's hash, computed by the caller (`watchlistHash`). */
  readonly hash: string;
  /** Validated by the caller: the domain does not compile queries. */
  readonly definition: WatchlistDefinitionData;
};

export interface WatchlistState {
  /** The stream's version, which is the version of the watchlist in force: 0 before any. */
  readonly version: number;
  /** The hash of the last definition recorded from the file, null before the first. */
  readonly lastFileHash: string | null;
}

/**
 * The `watchlist` stream: an admin's change is always recorded, while the file, read at every
 * start, is recorded only when it differs from the last definition recorded from the file. An
 * admin's edit therefore stays in force across restarts until the file itself changes, and
 * workers starting together record the file once.
 */
export const watchlistDecider: Decider<WatchlistCommand, WatchlistState> = {
  initialState: () => ({ version: 0, lastFileHash: null }),

  evolve: evolveOn('watchlist', (state, event): WatchlistState => {
    switch (event.type) {
      case 'watchlist.changed':
        return {
          version: event.version,
          lastFileHash: event.data.source === 'file' ? event.data.hash : state.lastFileHash,
        };
      default:
        return ignoreForeignEvent(event.type, state);
    }
  }),

  decide(command, state): KnownNewEvent[] {
    switch (command.type) {
      case 'change': {
        const { source, hash, definition } = command;
        if (source === 'file' && hash === state.lastFileHash) return [];
        return [{ type: 'watchlist.changed', data: { source, hash, definition } }];
      }
      default:
        return assertNever(command.type);
    }
  },
};
