import { type MatchedTerm, type RuleMatch } from '@app/matching';
import {
  type Counts,
  type Evaluation,
  type Miss,
  FIRING_SCORE,
  precision,
  recall,
} from './watchlist-evaluation.js';

export interface Targets {
  /** Micro-averaged precision and recall over all topics must each reach this. */
  readonly overall: number;
  /** Each topic's precision and recall must each reach this. */
  readonly perTopic: number;
}

export interface Verdict {
  readonly passed: boolean;
  readonly failures: readonly string[];
}

const format = (value: number) => value.toFixed(3);

export function judge(evaluation: Evaluation, targets: Targets): Verdict {
  const failures: string[] = [];
  const check = (name: string, counts: Counts, target: number) => {
    for (const [measure, value] of [
      ['precision', precision(counts)],
      ['recall', recall(counts)],
    ] as const) {
      if (value < target) failures.push(`${name} ${measure} ${format(value)} < ${target}`);
    }
  };
  for (const topic of evaluation.topics) check(topic.topic, topic, targets.perTopic);
  check('overall', evaluation.overall, targets.overall);
  return { passed: failures.length === 0, failures };
}

export function formatScoreTable(evaluation: Evaluation): string {
  const rows = [
    ['topic', 'labeled', 'TP', 'FP', 'FN', 'precision', 'recall'],
    ...evaluation.topics.map((topic) => [topic.topic, String(topic.labeled), ...countCells(topic)]),
    ['overall (micro)', '', ...countCells(evaluation.overall)],
  ];
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths?.[column] ?? 0) : cell.padStart(widths?.[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

function countCells(counts: Counts): string[] {
  return [
    String(counts.truePositives),
    String(counts.falsePositives),
    String(counts.falseNegatives),
    format(precision(counts)),
    format(recall(counts)),
  ];
}

/** Each miss with the item and the rules that fired, and on which words. */
export function formatMisses(misses: readonly Miss[]): string {
  if (misses.length === 0) return 'no false positives, no false negatives';
  const ordered = [...misses].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.topic.localeCompare(b.topic),
  );
  return ordered.map(formatMiss).join('\n');
}

function formatMiss(miss: Miss): string {
  const labels = miss.item.topics.length > 0 ? miss.item.topics.join(', ') : 'none';
  const lines = [
    `${miss.kind.toUpperCase()} ${miss.topic}: ${miss.item.id} "${miss.item.title}" (labeled: ${labels})`,
  ];
  const own = miss.matches.filter((match) => match.topic === miss.topic);
  const others = miss.matches.filter((match) => match.topic !== miss.topic);
  if (miss.kind === 'false positive') {
    lines.push(...own.map((match) => `    fired ${describeMatch(match)}`));
  } else {
    lines.push(`    no rule of ${miss.topic} matched`);
  }
  lines.push(...others.map((match) => `    also fired ${describeMatch(match)}`));
  return lines.join('\n');
}

function describeMatch(match: RuleMatch): string {
  const terms = match.terms.map(describeTerm).join(', ');
  return `${match.topic}/${match.rule} (weight ${match.weight}): ${terms}`;
}

function describeTerm(term: MatchedTerm): string {
  return `${term.field} "${term.text}"@${term.start}`;
}

export function formatThresholds(targets: Targets): string {
  return (
    `a topic fires when its score (sum of its matched rules' weights) is > ${FIRING_SCORE}; ` +
    `targets: overall precision and recall >= ${targets.overall}, ` +
    `each topic's >= ${targets.perTopic}`
  );
}
