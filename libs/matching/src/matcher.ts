import { FoundPatterns, IndexStack } from './found-patterns.js';
import type { PatternIndex } from './pattern-index.js';
import {
  ALL_FIELDS,
  FIELD_BIT,
  type RuleExpression,
  collect,
  collectLeaf,
  holds,
} from './rule-expression.js';

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

/** The leaves one of which must occur for the rule to hold: those outside any NOT. */
function triggerLeaves(expression: RuleExpression, into: Set<number>): Set<number> {
  switch (expression.kind) {
    case 'leaf':
      into.add(expression.leaf);
      break;
    case 'and':
    case 'or':
      for (const child of expression.children) triggerLeaves(child, into);
      break;
    case 'near':
      triggerLeaves(expression.left, into);
      triggerLeaves(expression.right, into);
      break;
    case 'field':
      triggerLeaves(expression.child, into);
      break;
    case 'not':
      break;
  }
  return into;
}

/** The leaves that must all occur for the rule to hold: both sides of an AND or a NEAR. */
function essentialLeaves(expression: RuleExpression): number[] {
  return [...essentialSet(expression)];
}

function essentialSet(expression: RuleExpression): Set<number> {
  switch (expression.kind) {
    case 'leaf':
      return new Set([expression.leaf]);
    case 'and':
      return new Set(expression.children.flatMap(essentialLeaves));
    case 'near':
      return new Set([...essentialSet(expression.left), ...essentialSet(expression.right)]);
    case 'or': {
      // What every branch needs.
      const [first, ...rest] = expression.children.map(essentialSet);
      return new Set([...(first ?? [])].filter((leaf) => rest.every((each) => each.has(leaf))));
    }
    case 'field':
      return essentialSet(expression.child);
    case 'not':
      return new Set();
  }
}

/**
 * For a rule that is one leaf under field scopes, which holds when the leaf occurs in one of
 * them: leaf * 8 + scope (scopes are 3 bits). Else NOT_SINGLE.
 */
function singleLeaf(expression: RuleExpression, scope = ALL_FIELDS): number {
  if (expression.kind === 'leaf') return expression.leaf * 8 + scope;
  if (expression.kind === 'field') return singleLeaf(expression.child, scope & expression.fields);
  return NOT_SINGLE;
}
const NOT_SINGLE = -1;

/** How a rule listed under a leaf is tried. */
interface Edge {
  readonly ruleIndex: number;
  /** For a rule that is that leaf alone, its scope (0 or more); else EVALUATE or EVALUATE_ONCE. */
  readonly scope: number;
  /** Another leaf the rule cannot hold without, or -1. */
  readonly other: number;
}
/** Evaluate the rule: it is listed under this leaf only. */
const EVALUATE = -1;
/** Evaluate the rule unless already done for this item: it is listed under several leaves. */
const EVALUATE_ONCE = -2;

/** Explanations longer than this are sorted by the built-in sort rather than by insertion. */
const INSERTION_SORT_LIMIT = 16;

/**
 * A compiled watchlist. Per item: normalise each field once, find every rule's patterns in one
 * pass over the words (PatternIndex), then evaluate only the rules that reference a pattern
 * found outside a NOT. The parser refuses rules that could hold with nothing found, so the
 * others cannot have matched.
 *
 * What is read per rule lives in arrays by rule index rather than in an object per rule: an
 * item matches a few hundred rules scattered among (say) a hundred thousand, and each object
 * would cost a cache miss or more where a dense array mostly stays in cache. The per-item state
 * lives in typed arrays reused from one item to the next, stamped with a generation so that
 * nothing needs clearing.
 */
export class Matcher {
  private readonly ruleIds: readonly string[];
  private readonly weights: readonly number[];
  private readonly expressions: readonly RuleExpression[];
  private readonly topics: string[] = [];
  /**
   * Per rule, side by side since a match reads both: singleLeaf(), then its index into
   * `topics`.
   */
  private readonly ruleFacts: Int32Array;
  /**
   * The rules to try when a leaf occurs: ruleList[ruleStarts[leaf] .. ruleStarts[leaf + 1]),
   * with the Edge fields of each in ruleScopes and ruleOthers. A rule with leaves it cannot hold
   * without is listed under one of them only (so tried at most once, and only if the second
   * occurred too); a rule with none (an OR), under each leaf outside its NOTs.
   */
  private readonly ruleStarts: Int32Array;
  private readonly ruleList: Int32Array;
  private readonly ruleScopes: Int32Array;
  private readonly ruleOthers: Int32Array;

