import { performance } from 'node:perf_hooks';
import { isWeakLikeness, type WeakLikenessLevels } from '@app/contracts';
import type { Matcher } from '@app/matching';
import {
  type GroupingDecision,
  type GroupingSettings,
  matchedTermsOf,
  StoryGrouper,
  storyTime,
} from '@app/stories';
import type { LabeledReport } from './labeled-stories.js';

export interface GroupedReport {
  readonly report: LabeledReport;
  /** Null when the watchlist matched nothing in it: no alert, a story of its own. */
  readonly decision: GroupingDecision | null;
  readonly storyId: string;
}

export interface GroupingRun {
  /** In the order the reports were grouped: by publication time. */
  readonly grouped: readonly GroupedReport[];
  /** Mean time of one grouping decision and its recording, matching excluded. */
  readonly microsPerItem: number;
}

/** Groups the reports as the worker would: in publication order, matched items only. */
export function groupReports(
  reports: readonly LabeledReport[],
  matcher: Matcher,
  settings: GroupingSettings,
): GroupingRun {
  const ordered = [...reports].sort(
    (a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || a.id.localeCompare(b.id),
  );
  const grouper = new StoryGrouper(settings);
  const grouped: GroupedReport[] = [];
  let groupingMs = 0;
  let groupedCount = 0;
  for (const report of ordered) {
    const { scores, matches } = matcher.match({
      title: report.title,
      summary: report.summary,
      categories: [],
    });
    const topics = Object.keys(scores).filter((topic) => (scores[topic] ?? 0) > 0);
    if (topics.length === 0) {
      grouped.push({ report, decision: null, storyId: `unmatched:${report.id}` });
      continue;
    }
    const item = {
      itemId: report.id,
      feedId: report.feedId,
      title: report.title,
      summary: report.summary,
      at: storyTime(report.publishedAt, report.publishedAt),
      topics,
      matchedTerms: matchedTermsOf(matches),
    };
    const started = performance.now();
    const decision = grouper.decide(item);
    if (decision.kind === 'same-story') grouper.joinStory(decision.storyId, item);
    else grouper.startStory(report.id, item);
    groupingMs += performance.now() - started;
    groupedCount++;
    grouped.push({ report, decision, storyId: grouper.storyOf(report.id) ?? report.id });
  }
  return { grouped, microsPerItem: groupedCount === 0 ? 0 : (groupingMs * 1000) / groupedCount };
}

export interface PairwiseScore {
  readonly precision: number;
  readonly recall: number;
  /** Pairs of reports labeled as one story. */
  readonly labeledPairs: number;
  /** Pairs of reports grouped into one story. */
  readonly groupedPairs: number;
  readonly correctPairs: number;
  /** Grouped together, labeled apart. */
  readonly wrongJoins: readonly (readonly [GroupedReport, GroupedReport])[];
  /** Labeled together, grouped apart. */
  readonly missedJoins: readonly (readonly [GroupedReport, GroupedReport])[];
}

/**
 * Pairwise precision and recall, the usual measure of a clustering against labels: every pair
 * of reports is either in one story or not, by the labels and by the grouping.
 */
export function pairwiseScore(grouped: readonly GroupedReport[]): PairwiseScore {
  const wrongJoins: [GroupedReport, GroupedReport][] = [];
  const missedJoins: [GroupedReport, GroupedReport][] = [];
  let labeledPairs = 0;
  let groupedPairs = 0;
  let correctPairs = 0;
  for (let first = 0; first < grouped.length; first++) {
    for (let second = first + 1; second < grouped.length; second++) {
      const a = grouped[first] as GroupedReport;
      const b = grouped[second] as GroupedReport;
      const labeled = a.report.story === b.report.story;
      const together = a.storyId === b.storyId;
      if (labeled) labeledPairs++;
      if (together) groupedPairs++;
      if (labeled && together) correctPairs++;
      else if (together) wrongJoins.push([a, b]);
      else if (labeled) missedJoins.push([a, b]);
    }
  }
  return {
    precision: groupedPairs === 0 ? 1 : correctPairs / groupedPairs,
    recall: labeledPairs === 0 ? 1 : correctPairs / labeledPairs,
    labeledPairs,
    groupedPairs,
    correctPairs,
    wrongJoins,
    missedJoins,
  };
}

export interface BCubedScore {
  readonly precision: number;
  readonly recall: number;
}

/**
 * B-cubed precision and recall (Bagga and Baldwin): per report, the share of its group that
 * carries its label, and the share of its label's reports that are in its group, averaged over
 * the reports. Unlike pairwise scores, a large wrong merge weighs by the reports it misleads,
 * not by the square of its size.
 */
export function bcubedScore(grouped: readonly GroupedReport[]): BCubedScore {
  if (grouped.length === 0) return { precision: 1, recall: 1 };
  const byGroup = countBy(grouped, (entry) => entry.storyId);
  const byLabel = countBy(grouped, (entry) => entry.report.story);
  const byBoth = countBy(grouped, (entry) => `${entry.storyId}\n${entry.report.story}`);
  let precision = 0;
  let recall = 0;
  for (const entry of grouped) {
    const both = byBoth.get(`${entry.storyId}\n${entry.report.story}`) ?? 0;
    precision += both / (byGroup.get(entry.storyId) ?? 1);
    recall += both / (byLabel.get(entry.report.story) ?? 1);
  }
  return { precision: precision / grouped.length, recall: recall / grouped.length };
}

function countBy<T>(values: readonly T[], key: (value: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(key(value), (counts.get(key(value)) ?? 0) + 1);
  return counts;
}

/**
 * Labeled stories that a subscriber without corroborations never hears of: none of their
 * reports raised an alert, and none joined another story so weakly that it is sent anyway
 * (`isWeakLikeness` at the `weak` levels; without them, no corroboration is sent). Each is a lost alert.
 */
export function silencedStories(
  grouped: readonly GroupedReport[],
  weak?: WeakLikenessLevels,
): string[] {
  const heard = new Set<string>();
  for (const { report, decision } of grouped) {
    if (decision === null) continue;
    if (decision.kind === 'new-story') heard.add(report.story);
    else if (weak !== undefined && isWeakLikeness(decision, weak)) {
      heard.add(report.story);
    }
  }
  const labels = new Set(
    grouped.filter((entry) => entry.decision !== null).map((e) => e.report.story),
  );
  return [...labels].filter((label) => !heard.has(label)).sort();
}

/**
 * The reports that joined a story weakly (`isWeakLikeness`) and so went to every subscriber of
 * their topics, and how many of them were of the story they joined: a second message about a
 * story already alerted, the price of the lost alerts the rest prevent.
 */
export function weakCorroborations(
  grouped: readonly GroupedReport[],
  weak: WeakLikenessLevels,
): { readonly sent: number; readonly repeats: number } {
  const labelOf = new Map(grouped.map((entry) => [entry.report.id, entry.report.story]));
  let sent = 0;
  let repeats = 0;
  for (const { report, decision, storyId } of grouped) {
    if (decision?.kind !== 'same-story' || !isWeakLikeness(decision, weak)) continue;
    sent++;
    if (labelOf.get(storyId) === report.story) repeats++;
  }
  return { sent, repeats };
}
