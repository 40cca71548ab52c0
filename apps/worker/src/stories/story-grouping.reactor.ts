import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type AlertItemData,
  alertStream,
  assertNever,
  isEventOf,
  type KnownRecordedEvent,
  type RuleMatchData,
  type StreamEventOf,
} from '@app/contracts';
import { AsEventConsumer, type EventConsumer } from '@app/consumers';
import {
  type AlertCommand,
  type AlertReport,
  type AlertState,
  alertDecider,
  itemDecider,
  placementAlertId,
  stateOf,
} from '@app/domain';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '@app/event-store';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { matchedTermsOf, StoryGrouper, type StoryItem, storyTime } from '@app/stories';

const ALERT_TYPES = [
  'alert.raised',
  'alert.corroborated',
] as const satisfies readonly StreamEventOf<'alert'>['type'][];
const PAGE_SIZE = 500;
const ITEM_STREAM_PREFIX = 'item-';

/**
 * Turns each item's first `item.matched` into `alert.raised` (the first report of a story) or
 * `alert.corroborated` (a later report of an open story), in log order: the story grouper
 * places the report, the alert decider turns the placement into the alert's event.
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
  /** Each alert's state as its decider folds it, with the version the next append expects. */
  private readonly alerts = new Map<string, AlertState>();
  /**
   * Every item any alert holds, kept for good (the grouper forgets closed stories): an item is
   * never placed twice, even when its event is replayed long after, nor in a second alert.
   */
  private readonly placedItems = new Set<string>();
  private readAlertsUpTo = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIL_CONFIG) config: VigilConfig,
  ) {
    this.grouper = new StoryGrouper(config.runtime.stories);
  }

  async handle(event: KnownRecordedEvent): Promise<void> {
    if (!isEventOf(event, this.eventTypes)) return;
    const { discovered, firstMatch } = stateOf(
      itemDecider,
      await this.store.readStream(event.stream),
    );
    // A later match (a new watchlist version, a backfill) of an item already grouped: nothing.
    if (discovered === null || firstMatch?.version !== event.version) return;
    const matched = firstMatch.data;
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
    const report: AlertReport = {
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
      const command: AlertCommand = {
        type: 'place',
        report,
        placement: this.grouper.decide(storyItem(item, topics, matched.matches)),
      };
      const alertId = placementAlertId(command);
      const alert = this.alerts.get(alertId) ?? alertDecider.initialState();
      const events = alertDecider.decide(command, alert);
      const [placed] = events;
      if (placed === undefined) return;
      try {
        await this.store.append(alertStream(alertId), events, {
          expectedVersion: alert.version === 0 ? 'no_stream' : alert.version,
        });
      } catch (error) {
        // Another worker decided first: read what it recorded, then look again.
        if (error instanceof WrongExpectedVersionError) continue;
        throw error;
      }
      this.logger.log(
        { alertId, itemStream: event.stream, type: placed.type },
        placed.type === 'alert.raised' ? 'alert raised' : 'alert corroborated',
      );
      return;
    }
  }

  /** Folds every alert event not yet seen into the grouper and the alerts, in log order. */
  private async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({
        after: this.readAlertsUpTo,
        limit: PAGE_SIZE,
        types: ALERT_TYPES,
      });
      for (const event of page) {
        this.readAlertsUpTo = event.position;
        // The read asks for no other type: this narrows what it returns.
        if (!isEventOf(event, ALERT_TYPES)) continue;
        const { alertId, item, topics, matches } = event.data;
        this.alerts.set(
          alertId,
          alertDecider.evolve(this.alerts.get(alertId) ?? alertDecider.initialState(), event),
        );
        this.placedItems.add(item.id);
        switch (event.type) {
          case 'alert.raised':
            this.grouper.startStory(alertId, storyItem(item, topics, matches));
            break;
          case 'alert.corroborated':
            if (this.grouper.isOpen(alertId)) {
              this.grouper.joinStory(alertId, storyItem(item, topics, matches));
            }
            break;
          default:
            assertNever(event);
        }
      }
      if (page.length < PAGE_SIZE) return;
    }
  }
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
    matchedTerms: matchedTermsOf(matches),
  };
}
