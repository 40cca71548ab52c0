import type { Database } from '@app/event-store';

/** Reads the owed-work view (OwedWorkProjection) for the reconciler. */
export class OwedWorkReader {
  constructor(private readonly database: Database) {}

  /**
   * Item streams discovered since `since` (ISO time) and not yet matched, oldest first, after
   * `afterPosition`. Rows from before the view kept the discovery time count as old.
   */
  async owedMatches(since: string, afterPosition: number, limit: number): Promise<OwedMatch[]> {
    const rows = await this.database.query<{ item_stream: string; position: number | string }>(
      `SELECT item_stream, position FROM vigil_view_owed_matches
        WHERE position > $1 AND discovered_at >= $2 ORDER BY position LIMIT $3`,
      [afterPosition, since, limit],
    );
    return rows.map((row) => ({ itemStream: row.item_stream, position: Number(row.position) }));
  }

  async owedBackfills(): Promise<{ readonly backfillId: string; readonly since: string }[]> {
    const rows = await this.database.query<{ backfill_id: string; since: string }>(
      'SELECT backfill_id, since FROM vigil_view_owed_backfills ORDER BY position',
    );
    return rows.map((row) => ({ backfillId: row.backfill_id, since: row.since }));
  }

  async owedReplays(): Promise<{ readonly replayId: string; readonly subscriptionId: string }[]> {
    const rows = await this.database.query<{ replay_id: string; subscription_id: string }>(
      'SELECT replay_id, subscription_id FROM vigil_view_owed_replays ORDER BY position',
    );
    return rows.map((row) => ({ replayId: row.replay_id, subscriptionId: row.subscription_id }));
  }
}

export interface OwedMatch {
  readonly itemStream: string;
  readonly position: number;
}
