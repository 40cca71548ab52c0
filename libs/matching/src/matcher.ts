import type { PatternIndex, ScanSegment } from './pattern-index.js';
import { FIELD_BIT, type Occurrence, type RuleExpression, evaluate } from './rule-expression.js';

/** What matching reads of an item: HTML already stripped and entities decoded. */
export interface MatchInput {
  readonly title: string;
  readonly summary: string;
  readonly categories: readonly string[];
}

/** A matched word or phrase as written, with offsets into the field it was found in. */
export type MatchedTerm =
  | {
      readonly field: 'title' | 'summary';
      readonly text: string;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly field: 'categories';
      /** Index into `MatchInput.categories`; offsets are into that category. */
      readonly category: number;
      readonly text: string;
      readonly start: number;
      readonly end: number;
    };

export interface RuleMatch {
  readonly topic: string;
  readonly rule: string;
  readonly weight: number;
  /** The words that made the rule hold, by field then offset; nothing for its NOT parts. */
  readonly terms: readonly MatchedTerm[];
}

export interface MatchResult {
  /** In watchlist order. */
  readonly matches: readonly RuleMatch[];
  /** Sum of the weights of the matched rules, for each topic with at least one. */
  readonly scores: Readonly<Record<string, number>>;
}

export interface CompiledRule {
  readonly topic: string;
  readonly rule: string;
  readonly weight: number;
  readonly expression: RuleExpression;
}

/** The leaves a rule cannot hold without: those outside any NOT. */
function requiredLeaves(expression: RuleExpression, into: Set<number>): Set<number> {
  switch (expression.kind) {
    case 'leaf':
      into.add(expression.leaf);
      break;
    case 'and':
    case 'or':
      for (const child of expression.children) requiredLeaves(child, into);
      break;
    case 'near':
      requiredLeaves(expression.left, into);
      requiredLeaves(expression.right, into);
      break;
    case 'field':
      requiredLeaves(expression.child, into);
      break;
    case 'not':
      break;
  }
  return into;
}

/**
 * A compiled watchlist. Per item: normalise each field once, find every rule's patterns in one
 * pass over the words (PatternIndex), then evaluate only the rules that reference a pattern
 * found outside a NOT. The parser refuses rules that could hold with nothing found, so the
 * others cannot have matched.
 */
export class Matcher {
  private readonly rulesByLeaf = new Map<number, number[]>();

  constructor(
    private readonly index: PatternIndex,
    private readonly rules: readonly CompiledRule[],
  ) {
    rules.forEach((rule, ruleIndex) => {
      for (const leaf of requiredLeaves(rule.expression, new Set())) {
        const list = this.rulesByLeaf.get(leaf);
        if (list) list.push(ruleIndex);
        else this.rulesByLeaf.set(leaf, [ruleIndex]);
      }
    });
  }

  get ruleCount(): number {
    return this.rules.length;
  }

  match(input: MatchInput): MatchResult {
    const segments: ScanSegment[] = [
      { text: input.title, field: FIELD_BIT.title },
      { text: input.summary, field: FIELD_BIT.summary },
      ...input.categories.map((text) => ({ text, field: FIELD_BIT.categories })),
    ];
    const found = this.index.scan(segments);
    const candidates = new Set<number>();
    for (const leaf of found.keys()) {
      for (const ruleIndex of this.rulesByLeaf.get(leaf) ?? []) candidates.add(ruleIndex);
    }
    const matches: RuleMatch[] = [];
    const scores: Record<string, number> = {};
    for (const ruleIndex of [...candidates].sort((a, b) => a - b)) {
      const rule = this.rules[ruleIndex];
      const occurrences = rule && evaluate(rule.expression, found);
      if (!rule || !occurrences) continue;
      matches.push({
        topic: rule.topic,
        rule: rule.rule,
        weight: rule.weight,
        terms: explain(occurrences, input),
      });
      scores[rule.topic] = (scores[rule.topic] ?? 0) + rule.weight;
    }
    return { matches, scores };
  }
}

/**
 * Distinct occurrences as the original words, title first, then summary, then categories
 * (segments are numbered in that order by match()).
 */
function explain(occurrences: readonly Occurrence[], input: MatchInput): MatchedTerm[] {
  const distinct = new Map<string, Occurrence>();
  for (const each of occurrences) distinct.set(`${each.segment}:${each.start}:${each.end}`, each);
  return [...distinct.values()]
    .sort((a, b) => a.segment - b.segment || a.start - b.start || a.end - b.end)
    .map(({ segment, start, end }): MatchedTerm => {
      if (segment === 0) return { field: 'title', text: input.title.slice(start, end), start, end };
      if (segment === 1) {
        return { field: 'summary', text: input.summary.slice(start, end), start, end };
      }
      const category = segment - 2;
      const text = (input.categories[category] ?? '').slice(start, end);
      return { field: 'categories', category, text, start, end };
    });
}
