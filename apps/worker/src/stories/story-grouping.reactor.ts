import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type AlertItemData,
  alertStream,
  type ItemMatched,
  type KnownNewEvent,
  type KnownRecordedEvent,
  type RecordedEvent,
  type RuleMatchData,
} from '@app/contracts';
import { AsEventConsumer, type EventConsumer } from '@app/consumers';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '@app/event-store';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { StoryGrouper, type StoryItem, storyTime } from '@app/stories';

const ALERT_TYPES = ['alert.raised', 'alert.corroborated'];
const PAGE_SIZE = 500;
const ITEM_STREAM_PREFIX = 'item-';

/**
 * Turns each item's first `item.matched` into `alert.raised` (the first report of a story) or
 * `alert.corroborated` (a later report of an open story), in log order.
 *
 * Several workers run this reactor at once. They agree without a lock: the grouper is
 * deterministic and its state is only what the log holds (every alert event, read before each
 * decision), so two workers deciding one item append to the same alert stream at the same
 * expected version and one of them loses; the loser reads the winner's event and finds the
 * item placed. See docs/stories.md.
 */
@Injectable()
@AsEventConsumer()
export class StoryGroupingReactor implements EventConsumer {
  readonly name = 'story-grouping';
  readonly eventTypes = ['item.matched'] as const;
  private readonly logger = new Logger(StoryGroupingReactor.name);
  private readonly grouper: StoryGrouper;
  /** Each alert stream's version, as the appends that extend it must expect. */
  private readonly alertVersions = new Map<string, number>();
  /**
   * Every item any alert holds, kept for good (the grouper forgets closed stories): an item is
   * never placed twice, even when its event is replayed long after.
   */
  private readonly placedItems = new Set<string>();
  private readAlertsUpTo = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIL_CONFIG) config: VigilConfig,
  ) {
    this.grouper = new StoryGrouper(config.runtime.stories);
  }

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type !== 'item.matched') return;
    const history = (await this.store.readStream(event.stream)) as unknown as KnownRecordedEvent[];
    const discovered = history.find((each) => each.type === 'item.discovered');
    const firstMatch = history.find((each) => each.type === 'item.matched');
    // A later match (a new watchlist version, a backfill) of an item already grouped: nothing.
    if (discovered?.type !== 'item.discovered' || firstMatch?.version !== event.version) return;
    const matched = event.data as unknown as ItemMatched;
    const itemId = event.stream.slice(ITEM_STREAM_PREFIX.length);
    const topics = rankedTopics(matched.scores);
    if (topics.length === 0) return;
    const item: AlertItemData = {
      id: itemId,
      feedId: discovered.data.feedId,
      title: discovered.data.title,
      url: discovered.data.url,
      summary: discovered.data.summary,
      publishedAt: discovered.data.publishedAt,
      seenAt: new Date(storyTime(discovered.data.publishedAt, discovered.recordedAt)).toISOString(),
    };
    const report = {
      topics,
      score: Math.max(...topics.map((topic) => matched.scores[topic] ?? 0)),
      item,
      matches: matched.matches,
      scores: matched.scores,
      watchlistVersion: matched.watchlistVersion,
    };

    for (;;) {
      await this.catchUp();
      if (this.placedItems.has(itemId)) return;
      const decision = this.grouper.decide(storyItem(item, topics, matched.matches));
      const [stream, newEvent, expectedVersion]: [string, KnownNewEvent, number | 'no_stream'] =
        decision.kind === 'new-story'
          ? [
              alertStream(alertIdFor(itemId)),
              {
                type: 'alert.raised',
                data: {
                  alertId: alertIdFor(itemId),
                  title: item.title,
                  url: item.url,
                  firstSeenAt: item.seenAt,
                  ...report,
                },
              },
              'no_stream',
            ]
          : [
              alertStream(decision.storyId),
              {
                type: 'alert.corroborated',
                data: {
                  alertId: decision.storyId,
                  ...report,
                  likeness: {
                    reason: decision.reason,
                    similarity: decision.similarity,
                    closestItemId: decision.closestItemId,
                    sharedTerms: decision.sharedTerms,
                  },
                },
              },
              this.alertVersions.get(decision.storyId) ?? 0,
            ];
      try {
        await this.store.append(stream, newEvent, { expectedVersion });
      } catch (error) {
        // Another worker decided first: read what it recorded, then look again.
        if (error instanceof WrongExpectedVersionError) continue;
        throw error;
      }
      this.logger.log(
        { alertId: stream.slice('alert-'.length), itemStream: event.stream, type: newEvent.type },
        newEvent.type === 'alert.raised' ? 'alert raised' : 'alert corroborated',
      );
      return;
    }
  }

  /** Folds every alert event not yet seen into the grouper, in log order. */
  private async catchUp(): Promise<void> {
    for (;;) {
      const page = (await this.store.readAll({
        after: this.readAlertsUpTo,
        limit: PAGE_SIZE,
        types: ALERT_TYPES,
      })) as unknown as KnownRecordedEvent[];
      for (const event of page) {
        this.readAlertsUpTo = event.position;
        if (event.type === 'alert.raised') {
          const { data } = event;
          this.alertVersions.set(data.alertId, event.version);
          this.placedItems.add(data.item.id);
          this.grouper.startStory(data.alertId, storyItem(data.item, data.topics, data.matches));
        } else if (event.type === 'alert.corroborated') {
          const { data } = event;
          this.alertVersions.set(data.alertId, event.version);
          this.placedItems.add(data.item.id);
          if (this.grouper.isOpen(data.alertId)) {
            this.grouper.joinStory(data.alertId, storyItem(data.item, data.topics, data.matches));
          }
        }
      }
      if (page.length < PAGE_SIZE) return;
    }
  }
}

/** The alert's id follows from its first item, so a replayed decision targets the same stream. */
function alertIdFor(itemId: string): string {
  return createHash('sha256').update(`alert\n${itemId}`).digest('hex').slice(0, 32);
}

function rankedTopics(scores: Readonly<Record<string, number>>): string[] {
  return Object.entries(scores)
    .filter(([, score]) => score > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([topic]) => topic);
}

function storyItem(
  item: AlertItemData,
  topics: readonly string[],
  matches: readonly RuleMatchData[],
): StoryItem {
  return {
    itemId: item.id,
    feedId: item.feedId,
    title: item.title,
    summary: item.summary,
    at: Date.parse(item.seenAt),
    topics,
    matchedTerms: matches.flatMap((match) => match.terms.map((term) => term.text)),
  };
}
