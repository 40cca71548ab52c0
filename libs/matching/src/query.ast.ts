/** The parts of an item a query can be scoped to with `field:(…)`. */
export type QueryField = 'title' | 'summary' | 'categories';

export const QUERY_FIELDS: readonly QueryField[] = ['title', 'summary', 'categories'];

/** Where a node was written: offsets into the query string. */
interface Located {
  readonly start: number;
  readonly end: number;
}

/** One normalised word: `Interpol`, `"interpol"` and `Interpol’s` are all `interpol`. */
export interface TermNode extends Located {
  readonly kind: 'term';
  readonly word: string;
}

/**
 * Consecutive words. Each word lists its parts: `"Hu Bin-chen"` is [[hu], [bin, chen]]. A bare
 * word that normalises to several (`bin-chen`, `U.S.`) is a phrase too.
 */
export interface PhraseNode extends Located {
  readonly kind: 'phrase';
  readonly words: readonly (readonly string[])[];
}

/** `interpol*`: any word that starts with the normalised prefix, the prefix included. */
export interface PrefixNode extends Located {
  readonly kind: 'prefix';
  readonly prefix: string;
}

export interface AndNode extends Located {
  readonly kind: 'and';
  readonly children: readonly QueryNode[];
}

export interface OrNode extends Located {
  readonly kind: 'or';
  readonly children: readonly QueryNode[];
}

export interface NotNode extends Located {
  readonly kind: 'not';
  readonly child: QueryNode;
}

/** `left NEAR/distance right`: some occurrence of each at most `distance` words apart. */
export interface NearNode extends Located {
  readonly kind: 'near';
  readonly left: QueryNode;
  readonly right: QueryNode;
  readonly distance: number;
}

export interface FieldScopeNode extends Located {
  readonly kind: 'field';
  readonly field: QueryField;
  readonly child: QueryNode;
}

/** `@interpol`: the watchlist's alias list of that name, expanded when the rule is compiled. */
export interface AliasRefNode extends Located {
  readonly kind: 'alias';
  readonly name: string;
}

export type QueryNode =
  | TermNode
  | PhraseNode
  | PrefixNode
  | AndNode
  | OrNode
  | NotNode
  | NearNode
  | FieldScopeNode
  | AliasRefNode;

export interface QueryError {
  /** Offset into the query (UTF-16 code units, as `String.prototype.slice` counts). */
  readonly position: number;
  /** The reason, ending with the position: `expected ")" at 17`. */
  readonly message: string;
  /** What would have been valid there; empty when the problem is not a missing token. */
  readonly expected: readonly string[];
}

export type QueryParse =
  | { readonly ok: true; readonly ast: QueryNode }
  | { readonly ok: false; readonly error: QueryError };
