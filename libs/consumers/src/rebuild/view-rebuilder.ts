import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { KnownRecordedEvent } from '@app/contracts';
import {
  APPEND_LOCK_KEY,
  type Database,
  type EventStore,
  type SqlQueryable,
} from '@app/event-store';
import type { EventConsumer } from '../event-consumer.js';
import { InTransactionDatabase } from './in-transaction-database.js';
import { REBUILDABLE_VIEWS, type RebuildableView } from './rebuildable-views.js';
import type { ClaimedViewRebuild, ViewRebuilds } from './view-rebuilds.js';

const PAGE_SIZE = 1_000;

/**
 * Builds a view again from the log while the one in use keeps serving reads, then swaps it in.
 *
 * The new tables are made in a schema of their own (`vigil_rebuild_<claim>`) by the view's own
 * DDL, and the projection writes them unchanged: each page runs in a transaction whose
 * search_path puts that schema first, so its unqualified table names resolve there. The swap
 * is one transaction: lock the view's tables against writes (reads go on) and the log against
 * appends (for the few milliseconds of the swap), apply what the log gained since the last page, drop the old tables, move the new ones in, and set the checkpoint to the
 * position the new view holds. A live projection that was waiting on the lock then writes to
 * the new tables, re-applying events the swap already applied; projections are idempotent.
 */
export class ViewRebuilder {
  constructor(
    private readonly store: EventStore,
    private readonly database: Database,
    private readonly rebuilds: ViewRebuilds,
  ) {}

  /**
   * Rebuilds and swaps in the view; throws when it cannot, when its claim was taken over, or
   * when `signal` aborts (between pages: the new tables are dropped, the view in use stays).
   */
  async rebuild(rebuild: ClaimedViewRebuild, signal: AbortSignal): Promise<number> {
    const view = REBUILDABLE_VIEWS.get(rebuild.view);
    if (!view) throw new Error(`no rebuildable view is named ${rebuild.view}`);
    const [row] = await this.database.query<{ schema: string }>(
      'SELECT current_schema() AS schema',
    );
    const home = quoteIdentifier(row!.schema);
    const shadow = quoteIdentifier(`vigil_rebuild_${rebuild.claim}`);
    await this.database.exec(`DROP SCHEMA IF EXISTS ${shadow} CASCADE; CREATE SCHEMA ${shadow}`);
    try {
      await this.inShadow(shadow, home, (tx) => view.ensureSchema(new InTransactionDatabase(tx)));
      let position = 0;
      for (let full = true; full;) {
        signal.throwIfAborted();
        const head = await this.store.headPosition();
        const page = await this.store.readAll({
          after: position,
          limit: PAGE_SIZE,
          types: view.projection(this.database).eventTypes,
        });
        await this.inShadow(shadow, home, (tx) =>
          applyPage(view.projection(new InTransactionDatabase(tx)), page),
        );
        full = page.length === PAGE_SIZE;
        position = readThrough(page, position, head, full);
        if (!(await this.rebuilds.reportProgress(rebuild, position, Math.max(head, position)))) {
          throw new Error(`rebuild ${rebuild.rebuildId} was taken over by another worker`);
        }
        // The embedded store never yields while it answers: let HTTP and timers have a turn.
        await yieldToEventLoop();
      }
      return await this.swap(view, rebuild, { shadow, home }, position);
    } finally {
      await this.database.exec(`DROP SCHEMA IF EXISTS ${shadow} CASCADE`);
    }
  }

  private async swap(
    view: RebuildableView,
    rebuild: ClaimedViewRebuild,
    { shadow, home }: { readonly shadow: string; readonly home: string },
    builtThrough: number,
  ): Promise<number> {
    return this.database.transaction(async (tx) => {
      await tx.exec(`SET LOCAL search_path TO ${shadow}, ${home}`);
      const inUse = view.tables.map((table) => `${home}.${quoteIdentifier(table)}`);
      // From here the live projection's writes wait for the commit; reads of the view go on.
      await tx.exec(`LOCK TABLE ${inUse.join(', ')} IN EXCLUSIVE MODE`);
      // Appends wait too, until the commit: the catch-up below is then bounded by what was
      // appended since the last page, however fast events arrive.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
      const projection = view.projection(new InTransactionDatabase(tx));
      let position = builtThrough;
      for (let full = true; full;) {
        const [head] = await tx.query<{ position: number | string }>(
          'SELECT coalesce(max(position), 0) AS position FROM vigil_events',
        );
        const page = await this.store.readAll({
          after: position,
          limit: PAGE_SIZE,
          types: projection.eventTypes,
          within: tx,
        });
        await applyPage(projection, page);
        full = page.length === PAGE_SIZE;
        position = readThrough(page, position, Number(head!.position), full);
      }
      if (!(await this.rebuilds.complete(tx, rebuild, position))) {
        throw new Error(`rebuild ${rebuild.rebuildId} was taken over by another worker`);
      }
      // Readers in flight finish on the old tables; the next ones find the new tables by name.
      for (const table of view.tables) {
        await tx.exec(
          `DROP TABLE ${home}.${quoteIdentifier(table)};
           ALTER TABLE ${shadow}.${quoteIdentifier(table)} SET SCHEMA ${home};`,
        );
      }
      await saveCheckpoint(tx, home, view.name, position);
      return position;
    });
  }

  /** Runs `work` in a transaction that reads and writes the new tables by their usual names. */
  private inShadow(
    shadow: string,
    home: string,
    work: (tx: SqlQueryable) => Promise<void>,
  ): Promise<void> {
    return this.database.transaction(async (tx) => {
      await tx.exec(`SET LOCAL search_path TO ${shadow}, ${home}`);
      await work(tx);
    });
  }
}

async function applyPage(
  projection: EventConsumer,
  page: readonly KnownRecordedEvent[],
): Promise<void> {
  if (page.length === 0) return;
  if (projection.handleBatch) {
    await projection.handleBatch(page);
    return;
  }
  for (const event of page) await projection.handle(event);
}

/**
 * As the consumer runner: through the last event of a full page, else through the head read
 * before the page (every position up to it was committed, in order).
 */
function readThrough(
  page: readonly KnownRecordedEvent[],
  after: number,
  head: number,
  full: boolean,
): number {
  const last = page.at(-1)?.position ?? after;
  return full ? last : Math.max(head, last);
}

/** The store's checkpoint upsert, inside the swap so that the view and its position agree. */
async function saveCheckpoint(
  tx: SqlQueryable,
  home: string,
  name: string,
  position: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO ${home}.vigil_checkpoints (name, position, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()`,
    [name, position],
  );
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
