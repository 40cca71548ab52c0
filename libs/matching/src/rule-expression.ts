import type { FoundPatterns, IndexStack } from './found-patterns.js';
import type { QueryField } from './query.ast.js';

/** Fields as bits, so that nested scopes intersect with one `&`. */
export const FIELD_BIT: Readonly<Record<QueryField, number>> = {
  title: 1,
  summary: 2,
  categories: 4,
};
export const ALL_FIELDS = 7;

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

/**
 * Whether a rule holds over the patterns found in an item, from the fields each leaf occurs in
 * alone; only NEAR looks at occurrences (through `scratch`, left as it was found). Cheaper than
 * `collect`, so that rules that fail cost little and no explanation is gathered for them.
 */
export function holds(
  expression: RuleExpression,
  found: FoundPatterns,
  scope: number,
  scratch: IndexStack,
): boolean {
  switch (expression.kind) {
    case 'leaf':
      return (found.fieldsOf(expression.leaf) & scope) !== 0;
    case 'and':
      for (const child of expression.children) {
        if (!holds(child, found, scope, scratch)) return false;
      }
      return true;
    case 'or':
      for (const child of expression.children) {
        if (holds(child, found, scope, scratch)) return true;
      }
      return false;
    case 'not':
      return !holds(expression.child, found, scope, scratch);
    case 'field':
      return holds(expression.child, found, scope & expression.fields, scratch);
    case 'near': {
      // Occurrences are read only when both sides hold.
      if (!holds(expression.left, found, scope, scratch)) return false;
      if (!holds(expression.right, found, scope, scratch)) return false;
      const mark = scratch.length;
      const near = collect(expression, found, scope, scratch);
      scratch.length = mark;
      return near;
    }
  }
}

/**
 * Pushes onto `into` the occurrences that make the rule hold (none for a NOT), possibly more
 * than once each, and returns true; or returns false, with `into` as it was, when it does not
 * hold. Under a NEAR, the occurrences of each side are those that make that side hold, and
 * only those close to one of the other side are kept.
 */
export function collect(
  expression: RuleExpression,
  found: FoundPatterns,
  scope: number,
  into: IndexStack,
): boolean {
  switch (expression.kind) {
    case 'leaf':
      return collectLeaf(found, expression.leaf, scope, into);
    case 'and': {
      const mark = into.length;
      for (const child of expression.children) {
        if (!collect(child, found, scope, into)) {
          into.length = mark;
          return false;
        }
      }
      return true;
    }
    case 'or': {
      let any = false;
      for (const child of expression.children) any = collect(child, found, scope, into) || any;
      return any;
    }
    case 'not':
      return !holds(expression.child, found, scope, into);
    case 'field':
      return collect(expression.child, found, scope & expression.fields, into);
    case 'near':
      return collectNear(expression, found, scope, into);
  }
}

/** The leaf's occurrences in the scope, as `collect` gives them. */
export function collectLeaf(
  found: FoundPatterns,
  leaf: number,
  scope: number,
  into: IndexStack,
): boolean {
  const mark = into.length;
  const { fields, nexts } = found;
  for (let each = found.firstOf(leaf); each >= 0; each = nexts[each] ?? -1) {
    if ((fields[each] ?? 0) & scope) into.push(each);
  }
  return into.length > mark;
}

function collectNear(
  expression: Extract<RuleExpression, { kind: 'near' }>,
  found: FoundPatterns,
  scope: number,
  into: IndexStack,
): boolean {
  const mark = into.length;
  if (!collect(expression.left, found, scope, into)) return false;
  const split = into.length;
  if (!collect(expression.right, found, scope, into)) {
    into.length = mark;
    return false;
  }
  const end = into.length;
  // Each side's occurrences close to one of the other's go after both lists, then down to mark.
  for (let left = mark; left < split; left++) {
    if (closeToAny(found, into, into.items[left] ?? 0, split, end, expression.distance)) {
      into.push(into.items[left] ?? 0);
    }
  }
  for (let right = split; right < end; right++) {
    if (closeToAny(found, into, into.items[right] ?? 0, mark, split, expression.distance)) {
      into.push(into.items[right] ?? 0);
    }
  }
  const kept = into.length - end;
  into.items.copyWithin(mark, end, into.length);
  into.length = mark + kept;
  return kept > 0;
}

/**
 * Whether the occurrence is in the same segment as one of `list[from..to)`, at most `distance`
 * words apart (adjacent is 1; overlapping is 0 or less).
 */
function closeToAny(
  found: FoundPatterns,
  list: IndexStack,
  occurrence: number,
  from: number,
  to: number,
  distance: number,
): boolean {
  const { segments, firsts, lasts } = found;
  const { items } = list;
  const segment = segments[occurrence];
  const first = firsts[occurrence] ?? 0;
  const last = lasts[occurrence] ?? 0;
  for (let index = from; index < to; index++) {
    const other = items[index] ?? 0;
    if (segments[other] !== segment) continue;
    const gap = Math.max((firsts[other] ?? 0) - last, first - (lasts[other] ?? 0));
    if (gap <= distance) return true;
  }
  return false;
}