  private readonly found: FoundPatterns;
  /** Rules already evaluated for this item, when stamped with `generation`. */
  private readonly ruleStamps: Int32Array;
  private generation = 0;
  /** Rules that held, then sorted into watchlist order. */
  private readonly held = new IndexStack();
  /** Occurrences gathered by `holds` and `collect`. */
  private readonly occurrences = new IndexStack();
  private readonly topicScores: Float64Array;
  private readonly topicStamps: Int32Array;
  /** Topics scored for this item, in the order of their first match. */
  private readonly scoredTopics = new IndexStack();

  constructor(
    private readonly index: PatternIndex,
    rules: readonly CompiledRule[],
  ) {
    this.ruleIds = rules.map((rule) => rule.rule);
    this.weights = rules.map((rule) => rule.weight);
    this.expressions = rules.map((rule) => rule.expression);
    const topicIndexes = new Map<string, number>();
    this.ruleFacts = new Int32Array(rules.length * 2);
    rules.forEach(({ topic, expression }, ruleIndex) => {
      let topicIndex = topicIndexes.get(topic);
      if (topicIndex === undefined) {
        topicIndexes.set(topic, (topicIndex = this.topics.length));
        this.topics.push(topic);
      }
      this.ruleFacts[2 * ruleIndex] = singleLeaf(expression);
      this.ruleFacts[2 * ruleIndex + 1] = topicIndex;
    });

    const leafCount = index.leafCount;
    const byLeaf = Array.from({ length: leafCount }, (): Edge[] => []);
    rules.forEach(({ expression }, ruleIndex) => {
      const single = this.ruleFacts[2 * ruleIndex] ?? NOT_SINGLE;
      const [first, other = -1] = essentialLeaves(expression);
      if (single !== NOT_SINGLE) {
        byLeaf[single >> 3]?.push({ ruleIndex, scope: single & 7, other });
      } else if (first !== undefined) {
        byLeaf[first]?.push({ ruleIndex, scope: EVALUATE, other });
      } else {
        for (const leaf of triggerLeaves(expression, new Set())) {
          byLeaf[leaf]?.push({ ruleIndex, scope: EVALUATE_ONCE, other: -1 });
        }
      }
    });
    const edges = byLeaf.flat();
    this.ruleList = Int32Array.from(edges, (edge) => edge.ruleIndex);
    this.ruleScopes = Int32Array.from(edges, (edge) => edge.scope);
    this.ruleOthers = Int32Array.from(edges, (edge) => edge.other);
    this.ruleStarts = new Int32Array(leafCount + 1);
    byLeaf.forEach((list, leaf) => {
      this.ruleStarts[leaf + 1] = (this.ruleStarts[leaf] ?? 0) + list.length;
    });

    this.found = new FoundPatterns(leafCount);
    this.ruleStamps = new Int32Array(rules.length);
    this.topicScores = new Float64Array(this.topics.length);
    this.topicStamps = new Int32Array(this.topics.length);
  }

  get ruleCount(): number {
    return this.ruleIds.length;
  }

  match(input: MatchInput): MatchResult {
    const { found, index } = this;
    found.reset();
    found.beginSegment(0, FIELD_BIT.title);
    index.scan(input.title, found);
    found.beginSegment(1, FIELD_BIT.summary);
    index.scan(input.summary, found);
    input.categories.forEach((text, category) => {
      found.beginSegment(2 + category, FIELD_BIT.categories);
      index.scan(text, found);
    });
    const generation = this.nextGeneration();
    this.findHeld(generation);

    const { held, occurrences, ruleFacts, topics, weights } = this;
    const matches: RuleMatch[] = [];
    this.scoredTopics.length = 0;
    for (let each = 0; each < held.length; each++) {
      const ruleIndex = held.items[each] ?? 0;
      const single = ruleFacts[2 * ruleIndex] ?? NOT_SINGLE;
      occurrences.length = 0;
      if (single !== NOT_SINGLE) {
        collectLeaf(found, single >> 3, single & 7, occurrences);
      } else {
        const expression = this.expressions[ruleIndex];
        if (expression) collect(expression, found, ALL_FIELDS, occurrences);
      }
      const topic = ruleFacts[2 * ruleIndex + 1] ?? 0;
      const weight = weights[ruleIndex] ?? 0;
      matches.push({
        topic: topics[topic] ?? '',
        rule: this.ruleIds[ruleIndex] ?? '',
        weight,
        terms: this.explain(input),
      });
      this.score(topic, weight, generation);
    }
    return { matches, scores: this.scores() };
  }

