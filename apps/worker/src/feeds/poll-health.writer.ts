import { Inject, Injectable } from '@nestjs/common';
import type { PollFailureReason } from '@app/contracts';
import { FeedsReader } from '@app/consumers';
import { DATABASE, type Database } from '@app/event-store';

/** What the poller learnt from one poll, written to the health view. */
export interface PollRecord {
  readonly feedId: string;
  readonly at: Date;
  readonly nextPollAt: Date;
  readonly intervalSeconds: number;
  readonly newItems: number;
  readonly outcome:
    | {
        readonly ok: true;
        readonly etag: string | null;
        readonly lastModified: string | null;
        readonly rememberedItems: readonly { fingerprint: string; publishedAt: string | null }[];
      }
    | { readonly ok: false; readonly reason: PollFailureReason; readonly message: string };
}

/**
 * The poller's own record of each poll in the feed health table (vigil_feed_health): when it
 * polled, what it learnt for the next conditional GET, when it polls next. Written by the poll
 * job itself, not projected from events: a healthy poll records no event (`feed.polled` marks a
 * recovery only), and this state is the poller's working memory, which the feeds projection's
 * schema holds beside the view it serves to the admin API.
 */
@Injectable()
export class PollHealthWriter {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    // Injected so the feed views' schema exists before the first write.
    _feeds: FeedsReader,
  ) {}

  async recordPoll(poll: PollRecord): Promise<void> {
    const { outcome } = poll;
    await this.database.query(
      `INSERT INTO vigil_feed_health AS h (feed_id, last_poll_at, last_success_at, last_error_at,
         last_error_reason, last_error_message, failures_in_row, next_poll_at,
         current_interval_seconds, items_seen, first_polled_at, etag, last_modified,
         remembered_items)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $2, $11, $12, $14::jsonb)
       ON CONFLICT (feed_id) DO UPDATE SET
         last_poll_at = excluded.last_poll_at,
         last_success_at = coalesce(excluded.last_success_at, h.last_success_at),
         last_error_at = coalesce(excluded.last_error_at, h.last_error_at),
         last_error_reason = coalesce(excluded.last_error_reason, h.last_error_reason),
         last_error_message = coalesce(excluded.last_error_message, h.last_error_message),
         failures_in_row = CASE WHEN excluded.failures_in_row = 0 THEN 0
                                ELSE h.failures_in_row + 1 END,
         next_poll_at = excluded.next_poll_at,
         current_interval_seconds = excluded.current_interval_seconds,
         items_seen = h.items_seen + excluded.items_seen,
         etag = CASE WHEN $13 THEN excluded.etag ELSE h.etag END,
         last_modified = CASE WHEN $13 THEN excluded.last_modified ELSE h.last_modified END,
         remembered_items = CASE WHEN $13 THEN excluded.remembered_items
                                 ELSE h.remembered_items END`,
      [
        poll.feedId,
        poll.at.toISOString(),
        outcome.ok ? poll.at.toISOString() : null,
        outcome.ok ? null : poll.at.toISOString(),
        outcome.ok ? null : outcome.reason,
        outcome.ok ? null : outcome.message,
        outcome.ok ? 0 : 1,
        poll.nextPollAt.toISOString(),
        poll.intervalSeconds,
        poll.newItems,
        outcome.ok ? outcome.etag : null,
        outcome.ok ? outcome.lastModified : null,
        outcome.ok,
        JSON.stringify(outcome.ok ? outcome.rememberedItems : []),
      ],
    );
  }
}
