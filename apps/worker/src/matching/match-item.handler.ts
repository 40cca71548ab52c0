import { Inject, Injectable, Logger } from '@nestjs/common';
import type { KnownRecordedEvent } from '@app/contracts';
import { WatchlistCatalog } from '@app/consumers';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '@app/event-store';
import { JobName } from '@app/jobs';
import { AsJobHandler, type JobHandler } from '../jobs/job-handler.js';

/**
 * Matches one discovered item against the watchlist in force and, when a rule matched,
 * appends `item.matched` (topics, rules, terms with field and offsets, scores, watchlist
 * version) to the item's stream. An item already matched against that version is left alone,
 * so a retried or duplicated job records nothing twice.
 */
@Injectable()
@AsJobHandler()
export class MatchItemHandler implements JobHandler<JobName.MatchItem> {
  readonly jobName = JobName.MatchItem;
  private readonly logger = new Logger(MatchItemHandler.name);

  constructor(
    private readonly watchlists: WatchlistCatalog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async handle({ itemStream }: { readonly itemStream: string }): Promise<void> {
    await this.matchItem(itemStream);
  }

  /** Matches one item against the watchlist in force; true when it recorded a match. */
  async matchItem(itemStream: string): Promise<boolean> {
    const watchlist = await this.watchlists.current();
    if (!watchlist) return false;
    const history = (await this.store.readStream(itemStream)) as unknown as KnownRecordedEvent[];
    const discovered = history.find((event) => event.type === 'item.discovered');
    if (discovered?.type !== 'item.discovered') return false;
    const alreadyMatched = history.some(
      (event) => event.type === 'item.matched' && event.data.watchlistVersion === watchlist.version,
    );
    if (alreadyMatched) return false;

    const { title, summary, categories, feedId } = discovered.data;
    const result = watchlist.matcher.match({ title, summary, categories });
    if (result.matches.length === 0) return false;
    try {
      await this.store.append(
        itemStream,
        {
          type: 'item.matched',
          data: {
            feedId,
            watchlistVersion: watchlist.version,
            matches: result.matches.map((match) => ({
              topic: match.topic,
              rule: match.rule,
              weight: match.weight,
              terms: match.terms.map((term) => ({ ...term })),
            })),
            scores: result.scores,
          },
        },
        { expectedVersion: history.length },
      );
    } catch (error) {
      // Another process matched this item meanwhile: its record stands.
      if (error instanceof WrongExpectedVersionError) return false;
      throw error;
    }
    this.logger.log(
      { itemStream, feedId, watchlistVersion: watchlist.version, scores: result.scores },
      'item matched',
    );
    return true;
  }
}
