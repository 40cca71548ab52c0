import { Inject, Injectable, Logger } from '@nestjs/common';
import { WatchlistRepository } from '@app/watchlist';
import { itemDecider, stateOf } from '@app/domain';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '@app/event-store';
import { JobName } from '@app/jobs';
import { AsJobHandler, type JobHandler } from '../jobs/job-handler.js';

/**
 * Matches one discovered item against the watchlist in force and records the outcome on the
 * item's stream: `item.matched` (topics, rules, terms with field and offsets, scores, watchlist
 * version) or `item.unmatched`. The item decider records nothing for an item already matched
 * against that version, so a retried or duplicated job records nothing twice.
 */
@Injectable()
@AsJobHandler()
export class MatchItemHandler implements JobHandler<JobName.MatchItem> {
  readonly jobName = JobName.MatchItem;
  private readonly logger = new Logger(MatchItemHandler.name);

  constructor(
    private readonly watchlists: WatchlistRepository,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async handle({ itemStream }: { readonly itemStream: string }): Promise<void> {
    await this.matchItem(itemStream);
  }

  /** Matches one item against the watchlist in force; true when it recorded a match. */
  async matchItem(itemStream: string): Promise<boolean> {
    const watchlist = await this.watchlists.current();
    if (!watchlist) return false;
    const history = await this.store.readStream(itemStream);
    const state = stateOf(itemDecider, history);
    // The text matched is the one discovered: an item without it has nothing to match yet.
    if (state.discovered === null) return false;
    const result = watchlist.matcher.match(state.discovered.data);
    const events = itemDecider.decide(
      { type: 'match', watchlistVersion: watchlist.version, result },
      state,
    );
    const [decided] = events;
    if (decided === undefined) return false;
    try {
      await this.store.append(itemStream, events, { expectedVersion: history.length });
    } catch (error) {
      // Another process matched this item meanwhile: its record stands.
      if (error instanceof WrongExpectedVersionError) return false;
      throw error;
    }
    if (decided.type !== 'item.matched') return false;
    this.logger.log(
      {
        itemStream,
        feedId: state.discovered.data.feedId,
        watchlistVersion: watchlist.version,
        scores: result.scores,
      },
      'item matched',
    );
    return true;
  }
}
