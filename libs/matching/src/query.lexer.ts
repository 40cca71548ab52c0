import { QUERY_FIELDS, type QueryField } from './query.ast.js';

interface Located {
  readonly start: number;
  readonly end: number;
}

export type QueryToken = Located &
  (
    | { readonly kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'end' }
    /** Raw text: a prefix without its `*`, a phrase without its quotes. */
    | { readonly kind: 'word' | 'prefix' | 'phrase'; readonly text: string }
    | { readonly kind: 'near'; readonly distance: number }
    | { readonly kind: 'field'; readonly field: QueryField }
    | { readonly kind: 'alias'; readonly name: string }
    | { readonly kind: 'error'; readonly message: string; readonly expected: readonly string[] }
  );

/** Straight and curly double quotes both delimit phrases: queries get pasted from documents. */
const QUOTES = new Set(['"', '“', '”', '„', '‟', '＂']);
const OPERATORS = { AND: 'and', OR: 'or', NOT: 'not' } as const;
const ALIAS_NAME = /^[\p{L}\p{N}_-]+$/u;
const FIELD_PREFIX = /^([A-Za-z]+):/;
const WHITESPACE = /\s/u;

const isField = (name: string): name is QueryField =>
  (QUERY_FIELDS as readonly string[]).includes(name);
const isBoundary = (char: string) => char === '(' || char === ')' || QUOTES.has(char);

function error(position: number, message: string, expected: readonly string[]): QueryToken {
  return {
    kind: 'error',
    start: position,
    end: position,
    message: `${message} at ${position}`,
    expected,
  };
}

/** A run of characters up to whitespace, a parenthesis or a quote. */
function runToken(run: string, start: number): QueryToken {
  const end = start + run.length;
  if (run === 'AND' || run === 'OR' || run === 'NOT') {
    return { kind: OPERATORS[run], start, end };
  }
  if (run === 'NEAR') return error(end, 'expected "/" and a distance after NEAR', ['/']);
  if (run.startsWith('NEAR/')) {
    const digits = run.slice(5);
    if (!/^\d+$/.test(digits))
      return error(start + 5, 'expected a number after "NEAR/"', ['number']);
    const distance = Number(digits);
    if (distance < 1) return error(start + 5, 'expected a distance of at least 1 word', ['number']);
    return { kind: 'near', distance, start, end };
  }
  if (run.startsWith('@')) {
    const name = run.slice(1);
    if (!ALIAS_NAME.test(name)) {
      return error(start + 1, 'expected an alias name (letters, digits, "_", "-") after "@"', [
        'alias name',
      ]);
    }
    return { kind: 'alias', name, start, end };
  }
  const star = run.indexOf('*');
  if (star === 0) return error(start, 'expected a word before "*"', ['word']);
  if (star > 0 && star < run.length - 1) {
    return error(start + star, 'expected "*" only at the end of a word', ['end of word']);
  }
  if (star > 0) return { kind: 'prefix', text: run.slice(0, -1), start, end };
  return { kind: 'word', text: run, start, end };
}

/**
 * Splits a query into tokens. Stops at the first lexical error, emitted as an 'error' token in
 * its place, so that the parser reports whichever problem comes first in the query. The parser
 * reads past the last token as 'end'.
 */
export function lexQuery(query: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  let index = 0;
  while (index < query.length) {
    const char = query.charAt(index);
    if (WHITESPACE.test(char)) {
      index += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: char === '(' ? 'lparen' : 'rparen', start: index, end: index + 1 });
      index += 1;
    } else if (QUOTES.has(char)) {
      let close = index + 1;
      while (close < query.length && !QUOTES.has(query.charAt(close))) close += 1;
      if (close >= query.length) {
        tokens.push(error(query.length, "expected '\"' to close the phrase", ['"']));
        return tokens;
      }
      tokens.push({
        kind: 'phrase',
        text: query.slice(index + 1, close),
        start: index,
        end: close + 1,
      });
      index = close + 1;
    } else {
      let end = index;
      while (
        end < query.length &&
        !WHITESPACE.test(query.charAt(end)) &&
        !isBoundary(query.charAt(end))
      ) {
        end += 1;
      }
      const run = query.slice(index, end);
      const field = run.startsWith('@') ? null : FIELD_PREFIX.exec(run);
      if (field?.[1] !== undefined) {
        const name = field[1];
        if (!isField(name)) {
          tokens.push(
            error(
              index,
              `unknown field "${name}"`,
              QUERY_FIELDS.map((known) => `${known}:`),
            ),
          );
          return tokens;
        }
        // Whatever follows the colon is lexed afresh: `title:(`, `title:word`, `title:"a b"`.
        tokens.push({ kind: 'field', field: name, start: index, end: index + name.length + 1 });
        index += name.length + 1;
        continue;
      }
      const token = runToken(run, index);
      tokens.push(token);
      if (token.kind === 'error') return tokens;
      index = end;
    }
  }
  return tokens;
}
