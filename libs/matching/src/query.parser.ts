import type { QueryError, QueryNode, QueryParse } from './query.ast.js';
import { lexQuery, type QueryToken } from './query.lexer.js';
import { normaliseWords } from './text.normaliser.js';

const OPERAND = ['word', '"phrase"', 'prefix*', '(', 'NOT', '@alias', 'title:('];
/** Far beyond any real rule; keeps a pathological query from exhausting the stack. */
const MAX_DEPTH = 64;
const MIN_PREFIX_LENGTH = 3;

/** Carries a syntax error out of the recursive descent to parseQuery, which returns it. */
class SyntaxFailure extends Error {
  constructor(readonly error: QueryError) {
    super(error.message);
  }
}

function fail(
  position: number,
  message: string,
  expected: readonly string[] = [],
  found?: QueryToken,
): never {
  const where = found ? ` at ${position}, found ${describe(found)}` : ` at ${position}`;
  throw new SyntaxFailure({ position, message: `${message}${where}`, expected });
}

function describe(token: QueryToken): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the query';
    case 'rparen':
      return '")"';
    case 'and':
      return '"AND"';
    case 'or':
      return '"OR"';
    case 'near':
      return `"NEAR/${token.distance}"`;
    default:
      return `"${token.kind}"`;
  }
}

/**
 * Recursive descent over: or := and (OR and)*; and := near ((AND)? near)*;
 * near := unary (NEAR/n unary)*; unary := NOT unary | primary;
 * primary := word | "phrase" | prefix* | @alias | field:primary | ( or ).
 */
class Parser {
  private index = 0;
  private depth = 0;

  /** The lexer stops at the end of the query or at its first error. */
  private readonly end: QueryToken;

  constructor(
    private readonly tokens: readonly QueryToken[],
    length: number,
  ) {
    this.end = { kind: 'end', start: length, end: length };
  }

  parse(): QueryNode {
    const node = this.or();
    const token = this.peek();
    if (token.kind !== 'end') {
      fail(
        token.start,
        'expected an operator, a term or the end',
        ['AND', 'OR', 'NEAR/n', ...OPERAND, 'end'],
        token,
      );
    }
    return node;
  }

  /** Lexical errors surface when the parser reaches them, so the first problem is the one told. */
  private peek(): QueryToken {
    const token = this.tokens[this.index] ?? this.end;
    if (token.kind === 'error') {
      throw new SyntaxFailure({
        position: token.start,
        message: token.message,
        expected: token.expected,
      });
    }
    return token;
  }

  private advance(): QueryToken {
    const token = this.peek();
    this.index += 1;
    return token;
  }

  private or(): QueryNode {
    const children: [QueryNode, ...QueryNode[]] = [this.and()];
    while (this.peek().kind === 'or') {
      this.advance();
      children.push(this.and());
    }
    return group('or', children);
  }

  private and(): QueryNode {
    const children: [QueryNode, ...QueryNode[]] = [this.near()];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'and') this.advance();
      else if (!startsOperand(token)) break;
      children.push(this.near());
    }
    return group('and', children);
  }

  private near(): QueryNode {
    let left = this.unary();
    for (let token = this.peek(); token.kind === 'near'; token = this.peek()) {
      this.advance();
      const right = this.unary();
      left = {
        kind: 'near',
        left,
        right,
        distance: token.distance,
        start: left.start,
        end: right.end,
      };
    }
    return left;
  }

  private unary(): QueryNode {
    const token = this.peek();
    if (token.kind !== 'not') return this.primary();
    this.advance();
    const child = this.nested(() => this.unary());
    return { kind: 'not', child, start: token.start, end: child.end };
  }

  private primary(): QueryNode {
    const token = this.advance();
    switch (token.kind) {
      case 'word':
        return wordNode(token, 'expected a word with letters or digits');
      case 'phrase':
        return wordNode(token, 'empty phrase');
      case 'prefix':
        return prefixNode(token.text, token.start, token.end);
      case 'alias':
        return { kind: 'alias', name: token.name, start: token.start, end: token.end };
      case 'field': {
        const child = this.nested(() => this.primary());
        return { kind: 'field', field: token.field, child, start: token.start, end: child.end };
      }
      case 'lparen': {
        const child = this.nested(() => this.or());
        const close = this.peek();
        if (close.kind !== 'rparen') {
          fail(close.start, 'expected ")"', [')'], close);
        }
        this.advance();
        return child;
      }
      default:
        return fail(token.start, 'expected a term', OPERAND, token);
    }
  }

  private nested(parse: () => QueryNode): QueryNode {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) fail(this.peek().start, 'query nested too deeply');
    const node = parse();
    this.depth -= 1;
    return node;
  }
}

