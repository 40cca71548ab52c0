import {
  assertNever,
  type FeedSettings,
  type FeedSource,
  type KnownNewEvent,
  type PollFailureReason,
} from '@app/contracts';
import { type Decider, evolveOn, ignoreForeignEvent } from '../decider.js';
import { FeedAlreadyRegisteredError, FeedNotFoundError } from './feed-errors.js';

export type FeedCommand =
  | {
      readonly type: 'register';
      readonly feedId: string;
      readonly settings: FeedSettings;
      readonly source: FeedSource;
    }
  | { readonly type: 'update'; readonly feedId: string; readonly changes: Partial<FeedSettings> }
  /** A line of config/feeds.yaml: register, or bring a config feed up to date. */
  | { readonly type: 'configure'; readonly feedId: string; readonly settings: FeedSettings }
  | { readonly type: 'remove'; readonly feedId: string; readonly source: FeedSource }
  /** POST /admin/feeds/:id/poll: a reactor turns the event into a poll job. */
  | { readonly type: 'request-poll'; readonly feedId: string }
  | {
      readonly type: 'record-poll';
      readonly feedId: string;
      readonly outcome: PollOutcome;
    };

/** An item of the feed that the store refused: it was skipped, and the rest discovered. */
export interface BadItem {
  readonly identity: string;
  /** The `item-<hash>` stream it would have opened. */
  readonly stream: string;
  readonly message: string;
}

export type PollOutcome =
  | {
      readonly ok: true;
      readonly status: number;
      readonly newItems: number;
      readonly badItems: readonly BadItem[];
    }
  | {
      readonly ok: false;
      readonly reason: PollFailureReason;
      readonly message: string;
      readonly status: number | null;
    };

export interface FeedState {
  readonly registered: boolean;
  readonly settings: FeedSettings | null;
  readonly source: FeedSource | null;
  /** The reason of the failure in progress, null while the feed is healthy. */
  readonly failing: PollFailureReason | null;
  /** Streams of the bad items recorded, so that each is recorded once. */
  readonly badItems: ReadonlySet<string>;
}

const SETTING_KEYS: readonly (keyof FeedSettings)[] = [
  'url',
  'title',
  'intervalSeconds',
  'enabled',
  'allowPrivateNetwork',
];

/** The changes that actually differ from the current settings. */
function effectiveChanges(
  current: FeedSettings,
  changes: Partial<FeedSettings>,
): Partial<FeedSettings> {
  const differing: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    if (changes[key] !== undefined && changes[key] !== current[key]) differing[key] = changes[key];
  }
  return differing;
}

export const feedDecider: Decider<FeedCommand, FeedState> = {
  initialState: () => ({
    registered: false,
    settings: null,
    source: null,
    failing: null,
    badItems: new Set(),
  }),

  evolve: evolveOn('feed', (state, event): FeedState => {
    switch (event.type) {
      case 'feed.registered': {
        const { url, title, intervalSeconds, enabled, allowPrivateNetwork, source } = event.data;
        return {
          ...state,
          registered: true,
          settings: { url, title, intervalSeconds, enabled, allowPrivateNetwork },
          source,
          failing: null,
        };
      }
      case 'feed.updated':
        return state.settings
          ? { ...state, settings: { ...state.settings, ...event.data.changes } }
          : state;
      case 'feed.removed':
        return { ...state, registered: false };
      case 'feed.poll_failed':
        // A bad item is not a failure of the feed: the poll that skipped it succeeded.
        return event.data.reason === 'bad_item'
          ? { ...state, badItems: new Set(state.badItems).add(event.data.item.stream) }
          : { ...state, failing: event.data.reason };
      case 'feed.polled':
        return { ...state, failing: null };
      case 'feed.poll_requested':
        return state;
      default:
        return ignoreForeignEvent(event, state);
    }
  }),

  decide(command, state): KnownNewEvent[] {
    switch (command.type) {
      case 'register': {
        if (state.registered && state.settings) {
          const differing = effectiveChanges(state.settings, command.settings);
          if (Object.keys(differing).length === 0) return [];
          throw new FeedAlreadyRegisteredError(command.feedId);
        }
        return [
          {
            type: 'feed.registered',
            data: { feedId: command.feedId, source: command.source, ...command.settings },
          },
        ];
      }
      case 'configure': {
        if (!state.registered || !state.settings) {
          return [
            {
              type: 'feed.registered',
              data: { feedId: command.feedId, source: 'config', ...command.settings },
            },
          ];
        }
        // A feed an operator registered through the admin API is theirs: config leaves it be.
        if (state.source !== 'config') return [];
        const changes = effectiveChanges(state.settings, command.settings);
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'feed.updated', data: { feedId: command.feedId, changes } }];
      }
      case 'update': {
        if (!state.registered || !state.settings) throw new FeedNotFoundError(command.feedId);
        const changes = effectiveChanges(state.settings, command.changes);
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'feed.updated', data: { feedId: command.feedId, changes } }];
      }
      case 'remove':
        if (!state.registered) throw new FeedNotFoundError(command.feedId);
        return [{ type: 'feed.removed', data: { feedId: command.feedId, source: command.source } }];
      case 'request-poll':
        if (!state.registered) throw new FeedNotFoundError(command.feedId);
        return [{ type: 'feed.poll_requested', data: { feedId: command.feedId } }];
      case 'record-poll': {
        if (!state.registered) return [];
        const { outcome } = command;
        if (outcome.ok) return recordSuccess(command.feedId, outcome, state);
        if (state.failing === outcome.reason) return [];
        return [
          {
            type: 'feed.poll_failed',
            data: {
              feedId: command.feedId,
              reason: outcome.reason,
              message: outcome.message,
              status: outcome.status,
            },
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },
};

/** Recovery of a failing feed, and each bad item not recorded before. */
function recordSuccess(
  feedId: string,
  outcome: Extract<PollOutcome, { ok: true }>,
  state: FeedState,
): KnownNewEvent[] {
  const recovered: KnownNewEvent[] =
    state.failing === null
      ? []
      : [
          {
            type: 'feed.polled',
            data: {
              feedId,
              status: outcome.status,
              newItems: outcome.newItems,
              recoveredFrom: state.failing,
            },
          },
        ];
  const badItems = outcome.badItems
    .filter((item) => !state.badItems.has(item.stream))
    .map((item): KnownNewEvent => ({
      type: 'feed.poll_failed',
      data: {
        feedId,
        reason: 'bad_item',
        message: item.message,
        status: outcome.status,
        item: { identity: item.identity, stream: item.stream },
      },
    }));
  return [...recovered, ...badItems];
}
