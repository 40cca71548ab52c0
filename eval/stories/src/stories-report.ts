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

function formatDecision({ report, decision, storyId }: GroupedReport): string {
  const head = `  ${report.publishedAt} ${report.id} (label ${report.story}) -> ${storyId}`;
  if (decision === null) return `${head}: not matched`;
  if (decision.kind === 'new-story') return `${head}: new story`;
  return (
    `${head}: ${decision.reason} ${decision.similarity} to ${decision.closestItemId} ` +
    `[${decision.sharedTerms.join(', ')}]`
  );
}
