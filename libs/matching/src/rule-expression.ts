import type { QueryField } from './query.ast.js';

/** Fields as bits, so that nested scopes intersect with one `&`. */
export const FIELD_BIT: Readonly<Record<QueryField, number>> = {
  title: 1,
  summary: 2,
  categories: 4,
};
export const ALL_FIELDS = 7;

/** Where a pattern was found in an item. */
export interface Occurrence {
  /** Title, summary, then each category: words in different segments are never near. */
  readonly segment: number;
  readonly field: number;
  /** First and last word positions covered, for NEAR. */
  readonly first: number;
  readonly last: number;
  /** Offsets into the segment's original text, for the explanation. */
  readonly start: number;
  readonly end: number;
}

/** A compiled rule: the query with aliases expanded and every word pattern a leaf id. */
export type RuleExpression =
  | { readonly kind: 'leaf'; readonly leaf: number }
  | { readonly kind: 'and' | 'or'; readonly children: readonly RuleExpression[] }
  | { readonly kind: 'not'; readonly child: RuleExpression }
  | {
      readonly kind: 'near';
      readonly left: RuleExpression;
      readonly right: RuleExpression;
      readonly distance: number;
    }
  | { readonly kind: 'field'; readonly fields: number; readonly child: RuleExpression };

export type Occurrences = ReadonlyMap<number, readonly Occurrence[]>;

/** Words between two occurrences: 1 when adjacent, 0 or less when they overlap. */
const gap = (a: Occurrence, b: Occurrence) => Math.max(b.first - a.last, a.first - b.last);

/**
 * Evaluates a rule over the patterns found in an item. Null when the rule does not hold;
 * otherwise the occurrences that make it hold (none for a NOT), for the explanation.
 */
export function evaluate(
  expression: RuleExpression,
  found: Occurrences,
  scope: number = ALL_FIELDS,
): readonly Occurrence[] | null {
  switch (expression.kind) {
    case 'leaf': {
      const all = found.get(expression.leaf) ?? [];
      const inScope = scope === ALL_FIELDS ? all : all.filter((each) => each.field & scope);
      return inScope.length > 0 ? inScope : null;
    }
    case 'and': {
      const result: Occurrence[] = [];
      for (const child of expression.children) {
        const occurrences = evaluate(child, found, scope);
        if (occurrences === null) return null;
        result.push(...occurrences);
      }
      return result;
    }
    case 'or': {
      let result: Occurrence[] | null = null;
      for (const child of expression.children) {
        const occurrences = evaluate(child, found, scope);
        if (occurrences !== null) (result ??= []).push(...occurrences);
      }
      return result;
    }
    case 'not':
      return evaluate(expression.child, found, scope) === null ? [] : null;
    case 'field':
      return evaluate(expression.child, found, scope & expression.fields);
    case 'near': {
      const left = evaluate(expression.left, found, scope);
      const right = left && evaluate(expression.right, found, scope);
      if (!left || !right) return null;
      const close = new Set<Occurrence>();
      for (const a of left) {
        for (const b of right) {
          if (a.segment === b.segment && gap(a, b) <= expression.distance) close.add(a).add(b);
        }
      }
      return close.size > 0 ? [...close] : null;
    }
  }
}
