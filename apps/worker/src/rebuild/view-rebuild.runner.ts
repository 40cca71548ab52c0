import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type ClaimedViewRebuild, ViewRebuilder, ViewRebuilds } from '@app/consumers';
import { DATABASE, type Database, EVENT_STORE, type EventStore } from '@app/event-store';

/** How often an idle worker looks for a requested rebuild. */
const POLL_MS = 1_000;
/** A running rebuild without progress for this long lost its worker: another takes it over. */
const STALE_AFTER_MS = 60_000;

/**
 * Runs the view rebuilds operators request (POST /admin/consumers/:name/rebuild), one at a
 * time per worker. The request is a row, not a job: its progress must be readable by every api
 * process anyway, and a claim renewed with each page already re-runs a rebuild whose worker
 * died, so nothing in Redis is needed or lost (docs/operations.md).
 */
@Injectable()
export class ViewRebuildRunner implements OnModuleDestroy {
  private readonly logger = new Logger(ViewRebuildRunner.name);
  private readonly rebuilder: ViewRebuilder;
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly rebuilds: ViewRebuilds,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(DATABASE) database: Database,
  ) {
    this.rebuilder = new ViewRebuilder(store, database, rebuilds);
  }

  start(): void {
    const tick = (): void => {
      this.running = this.runNext().finally(() => {
        if (!this.stopping.signal.aborted) this.timer = setTimeout(tick, POLL_MS);
      });
    };
    tick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort(new Error('the worker is shutting down'));
    clearTimeout(this.timer);
    await this.running;
  }

  private async runNext(): Promise<void> {
    let rebuild: ClaimedViewRebuild | undefined;
    try {
      rebuild = await this.rebuilds.claimNext(STALE_AFTER_MS);
      if (!rebuild) return;
      this.logger.log({ rebuildId: rebuild.rebuildId, view: rebuild.view }, 'rebuilding a view');
      const position = await this.rebuilder.rebuild(rebuild, this.stopping.signal);
      this.logger.log(
        { rebuildId: rebuild.rebuildId, view: rebuild.view, position },
        'view rebuilt and swapped in',
      );
    } catch (error) {
      if (!rebuild) {
        this.logger.warn({ err: error }, 'could not look for view rebuilds');
      } else if (this.stopping.signal.aborted) {
        await this.rebuilds.release(rebuild).catch(() => undefined);
      } else {
        this.logger.error(
          { rebuildId: rebuild.rebuildId, view: rebuild.view, err: error },
          'view rebuild failed; the view in use is unchanged',
        );
        const reason = error instanceof Error ? error.message : String(error);
        await this.rebuilds.fail(rebuild, reason).catch(() => undefined);
      }
    }
  }
}
