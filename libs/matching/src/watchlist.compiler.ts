import { type CompiledRule, Matcher } from './matcher.js';
import { PatternIndex } from './pattern-index.js';
import type { QueryNode } from './query.ast.js';
import { parseQuery } from './query.parser.js';
import { FIELD_BIT, type RuleExpression } from './rule-expression.js';
import { normaliseWords } from './text.normaliser.js';

export interface WatchlistRule {
  readonly id: string;
  readonly query: string;
  /** Added to the topic's score when the rule matches; 1 when absent. */
  readonly weight?: number;
}

export interface WatchlistTopic {
  readonly id: string;
  readonly title: string;
  readonly rules: readonly WatchlistRule[];
}

export interface WatchlistDefinition {
  /** `@name` in a query stands for any of these texts; an entry of several words is a phrase. */
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
  readonly topics: readonly WatchlistTopic[];
}

export interface WatchlistError {
  readonly topic: string;
  /** Empty for a problem with the topic itself. */
  readonly rule: string;
  /** Offset into the rule's query; 0 when the problem is not in the query. */
  readonly position: number;
  readonly message: string;
}

export type WatchlistCompilation =
  | { readonly ok: true; readonly matcher: Matcher }
  | { readonly ok: false; readonly errors: readonly WatchlistError[] };

type Lowering =
  { ok: true; expression: RuleExpression } | { ok: false; position: number; message: string };

/**
 * Turns query ASTs into rule expressions over one shared PatternIndex: aliases expanded, each
 * phrase a leaf per spelling of its compounds.
 */
class RuleLowering {
  constructor(
    private readonly index: PatternIndex,
    private readonly aliases: Readonly<Record<string, readonly string[]>>,
  ) {}

  lower(node: QueryNode): Lowering {
    switch (node.kind) {
      case 'term':
        return this.leaf(this.index.addSequence([node.word]));
      case 'phrase':
        return { ok: true, expression: this.words(node.words) };
      case 'prefix':
        return this.leaf(this.index.addPrefix(node.prefix));
      case 'and':
      case 'or': {
        const children: RuleExpression[] = [];
        for (const child of node.children) {
          const lowered = this.lower(child);
          if (!lowered.ok) return lowered;
          children.push(lowered.expression);
        }
        return { ok: true, expression: { kind: node.kind, children } };
      }
      case 'not': {
        const child = this.lower(node.child);
        return child.ok
          ? { ok: true, expression: { kind: 'not', child: child.expression } }
          : child;
      }
      case 'field': {
        const child = this.lower(node.child);
        if (!child.ok) return child;
        return {
          ok: true,
          expression: { kind: 'field', fields: FIELD_BIT[node.field], child: child.expression },
        };
      }
      case 'near': {
        const left = this.lower(node.left);
        if (!left.ok) return left;
        const right = this.lower(node.right);
        if (!right.ok) return right;
        return {
          ok: true,
          expression: {
            kind: 'near',
            left: left.expression,
            right: right.expression,
            distance: node.distance,
          },
        };
      }
      case 'alias':
        return this.alias(node.name, node.start);
    }
  }

  private alias(name: string, position: number): Lowering {
    const entries = Object.hasOwn(this.aliases, name) ? this.aliases[name] : undefined;
    if (entries === undefined) {
      const known = Object.keys(this.aliases).map((alias) => `@${alias}`);
      const hint = known.length > 0 ? ` (declared: ${known.join(', ')})` : ' (no aliases declared)';
      return { ok: false, position, message: `unknown alias "@${name}" at ${position}${hint}` };
    }
    if (entries.length === 0) {
      return { ok: false, position, message: `alias "@${name}" at ${position} has no entries` };
    }
    const children: RuleExpression[] = [];
    for (const entry of entries) {
      const words = normaliseWords(entry);
      if (words.length === 0) {
        return {
          ok: false,
          position,
          message: `alias "@${name}" at ${position} has an entry without letters or digits: "${entry}"`,
        };
      }
      children.push(this.words(words));
    }
    return { ok: true, expression: { kind: 'or', children } };
  }

  /**
   * A phrase with compounds is two sequences: the parts (`hu bin chen`) and the joined forms
   * (`hu binchen`); the text side has both spellings of its own compounds, so either matches.
   */
  private words(words: readonly (readonly string[])[]): RuleExpression {
    const split = words.flat();
    const joined = words.map((parts) => parts.join(''));
    const variants = split.length === joined.length ? [split] : [split, joined];
    const children = variants.flatMap(([first, ...rest]): RuleExpression[] =>
      first === undefined ? [] : [{ kind: 'leaf', leaf: this.index.addSequence([first, ...rest]) }],
    );
    return children.length === 1 && children[0] ? children[0] : { kind: 'or', children };
  }

  private leaf(leaf: number): Lowering {
    return { ok: true, expression: { kind: 'leaf', leaf } };
  }
}

/**
 * Parses and compiles every rule of a watchlist into one Matcher. All problems are reported
 * together: syntax errors with their position, unknown aliases, duplicate ids, bad weights.
 */
export function compileWatchlist(definition: WatchlistDefinition): WatchlistCompilation {
  const index = new PatternIndex();
  const lowering = new RuleLowering(index, definition.aliases ?? {});
  const errors: WatchlistError[] = [];
  const rules: CompiledRule[] = [];
  const topicIds = new Set<string>();
  for (const topic of definition.topics) {
    if (topicIds.has(topic.id)) {
      errors.push({ topic: topic.id, rule: '', position: 0, message: 'duplicate topic id' });
    }
    topicIds.add(topic.id);
    const ruleIds = new Set<string>();
    for (const rule of topic.rules) {
      const fail = (position: number, message: string) =>
        errors.push({ topic: topic.id, rule: rule.id, position, message });
      if (ruleIds.has(rule.id)) fail(0, 'duplicate rule id in this topic');
      ruleIds.add(rule.id);
      const weight = rule.weight ?? 1;
      if (!Number.isFinite(weight)) fail(0, 'weight must be a finite number');
      const parsed = parseQuery(rule.query);
      if (!parsed.ok) {
        fail(parsed.error.position, parsed.error.message);
        continue;
      }
      const lowered = lowering.lower(parsed.ast);
      if (!lowered.ok) {
        fail(lowered.position, lowered.message);
        continue;
      }
      rules.push({ topic: topic.id, rule: rule.id, weight, expression: lowered.expression });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, matcher: new Matcher(index, rules) };
}
