import type { QueryNode } from './query.ast.js';
import { parseQuery } from './query.parser.js';
import { compileWatchlist, type WatchlistDefinition } from './watchlist.compiler.js';
import type { Matcher } from './matcher.js';

interface RuleParts {
  readonly topic: string;
  /** What the rule keeps out, as written: `@interpol_band`, `(hound* OR riders)`. */
  readonly exclusions: readonly string[];
}

/**
 * Which names each topic of a watchlist looks for: a name is covered by a topic when one of
 * the topic's rules holds, outside any NOT, a word, phrase, prefix or alias entry that matches
 * the whole name ("Hu Binchen" is covered by `@interpol_officials AND elect*` when that alias
 * lists Hu Binchen; not by a rule that only says `Hu`).
 */
export class WatchlistCoverage {
  private constructor(
    private readonly vocabulary: Matcher | undefined,
    private readonly rules: readonly RuleParts[],
  ) {}

  static of(definition: WatchlistDefinition): WatchlistCoverage {
    const aliases = definition.aliases ?? {};
    const rules: RuleParts[] = [];
    const leaves: { id: string; query: string }[] = [];
    for (const topic of definition.topics) {
      for (const rule of topic.rules) {
        const parsed = parseQuery(rule.query);
        if (!parsed.ok) continue;
        const index = rules.length;
        rules.push({ topic: topic.id, exclusions: exclusions(parsed.ast, rule.query) });
        const queries = new Set(positiveLeaves(parsed.ast, rule.query, aliases));
        [...queries].forEach((query, leaf) => leaves.push({ id: `r${index}-${leaf}`, query }));
      }
    }
    const compiled =
      leaves.length > 0
        ? compileWatchlist({ topics: [{ id: 'vocabulary', title: 'vocabulary', rules: leaves }] })
        : undefined;
    return new WatchlistCoverage(compiled?.ok ? compiled.matcher : undefined, rules);
  }

  /** Whether some rule of the topic looks for this name as a whole. */
  covers(topic: string, name: string): boolean {
    return this.rulesNaming(name).some((rule) => rule.topic === topic);
  }

  /** The topics that look for the name as a whole, each once, in the watchlist's order. */
  topicsCovering(name: string): string[] {
    return [...new Set(this.rulesNaming(name).map((rule) => rule.topic))].sort(
      (a, b) => this.topicOrder(a) - this.topicOrder(b),
    );
  }

  /** What the rules that look for any of these names keep out, each clause once. */
  exclusionsFor(names: readonly string[]): string[] {
    return [
      ...new Set(
        names.flatMap((name) => this.rulesNaming(name).flatMap((rule) => rule.exclusions)),
      ),
    ].sort();
  }

  private topicOrder(topic: string): number {
    return this.rules.findIndex((rule) => rule.topic === topic);
  }

  private rulesNaming(name: string): RuleParts[] {
    if (!this.vocabulary || name.trim() === '') return [];
    return this.vocabulary
      .match({ title: name, summary: '', categories: [] })
      .matches.filter((match) =>
        match.terms.some((term) => term.start === 0 && term.end === name.length),
      )
      .map((match) => this.rules[Number(match.rule.slice(1, match.rule.indexOf('-')))]!);
  }
}

/** Each word, phrase, prefix and alias entry the query looks for, as a query of its own. */
function positiveLeaves(
  node: QueryNode,
  query: string,
  aliases: Readonly<Record<string, readonly string[]>>,
): string[] {
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'prefix':
      return [query.slice(node.start, node.end)];
    case 'alias':
      return (aliases[node.name] ?? []).map((entry) => `"${entry.replaceAll('"', ' ')}"`);
    case 'and':
    case 'or':
      return node.children.flatMap((child) => positiveLeaves(child, query, aliases));
    case 'near':
      return [
        ...positiveLeaves(node.left, query, aliases),
        ...positiveLeaves(node.right, query, aliases),
      ];
    case 'field':
      return positiveLeaves(node.child, query, aliases);
    case 'not':
      return [];
  }
}

/** The NOT clauses of a query, as written, in parentheses when they are more than one word. */
function exclusions(node: QueryNode, query: string): string[] {
  switch (node.kind) {
    case 'not': {
      const text = query.slice(node.child.start, node.child.end);
      return [/^[@\w*"-]+$/u.test(text) ? text : `(${text})`];
    }
    case 'and':
    case 'or':
      return node.children.flatMap((child) => exclusions(child, query));
    case 'near':
      return [...exclusions(node.left, query), ...exclusions(node.right, query)];
    case 'field':
      return exclusions(node.child, query);
    default:
      return [];
  }
}
