import { Inject, Injectable, Logger } from '@nestjs/common';
import { feedStream, type FeedSettings } from '@app/contracts';
import { FeedsReader } from '@app/consumers';
import { deriveFeedId, feedDecider } from '@app/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import { loadFeedsFile, VIGIL_CONFIG, type VigilConfig } from '@app/platform';

/**
 * Makes the registered feeds match config/feeds.yaml at start-up: a new line registers its
 * feed, a changed line updates it, a removed line removes it. Feeds added through the admin API
 * are never touched. Every change is decided on the feed's own stream (never on the view, which
 * may lag), so running this in several processes at once, or twice, changes nothing twice.
 */
@Injectable()
export class FeedsConfigReconciler {
  private readonly logger = new Logger(FeedsConfigReconciler.name);

  constructor(
    private readonly catalog: FeedsReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async reconcile(): Promise<void> {
    const entries = loadFeedsFile(this.config.feedsFile);
    const registered = new Map((await this.catalog.list()).map((feed) => [feed.feedId, feed]));
    const listed = new Set<string>();
    let changes = 0;

    for (const entry of entries) {
      const feedId = entry.id ?? deriveFeedId(entry.url);
      listed.add(feedId);
      const settings: FeedSettings = {
        url: entry.url,
        title: entry.title ?? null,
        intervalSeconds: entry.intervalSeconds ?? null,
        enabled: entry.enabled,
        allowPrivateNetwork: entry.allowPrivateNetwork,
      };
      const outcome = await handleCommand(this.store, feedStream(feedId), feedDecider, {
        type: 'configure',
        feedId,
        settings,
      });
      changes += outcome.appended.length;
    }

    for (const feed of registered.values()) {
      if (feed.source !== 'config' || listed.has(feed.feedId)) continue;
      const outcome = await handleCommand(this.store, feedStream(feed.feedId), feedDecider, {
        type: 'remove',
        feedId: feed.feedId,
        source: 'config',
      });
      changes += outcome.appended.length;
    }
    this.logger.log(
      `feeds from ${this.config.feedsFile}: ${entries.length} listed, ${changes} change(s) recorded`,
    );
  }
}
