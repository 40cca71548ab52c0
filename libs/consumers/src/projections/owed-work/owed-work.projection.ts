import { assertNever, isEventOf, type KnownRecordedEvent } from '@app/contracts';
import type { Database } from '@app/event-store';
import type { EventConsumer } from '../../event-consumer.js';

/**
 * Builds the owed-work view: an item is owed a match from `item.discovered` until it is matched
 * or found unmatched against some watchlist version; a backfill from its request to its
 * completion; a replay likewise. Rows are inserted and deleted in log order, so replaying a
 * page converges to the same rows.
 */
export class OwedWorkProjection implements EventConsumer {
  readonly name = 'owed-work-view';
  readonly eventTypes = [
    'item.discovered',
    'item.matched',
    'item.unmatched',
    'backfill.requested',
    'backfill.completed',
    'subscription.replay_requested',
    'subscription.replayed',
  ] as const;

  constructor(private readonly database: Database) {}

  async handle(event: KnownRecordedEvent): Promise<void> {
    await this.handleBatch([event]);
  }

  /** A page in at most six statements: items come in thousands, the rest in ones. */
  async handleBatch(page: readonly KnownRecordedEvent[]): Promise<void> {
    const owedItems = new Map<string, { readonly position: number; readonly at: string }>();
    const settledItems = new Set<string>();
    for (const event of page) {
      if (!isEventOf(event, this.eventTypes)) continue;
      switch (event.type) {
        case 'item.discovered':
          owedItems.set(event.stream, { position: event.position, at: event.recordedAt });
          settledItems.delete(event.stream);
          break;
        case 'item.matched':
        case 'item.unmatched':
          owedItems.delete(event.stream);
          settledItems.add(event.stream);
          break;
        case 'backfill.requested':
          await this.database.query(
            `INSERT INTO vigil_view_owed_backfills (backfill_id, since, position)
             VALUES ($1, $2, $3) ON CONFLICT (backfill_id) DO NOTHING`,
            [event.data.backfillId, event.data.since, event.position],
          );
          break;
        case 'backfill.completed':
          await this.database.query(
            'DELETE FROM vigil_view_owed_backfills WHERE backfill_id = $1',
            [event.data.backfillId],
          );
          break;
        case 'subscription.replay_requested':
          await this.database.query(
            `INSERT INTO vigil_view_owed_replays (replay_id, subscription_id, position)
             VALUES ($1, $2, $3) ON CONFLICT (replay_id) DO NOTHING`,
            [event.data.replayId, event.data.subscriptionId, event.position],
          );
          break;
        case 'subscription.replayed':
          await this.database.query('DELETE FROM vigil_view_owed_replays WHERE replay_id = $1', [
            event.data.replayId,
          ]);
          break;
        default:
          assertNever(event);
      }
    }
    if (owedItems.size > 0) {
      await this.database.query(
        `INSERT INTO vigil_view_owed_matches (item_stream, position, discovered_at)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::timestamptz[])
         ON CONFLICT (item_stream) DO NOTHING`,
        [
          [...owedItems.keys()],
          [...owedItems.values()].map((item) => item.position),
          [...owedItems.values()].map((item) => item.at),
        ],
      );
    }
    if (settledItems.size > 0) {
      await this.database.query(
        'DELETE FROM vigil_view_owed_matches WHERE item_stream = ANY($1::text[])',
        [[...settledItems]],
      );
    }
  }
}
