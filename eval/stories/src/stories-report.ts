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
