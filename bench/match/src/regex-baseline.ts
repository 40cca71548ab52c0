import type { NewsItem } from './news-stream.js';
import type { GeneratedRule, Pattern } from '@app/bench-kit';

/**
 * The obvious implementation: one case-insensitive RegExp per rule, tried against every item.
 * AND is the exception (one RegExp per operand, all must hold), since a single RegExp would
 * need lookaheads over the whole text.
 */
interface BaselineRule {
  readonly regexes: readonly RegExp[];
  readonly titleOnly: boolean;
}

export interface BaselineRun {
  /** Items timed, from the start of the stream; fewer than all when the time box ran out. */
  readonly items: number;
  readonly seconds: number;
  /** Rule indexes that held, per timed item. */
  readonly matched: readonly (readonly number[])[];
}

/** Items run before timing: V8 compiles each RegExp on its first use and tiers it up on the next. */
const WARM_UP_ITEMS = 2;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** A phrase's words apart by anything that is not a word character, as the matcher allows. */
function source(pattern: Pattern): string {
  return pattern.kind === 'prefix'
    ? `${escape(pattern.prefix)}\\w*`
    : pattern.words.map(escape).join('\\W+');
}

function regexesOf(rule: GeneratedRule): RegExp[] {
  const sources = rule.patterns.map(source);
  switch (rule.shape) {
    case 'and':
      return sources.map((each) => new RegExp(`\\b${each}\\b`, 'i'));
    case 'or':
      return [new RegExp(`\\b(?:${sources.join('|')})\\b`, 'i')];
    case 'near': {
      // NEAR/n: at most n - 1 words between, either order; no lookahead, so overlaps are missed.
      const [left, right] = sources;
      const between = `\\W+(?:\\w+\\W+){0,${rule.distance - 1}}`;
      return [new RegExp(`\\b${left}${between}${right}\\b|\\b${right}${between}${left}\\b`, 'i')];
    }
    default:
      return [new RegExp(`\\b${sources[0] ?? ''}\\b`, 'i')];
  }
}

export function buildBaseline(rules: readonly GeneratedRule[]): BaselineRule[] {
  return rules.map((rule) => ({ regexes: regexesOf(rule), titleOnly: rule.titleOnly }));
}

function matchItem(rules: readonly BaselineRule[], title: string, text: string): number[] {
  const matched: number[] = [];
  rules.forEach((rule, index) => {
    const subject = rule.titleOnly ? title : text;
    if (rule.regexes.every((regex) => regex.test(subject))) matched.push(index);
  });
  return matched;
}

/**
 * Runs whole items until `budgetSeconds` is spent (at least one item), so that 100k rules,
 * which take far too long for the whole stream, still give a rate from the same process.
 */
export function runBaseline(
  rules: readonly BaselineRule[],
  items: readonly NewsItem[],
  budgetSeconds: number,
): BaselineRun {
  const texts = items.map((item) => `${item.title}\n${item.summary}`);
  for (let index = 0; index < Math.min(WARM_UP_ITEMS, items.length); index++) {
    matchItem(rules, items[index]?.title ?? '', texts[index] ?? '');
  }
  const matched: number[][] = [];
  const started = performance.now();
  let elapsed = 0;
  while (matched.length < items.length && (matched.length === 0 || elapsed < budgetSeconds)) {
    const index = matched.length;
    matched.push(matchItem(rules, items[index]?.title ?? '', texts[index] ?? ''));
    elapsed = (performance.now() - started) / 1000;
  }
  return { items: matched.length, seconds: elapsed, matched };
}
