import { type Matcher, type RuleMatch } from '@app/matching';
import { type LabeledItem } from './labeled-items.js';

/**
 * A topic fires for an item when its score is above this: the score is the sum of the weights
 * of the topic's matched rules, so any matched rule with a positive weight fires its topic. This
 * is when the service raises an alert.
 */
export const FIRING_SCORE = 0;

export interface Counts {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
}

export interface TopicResult extends Counts {
  readonly topic: string;
  /** Items labeled with the topic. */
  readonly labeled: number;
}

export interface Miss {
  readonly kind: 'false positive' | 'false negative';
  readonly topic: string;
  readonly item: LabeledItem;
  /** Every rule that matched the item, of any topic: what fired, or what fired instead. */
  readonly matches: readonly RuleMatch[];
}

export interface Evaluation {
  readonly topics: readonly TopicResult[];
  /** Micro-average: the counts of all topics summed. */
  readonly overall: Counts;
  readonly misses: readonly Miss[];
}

/** Precision when something fired, else 1: a topic that never fired raised no false alarm. */
export function precision(counts: Counts): number {
  const fired = counts.truePositives + counts.falsePositives;
  return fired === 0 ? 1 : counts.truePositives / fired;
}

/** Recall when something was labeled, else 1: there was nothing to find. */
export function recall(counts: Counts): number {
  const labeled = counts.truePositives + counts.falseNegatives;
  return labeled === 0 ? 1 : counts.truePositives / labeled;
}

/** Matches every item once and scores each topic against the labels. */
export function evaluateWatchlist(
  matcher: Matcher,
  topicIds: readonly string[],
  items: readonly LabeledItem[],
): Evaluation {
  const tallies = new Map(
    topicIds.map((topic) => [
      topic,
      { topic, labeled: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0 },
    ]),
  );
  const misses: Miss[] = [];
  for (const item of items) {
    const result = matcher.match({ title: item.title, summary: item.summary, categories: [] });
    for (const [topic, tally] of tallies) {
      const fired = (result.scores[topic] ?? 0) > FIRING_SCORE;
      const labeled = item.topics.includes(topic);
      if (labeled) tally.labeled += 1;
      if (fired && labeled) tally.truePositives += 1;
      else if (fired) {
        tally.falsePositives += 1;
        misses.push({ kind: 'false positive', topic, item, matches: result.matches });
      } else if (labeled) {
        tally.falseNegatives += 1;
        misses.push({ kind: 'false negative', topic, item, matches: result.matches });
      }
    }
  }
  const topics = [...tallies.values()];
  const sum = (key: keyof Counts) => topics.reduce((total, topic) => total + topic[key], 0);
  return {
    topics,
    overall: {
      truePositives: sum('truePositives'),
      falsePositives: sum('falsePositives'),
      falseNegatives: sum('falseNegatives'),
    },
    misses,
  };
}