function startsOperand(token: QueryToken): boolean {
  return ['word', 'phrase', 'prefix', 'alias', 'field', 'lparen', 'not'].includes(token.kind);
}

function group(kind: 'and' | 'or', children: [QueryNode, ...QueryNode[]]): QueryNode {
  const [first] = children;
  if (children.length === 1) return first;
  return { kind, children, start: first.start, end: (children.at(-1) ?? first).end };
}

function wordNode(
  { text, start, end }: { text: string; start: number; end: number },
  emptyMessage: string,
): QueryNode {
  const words = normaliseWords(text);
  const only = words.length === 1 && words[0]?.length === 1 ? words[0][0] : undefined;
  if (words.length === 0) fail(start, emptyMessage, ['letters or digits']);
  if (only !== undefined) return { kind: 'term', word: only, start, end };
  return { kind: 'phrase', words, start, end };
}

function prefixNode(text: string, start: number, end: number): QueryNode {
  const words = normaliseWords(text);
  const prefix = words.length === 1 && words[0]?.length === 1 ? words[0][0] : undefined;
  if (prefix === undefined) fail(start, 'expected a single word before "*"', ['word']);
  if ([...prefix].length < MIN_PREFIX_LENGTH) {
    fail(start, `expected at least ${MIN_PREFIX_LENGTH} letters before "*"`, ['longer prefix']);
  }
  return { kind: 'prefix', prefix, start, end };
}

/**
 * The node through which the query could hold without any word occurring (a NOT, or an OR
 * with such a branch), if any. Such a rule would have to be tried on every item, and would
 * match items that mention nothing of it, so it is refused rather than left never to match.
 */
function absenceOnly(node: QueryNode): QueryNode | undefined {
  switch (node.kind) {
    case 'not':
      return node;
    case 'and': {
      const found = node.children.map(absenceOnly);
      return found.every((each) => each !== undefined) ? found[0] : undefined;
    }
    case 'or':
      return node.children.map(absenceOnly).find((found) => found !== undefined);
    case 'field':
      return absenceOnly(node.child);
    default:
      return undefined;
  }
}

function check(node: QueryNode): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      node.children.forEach(check);
      return;
    case 'not':
    case 'field':
      check(node.child);
      return;
    case 'near':
      for (const side of [node.left, node.right]) {
        const negative = absenceOnly(side);
        if (negative) {
          fail(negative.start, 'expected a word that occurs, not NOT, as an operand of NEAR', [
            'word',
          ]);
        }
        check(side);
      }
      return;
    default:
      return;
  }
}

/**
 * Parses a watchlist query. Precedence, tightest first: NOT, NEAR/n, AND (explicit or implied
 * by juxtaposition), OR. Operators are upper case; `and`, `or`, `not` are plain words.
 */
export function parseQuery(query: string): QueryParse {
  try {
    const ast = new Parser(lexQuery(query), query.length).parse();
    check(ast);
    const negative = absenceOnly(ast);
    if (negative) {
      const reason = 'a rule cannot hold by absence alone: expected a word beside NOT ("a NOT b")';
      fail(negative.start, reason, ['word']);
    }
    return { ok: true, ast };
  } catch (caught) {
    if (caught instanceof SyntaxFailure) return { ok: false, error: caught.error };
    throw caught;
  }
}
