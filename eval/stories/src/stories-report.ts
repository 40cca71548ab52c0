import type { GroupingSettings } from '@app/stories';
import type {
  BCubedScore,
  GroupedReport,
  GroupingRun,
  PairwiseScore,
} from './stories-evaluation.js';

const ratio = (part: number, whole: number) =>
  `${(whole === 0 ? 1 : part / whole).toFixed(3)} (${part}/${whole})`;

export function formatReport(
  run: GroupingRun,
  score: PairwiseScore,
  endToEnd: PairwiseScore,
  bcubed: BCubedScore,
  settings: GroupingSettings,
): string {
  const unmatched = run.grouped.filter((entry) => entry.decision === null);
  const stories = new Set(run.grouped.map((entry) => entry.storyId)).size;
  return [
    `settings: ${JSON.stringify(settings)}`,
    '',
    '| measure | value |',
    '|---|---|',
    `| B-cubed precision, matched reports | ${bcubed.precision.toFixed(3)} |`,
    `| B-cubed recall, matched reports | ${bcubed.recall.toFixed(3)} |`,
    `| pairwise precision, matched reports | ${ratio(score.correctPairs, score.groupedPairs)} |`,
    `| pairwise recall, matched reports | ${ratio(score.correctPairs, score.labeledPairs)} |`,
    `| pairwise precision, all reports | ${ratio(endToEnd.correctPairs, endToEnd.groupedPairs)} |`,
    `| pairwise recall, all reports | ${ratio(endToEnd.correctPairs, endToEnd.labeledPairs)} |`,
    `| stories formed | ${stories} |`,
    `| reports the watchlist did not match (a story each) | ${unmatched.length} |`,
    `| grouping cost per matched report | ${run.microsPerItem.toFixed(1)} µs |`,
    `| stories started, by reason | ${formatStartReasons(run)} |`,
    '',
    formatPairs('grouped together but labeled apart', score.wrongJoins),
    formatPairs('labeled together but grouped apart', score.missedJoins),
    unmatched.length === 0
      ? 'every report matched the watchlist'
      : `not matched by the watchlist: ${unmatched.map((entry) => entry.report.id).join(', ')}`,
    '',
    'decisions, in publication order:',
    ...run.grouped.map(formatDecision),
  ].join('\n');
}

/** One file's figures when each file is grouped as a stream of its own (`--each`). */
export interface SetScore {
  readonly path: string;
  readonly matched: number;
  readonly labels: number;
  readonly stories: number;
  readonly bcubed: BCubedScore;
  readonly pairwise: PairwiseScore;
  /** Stories lost with no corroboration sent, and with the weak ones sent. */
  readonly lost: { readonly none: number; readonly weakSent: number };
  readonly weak: { readonly sent: number; readonly repeats: number };
}

/**
 * A row per file, then the B-cubed scores pooled over every file's matched reports (each set's
 * weighted by its reports) and the totals: what "the extended set" scores, set by set.
 */
export function formatEachReport(sets: readonly SetScore[], pooled: BCubedScore): string {
  const sum = (value: (set: SetScore) => number) =>
    sets.reduce((total, set) => total + value(set), 0);
  return [
    '| items | matched reports | labels | stories formed | B-cubed P | B-cubed R | pairwise P | pairwise R | lost (none sent / weak sent) | weak sent (second) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...sets.map(
      (set) =>
        `| ${set.path} | ${set.matched} | ${set.labels} | ${set.stories} | ` +
        `${set.bcubed.precision.toFixed(3)} | ${set.bcubed.recall.toFixed(3)} | ` +
        `${ratio(set.pairwise.correctPairs, set.pairwise.groupedPairs)} | ` +
        `${ratio(set.pairwise.correctPairs, set.pairwise.labeledPairs)} | ` +
        `${set.lost.none} / ${set.lost.weakSent} | ${set.weak.sent} (${set.weak.repeats}) |`,
    ),
    `| pooled | ${sum((set) => set.matched)} | ${sum((set) => set.labels)} | ` +
      `${sum((set) => set.stories)} | ${pooled.precision.toFixed(3)} | ` +
      `${pooled.recall.toFixed(3)} | | | ${sum((set) => set.lost.none)} / ` +
      `${sum((set) => set.lost.weakSent)} | ${sum((set) => set.weak.sent)} ` +
      `(${sum((set) => set.weak.repeats)}) |`,
  ].join('\n');
}

function formatPairs(
  heading: string,
  pairs: readonly (readonly [GroupedReport, GroupedReport])[],
): string {
  if (pairs.length === 0) return `${heading}: none`;
  return [
    `${heading}: ${pairs.length} pairs`,
    ...pairs.map(([a, b]) => `  ${a.report.id} [${a.storyId}] ~ ${b.report.id} [${b.storyId}]`),
  ].join('\n');
}

/** How many stories each reason started (`alert.raised`'s `start`), most first. */
function formatStartReasons(run: GroupingRun): string {
  const counts = new Map<string, number>();
  for (const { decision } of run.grouped) {
    if (decision?.kind === 'new-story') {
      counts.set(decision.reason, (counts.get(decision.reason) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
}

function formatDecision({ report, decision, storyId }: GroupedReport): string {
  const head = `  ${report.publishedAt} ${report.id} (label ${report.story}) -> ${storyId}`;
  if (decision === null) return `${head}: not matched`;
  if (decision.kind === 'new-story') {
    const likeness = decision.similarity === undefined ? '' : ` at ${decision.similarity}`;
    const nearest =
      decision.nearestStoryId === undefined
        ? ''
        : `, nearest ${decision.nearestStoryId}${likeness}`;
    return `${head}: new story (${decision.reason}${nearest})`;
  }
  return (
    `${head}: ${decision.reason} ${decision.similarity} to ${decision.closestItemId} ` +
    `[${decision.sharedTerms.join(', ')}]`
  );
}
