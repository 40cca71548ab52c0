import type { BenchItem } from './news-items.js';

/** Messages between the bench and its feed server, which runs in a child process. */
export type FeedServerRequest =
  | {
      readonly type: 'ping-to';
      /** The api that is told of each new item (`POST /admin/feeds/<id>/poll`). */
      readonly apiUrl: string;
      readonly adminToken: string;
    }
  /** Empties every feed: a layout must not discover the items of the one before. */
  | { readonly type: 'clear'; readonly id: number }
  | {
      readonly type: 'publish';
      readonly id: number;
      readonly items: readonly { readonly feed: number; readonly item: BenchItem }[];
    };

export type FeedServerReply =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'cleared'; readonly id: number }
  | {
      readonly type: 'published';
      readonly id: number;
      /** When each item appeared on its feed (ms since the epoch), by item URL. */
      readonly appearedAt: readonly (readonly [string, number])[];
      readonly pingFailures: number;
    };
