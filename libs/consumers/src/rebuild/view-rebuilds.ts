import { randomBytes, randomUUID } from 'node:crypto';
import { type Database, databaseErrorFields, type SqlQueryable } from '@app/event-store';
import { ViewRebuildInProgressError } from './view-rebuild-in-progress.error.js';

export type ViewRebuildState = 'requested' | 'running' | 'completed' | 'failed';

/** A rebuild as operators see it: `position` of `head` is its progress. */
export interface ViewRebuild {
  readonly rebuildId: string;
  readonly view: string;
  readonly state: ViewRebuildState;
  /** How far the new view is built (the log position it holds every event up to). */
  readonly position: number;
  /** The head of the log when the position was reported; null before the first page. */
  readonly head: number | null;
  readonly requestedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
}

/** A rebuild held by one worker: only the holder of `claim` may report on it or swap it in. */
export interface ClaimedViewRebuild {
  readonly rebuildId: string;
  readonly view: string;
  readonly claim: string;
}

interface RebuildRow {
  rebuild_id: string;
  view: string;
  state: ViewRebuildState;
  position: number | string;
  head: number | string | null;
  requested_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  error: string | null;
}

const UNIQUE_VIOLATION = '23505';

/** The table of view rebuilds (vigil_view_rebuilds): requests, claims, progress, outcomes. */
export class ViewRebuilds {
  constructor(private readonly database: Database) {}

  /** Records a request; a worker claims it. Throws when one of the view is under way. */
  async request(view: string): Promise<ViewRebuild> {
    try {
      const [row] = await this.database.query<RebuildRow>(
        `INSERT INTO vigil_view_rebuilds (rebuild_id, view, state) VALUES ($1, $2, 'requested')
         RETURNING *`,
        [randomUUID(), view],
      );
      return toViewRebuild(row!);
    } catch (error) {
      if (databaseErrorFields(error).code === UNIQUE_VIOLATION) {
        throw new ViewRebuildInProgressError(view);
      }
      throw error;
    }
  }

  /**
   * Takes the oldest rebuild nobody holds: requested, or running without a heartbeat for
   * `staleAfterMs` (its worker died). A new claim token makes the previous holder's reports
   * and swap fail, should it wake up.
   */
  async claimNext(staleAfterMs: number): Promise<ClaimedViewRebuild | undefined> {
    const [row] = await this.database.query<{ rebuild_id: string; view: string; claim: string }>(
      `UPDATE vigil_view_rebuilds SET state = 'running', claim = $2, heartbeat_at = now(),
         started_at = coalesce(started_at, now()), position = 0, head = NULL
        WHERE rebuild_id = (
          SELECT rebuild_id FROM vigil_view_rebuilds
           WHERE state = 'requested'
              OR (state = 'running' AND heartbeat_at < now() - $1 * interval '1 millisecond')
           ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING rebuild_id, view, claim`,
      [staleAfterMs, randomBytes(8).toString('hex')],
    );
    return row && { rebuildId: row.rebuild_id, view: row.view, claim: row.claim };
  }

  /** Records progress and renews the claim; false when another worker took it over. */
  async reportProgress(
    rebuild: ClaimedViewRebuild,
    position: number,
    head: number,
  ): Promise<boolean> {
    const rows = await this.database.query(
      `UPDATE vigil_view_rebuilds SET position = $3, head = $4, heartbeat_at = now()
        WHERE rebuild_id = $1 AND claim = $2 AND state = 'running' RETURNING rebuild_id`,
      [rebuild.rebuildId, rebuild.claim, position, head],
    );
    return rows.length > 0;
  }

  /** Records the end in the swap's transaction; false (roll back) when the claim was lost. */
  async complete(
    tx: SqlQueryable,
    rebuild: ClaimedViewRebuild,
    position: number,
  ): Promise<boolean> {
    const rows = await tx.query(
      `UPDATE vigil_view_rebuilds SET state = 'completed', position = $3, head = $3,
         finished_at = now(), heartbeat_at = now()
        WHERE rebuild_id = $1 AND claim = $2 AND state = 'running' RETURNING rebuild_id`,
      [rebuild.rebuildId, rebuild.claim, position],
    );
    return rows.length > 0;
  }

  /** Hands an unfinished rebuild back (a worker shutting down), for any worker to claim. */
  async release(rebuild: ClaimedViewRebuild): Promise<void> {
    await this.database.query(
      `UPDATE vigil_view_rebuilds SET state = 'requested', claim = NULL
        WHERE rebuild_id = $1 AND claim = $2 AND state = 'running'`,
      [rebuild.rebuildId, rebuild.claim],
    );
  }

  async fail(rebuild: ClaimedViewRebuild, error: string): Promise<void> {
    await this.database.query(
      `UPDATE vigil_view_rebuilds SET state = 'failed', error = $3, finished_at = now()
        WHERE rebuild_id = $1 AND claim = $2 AND state = 'running'`,
      [rebuild.rebuildId, rebuild.claim, error],
    );
  }

  /** Each view's latest rebuild, by view name. */
  async latestByView(): Promise<Map<string, ViewRebuild>> {
    const rows = await this.database.query<RebuildRow>(
      `SELECT DISTINCT ON (view) * FROM vigil_view_rebuilds ORDER BY view, requested_at DESC`,
    );
    return new Map(rows.map((row) => [row.view, toViewRebuild(row)]));
  }
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

function toViewRebuild(row: RebuildRow): ViewRebuild {
  return {
    rebuildId: row.rebuild_id,
    view: row.view,
    state: row.state,
    position: Number(row.position),
    head: row.head === null ? null : Number(row.head),
    requestedAt: new Date(row.requested_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    error: row.error,
  };
}