  /** Fills `held` with the rules that hold over `found`, in watchlist order. */
  private findHeld(generation: number): void {
    const { found, ruleStarts, ruleList, ruleScopes, ruleOthers, ruleStamps, held } = this;
    held.length = 0;
    for (let each = 0; each < found.leafCount; each++) {
      const leaf = found.leaves[each] ?? 0;
      const fields = found.fieldsOf(leaf);
      const end = ruleStarts[leaf + 1] ?? 0;
      for (let at = ruleStarts[leaf] ?? 0; at < end; at++) {
        const ruleIndex = ruleList[at] ?? 0;
        const scope = ruleScopes[at] ?? EVALUATE;
        if (scope >= 0) {
          if (fields & scope) held.push(ruleIndex);
          continue;
        }
        if (scope === EVALUATE_ONCE) {
          if (ruleStamps[ruleIndex] === generation) continue;
          ruleStamps[ruleIndex] = generation;
        } else {
          const other = ruleOthers[at] ?? -1;
          if (other >= 0 && found.fieldsOf(other) === 0) continue;
        }
        const expression = this.expressions[ruleIndex];
        if (expression && holds(expression, found, ALL_FIELDS, this.occurrences)) {
          held.push(ruleIndex);
        }
      }
    }
    // Numeric order is watchlist order.
    held.items.subarray(0, held.length).sort();
  }

  private nextGeneration(): number {
    if (this.generation === 0x3fffffff) {
      this.ruleStamps.fill(0);
      this.topicStamps.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }

  private score(topic: number, weight: number, generation: number): void {
    if (this.topicStamps[topic] !== generation) {
      this.topicStamps[topic] = generation;
      this.topicScores[topic] = 0;
      this.scoredTopics.push(topic);
    }
    this.topicScores[topic] = (this.topicScores[topic] ?? 0) + weight;
  }

  private scores(): Record<string, number> {
    const scores: Record<string, number> = {};
    const { items, length } = this.scoredTopics;
    for (let each = 0; each < length; each++) {
      const topic = items[each] ?? 0;
      scores[this.topics[topic] ?? ''] = this.topicScores[topic] ?? 0;
    }
    return scores;
  }

  /**
   * The distinct spans of the gathered occurrences as the original words, title first, then
   * summary, then categories (segments are numbered in that order by match()). Different
   * patterns (a word and a prefix of it) can cover the same span: it is listed once.
   */
  private explain(input: MatchInput): MatchedTerm[] {
    const { found } = this;
    const { items, length } = this.occurrences;
    if (length === 1) return [term(found, items[0] ?? 0, input)]; // the usual case
    sortBySpan(found, items, length);
    // Distinct spans to the front, so that the list is allocated at its size.
    let distinct = 0;
    for (let each = 0; each < length; each++) {
      const occurrence = items[each] ?? 0;
      if (distinct > 0 && compareSpans(found, items[distinct - 1] ?? 0, occurrence) === 0) continue;
      items[distinct++] = occurrence;
    }
    const terms = new Array<MatchedTerm>(distinct);
    for (let each = 0; each < distinct; each++) terms[each] = term(found, items[each] ?? 0, input);
    return terms;
  }
}

/** The original words of an occurrence (segments are numbered as match() does). */
function term(found: FoundPatterns, occurrence: number, input: MatchInput): MatchedTerm {
  const segment = found.segments[occurrence] ?? 0;
  const start = found.starts[occurrence] ?? 0;
  const end = found.ends[occurrence] ?? 0;
  if (segment === 0) return { field: 'title', text: input.title.slice(start, end), start, end };
  if (segment === 1) {
    return { field: 'summary', text: input.summary.slice(start, end), start, end };
  }
  const category = segment - 2;
  const text = (input.categories[category] ?? '').slice(start, end);
  return { field: 'categories', category, text, start, end };
}

/** Orders occurrences by segment, then start, then end. */
function compareSpans(found: FoundPatterns, a: number, b: number): number {
  const { segments, starts, ends } = found;
  return (
    (segments[a] ?? 0) - (segments[b] ?? 0) ||
    (starts[a] ?? 0) - (starts[b] ?? 0) ||
    (ends[a] ?? 0) - (ends[b] ?? 0)
  );
}

/** Sorts items[0 .. length) by span; most explanations have a handful of occurrences. */
function sortBySpan(found: FoundPatterns, items: Int32Array, length: number): void {
  if (length > INSERTION_SORT_LIMIT) {
    items.subarray(0, length).sort((a, b) => compareSpans(found, a, b));
    return;
  }
  for (let each = 1; each < length; each++) {
    const occurrence = items[each] ?? 0;
    let at = each - 1;
    for (; at >= 0 && compareSpans(found, items[at] ?? 0, occurrence) > 0; at--) {
      items[at + 1] = items[at] ?? 0;
    }
    items[at + 1] = occurrence;
  }
}
