import type { PollFailureReason } from '@app/contracts';
import type { CharsetSource } from '@app/feeds';

/** Messages between the suite and a check thread (feed-check.worker.ts), one file at a time. */

export interface CheckRequest {
  readonly url: string;
  /** The file declares or is named after a non-UTF-8 charset: look for every sign of mojibake. */
  readonly declaresCharset: boolean;
}

export type CheckReply =
  { readonly type: 'ready' } | { readonly type: 'checked'; readonly outcome: CheckOutcome };

/** One item whose title or summary reads as text decoded with the wrong charset. */
export interface MojibakeFinding {
  readonly field: 'title' | 'summary';
  readonly pattern: string;
  readonly snippet: string;
}

export interface DecodedCharset {
  readonly charset: string;
  readonly charsetSource: CharsetSource;
  /** Items left out for repeating an earlier item's identity (SPEC §3: one item). */
  readonly repeatedIdentities: number;
}

/** What polling one file came to, as the worker's PollFeedHandler would have it. */
export type CheckOutcome =
  | ({
      readonly kind: 'items';
      readonly items: number;
      readonly mojibake: readonly MojibakeFinding[];
    } & DecodedCharset)
  | ({ readonly kind: 'empty' } & DecodedCharset)
  | {
      readonly kind: 'failed';
      /** The reason `feed.poll_failed` would record. */
      readonly reason: PollFailureReason;
      readonly message: string;
      readonly status: number | null;
    }
  /** The poll threw: the handler would fail the job instead of recording a reason. */
  | { readonly kind: 'crash'; readonly message: string };
