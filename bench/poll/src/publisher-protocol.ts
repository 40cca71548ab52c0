/** Messages between the bench and its feed publisher, which runs in a child process. */

export type PublisherRequest =
  | {
      readonly id: number;
      readonly type: 'serve';
      /** Items in every feed from now on (0: an empty channel). */
      readonly itemsPerFeed: number;
      /** Part of every ETag, so a new version never answers 304 to an old ETag. */
      readonly version: string;
    }
  | { readonly id: number; readonly type: 'take-stats' };

export type PublisherReply =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly id: number; readonly type: 'serving'; readonly bodyBytes: number }
  | { readonly id: number; readonly type: 'stats'; readonly stats: PublisherStats };

/** What the publisher did since the previous `take-stats`. */
export interface PublisherStats {
  readonly ok: number;
  readonly notModified: number;
  readonly other: number;
  readonly bytesSent: number;
  /** User + system CPU of the publisher process. */
  readonly cpuSeconds: number;
}
