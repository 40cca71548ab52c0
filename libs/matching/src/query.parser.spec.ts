import { describe, expect, it } from '@jest/globals';
import type { QueryNode } from './query.ast.js';
import { parseQuery } from './query.parser.js';

/** The AST as an S-expression, so that precedence reads at a glance. */
function show(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return node.word;
    case 'phrase':
      return `"${node.words.map((parts) => parts.join('-')).join(' ')}"`;
    case 'prefix':
      return `${node.prefix}*`;
    case 'and':
    case 'or':
      return `(${node.kind.toUpperCase()} ${node.children.map(show).join(' ')})`;
    case 'not':
      return `(NOT ${show(node.child)})`;
    case 'near':
      return `(NEAR/${node.distance} ${show(node.left)} ${show(node.right)})`;
    case 'field':
      return `(${node.field}: ${show(node.child)})`;
    case 'alias':
      return `@${node.name}`;
  }
}

function parsed(query: string): string {
  const result = parseQuery(query);
  if (!result.ok) throw new Error(`did not parse: ${result.error.message}`);
  return show(result.ast);
}

function failure(query: string) {
  const result = parseQuery(query);
  if (result.ok) throw new Error(`parsed: ${show(result.ast)}`);
  return result.error;
}

describe('parseQuery', () => {
  describe('constructs', () => {
    it('reads a word as its normalised form', () => {
      expect(parseQuery('Ürümqi’s')).toEqual({
        ok: true,
        ast: { kind: 'term', word: 'urumqi', start: 0, end: 8 },
      });
    });

    it('reads a phrase in straight or curly quotes', () => {
      expect(parsed('"Red Notice"')).toBe('"red notice"');
      expect(parsed('“Red Notice”')).toBe('"red notice"');
      expect(parseQuery('x "red notice"')).toMatchObject({
        ast: { children: [{}, { kind: 'phrase', start: 2, end: 14 }] },
      });
    });

    it('makes a one-word phrase a term', () => {
      expect(parsed('"Interpol"')).toBe('interpol');
    });

    it('keeps the parts of a hyphenated word, in a phrase or bare', () => {
      expect(parseQuery('"Hu Bin-chen"')).toMatchObject({
        ast: { kind: 'phrase', words: [['hu'], ['bin', 'chen']] },
      });
      expect(parsed('bin-chen')).toBe('"bin-chen"');
    });

    it('makes a bare word that normalises to several words a phrase', () => {
      expect(parsed('U.S.')).toBe('"u s"');
    });

    it('reads a prefix', () => {
      expect(parseQuery('Extradit*')).toEqual({
        ok: true,
        ast: { kind: 'prefix', prefix: 'extradit', start: 0, end: 9 },
      });
    });

    it('reads AND, OR and NOT', () => {
      expect(parsed('a AND b')).toBe('(AND a b)');
      expect(parsed('a OR b OR c')).toBe('(OR a b c)');
      expect(parsed('a NOT b')).toBe('(AND a (NOT b))');
      expect(parsed('a AND NOT b')).toBe('(AND a (NOT b))');
    });

    it('takes juxtaposition as AND', () => {
      expect(parsed('a b c')).toBe('(AND a b c)');
      expect(parsed('a AND b c')).toBe('(AND a b c)');
    });

    it('treats lower-case and, or, not and near as words', () => {
      expect(parsed('war and peace or not near')).toBe('(AND war and peace or not near)');
    });

    it('reads NEAR/n with its distance', () => {
      expect(parseQuery('a NEAR/12 b')).toEqual({
        ok: true,
        ast: {
          kind: 'near',
          distance: 12,
          left: { kind: 'term', word: 'a', start: 0, end: 1 },
          right: { kind: 'term', word: 'b', start: 10, end: 11 },
          start: 0,
          end: 11,
        },
      });
    });

    it('reads field scopes, with or without parentheses', () => {
      expect(parsed('title:(a OR b)')).toBe('(title: (OR a b))');
      expect(parsed('title:interpol')).toBe('(title: interpol)');
      expect(parsed('summary:"red notice"')).toBe('(summary: "red notice")');
      expect(parsed('categories:(politics)')).toBe('(categories: politics)');
      expect(parseQuery('x title:(y)')).toMatchObject({
        ast: { children: [{}, { kind: 'field', start: 2, end: 10 }] },
      });
    });

    it('reads alias references', () => {
      expect(parseQuery('@interpol')).toEqual({
        ok: true,
        ast: { kind: 'alias', name: 'interpol', start: 0, end: 9 },
      });
    });

    it('reads the example of the spec', () => {
      expect(parsed('"red notice" NEAR/12 (dissident* OR activist* OR extradit* OR uyghur*)')).toBe(
        '(NEAR/12 "red notice" (OR dissident* activist* extradit* uyghur*))',
      );
    });
  });

  describe('precedence: NOT, then NEAR, then AND, then OR', () => {
    it('binds AND tighter than OR', () => {
      expect(parsed('a b OR c d')).toBe('(OR (AND a b) (AND c d))');
      expect(parsed('a AND b OR c')).toBe('(OR (AND a b) c)');
    });

    it('binds NEAR tighter than AND and OR', () => {
      expect(parsed('a NEAR/3 b c')).toBe('(AND (NEAR/3 a b) c)');
      expect(parsed('a OR b NEAR/3 c')).toBe('(OR a (NEAR/3 b c))');
    });

    it('chains NEAR from the left', () => {
      expect(parsed('a NEAR/1 b NEAR/2 c')).toBe('(NEAR/2 (NEAR/1 a b) c)');
    });

    it('binds NOT tightest', () => {
      expect(parsed('a NOT b OR c')).toBe('(OR (AND a (NOT b)) c)');
      expect(parsed('a NOT b c')).toBe('(AND a (NOT b) c)');
      expect(parsed('a NOT NOT b')).toBe('(AND a (NOT (NOT b)))');
    });

    it('lets parentheses override', () => {
      expect(parsed('a (b OR c)')).toBe('(AND a (OR b c))');
      expect(parsed('(a NEAR/2 b) NEAR/5 (c OR d)')).toBe('(NEAR/5 (NEAR/2 a b) (OR c d))');
      expect(parsed('a NOT (b OR c)')).toBe('(AND a (NOT (OR b c)))');
    });
  });

  describe('errors', () => {
    it('reports a missing ")" at the end', () => {
      expect(failure('(a OR b')).toEqual({
        position: 7,
        message: 'expected ")" at 7, found the end of the query',
        expected: [')'],
      });
    });

    it('reports a ")" without "("', () => {
      expect(failure('a OR b) c')).toMatchObject({
        position: 6,
        message: 'expected an operator, a term or the end at 6, found ")"',
      });
    });

    it('reports empty parentheses', () => {
      expect(failure('a ()')).toMatchObject({
        position: 3,
        message: 'expected a term at 3, found ")"',
      });
    });

    it('reports a dangling AND or OR', () => {
      expect(failure('a AND')).toEqual({
        position: 5,
        message: 'expected a term at 5, found the end of the query',
        expected: ['word', '"phrase"', 'prefix*', '(', 'NOT', '@alias', 'title:('],
      });
      expect(failure('a OR OR b')).toMatchObject({
        position: 5,
        message: 'expected a term at 5, found "OR"',
      });
      expect(failure('AND a')).toMatchObject({
        position: 0,
        message: 'expected a term at 0, found "AND"',
      });
    });

    it('reports an empty query', () => {
      expect(failure('   ')).toMatchObject({ position: 3 });
    });

    it('reports an empty phrase, or one without letters', () => {
      expect(failure('a ""')).toMatchObject({ position: 2, message: 'empty phrase at 2' });
      expect(failure('a " - "')).toMatchObject({ position: 2, message: 'empty phrase at 2' });
    });

    it('reports an unclosed phrase where the query ends', () => {
      expect(failure('a "red notice')).toMatchObject({
        position: 13,
        message: "expected '\"' to close the phrase at 13",
      });
    });

    it('reports a word without letters or digits', () => {
      expect(failure('a & b')).toMatchObject({
        position: 2,
        message: 'expected a word with letters or digits at 2',
      });
    });

    it('reports NEAR without a distance', () => {
      expect(failure('a NEAR/ b')).toEqual({
        position: 7,
        message: 'expected a number after "NEAR/" at 7',
        expected: ['number'],
      });
      expect(failure('a NEAR b')).toMatchObject({ position: 6 });
      expect(failure('a NEAR/x b')).toMatchObject({ position: 7 });
      expect(failure('a NEAR/0 b')).toMatchObject({
        position: 7,
        message: 'expected a distance of at least 1 word at 7',
      });
      expect(failure('a NEAR/3')).toMatchObject({
        position: 8,
        message: 'expected a term at 8, found the end of the query',
      });
    });

    it('reports an unknown field', () => {
      expect(failure('a body:(b)')).toEqual({
        position: 2,
        message: 'unknown field "body" at 2',
        expected: ['title:', 'summary:', 'categories:'],
      });
    });

    it('reports a "*" alone, inside a word, or after too short a prefix', () => {
      expect(failure('a *')).toMatchObject({
        position: 2,
        message: 'expected a word before "*" at 2',
      });
      expect(failure('a (*)')).toMatchObject({ position: 3 });
      expect(failure('in*ter')).toMatchObject({
        position: 2,
        message: 'expected "*" only at the end of a word at 2',
      });
      expect(failure('x in*')).toMatchObject({
        position: 2,
        message: 'expected at least 3 letters before "*" at 2',
      });
      expect(failure('bin-ch*')).toMatchObject({
        position: 0,
        message: 'expected a single word before "*" at 0',
      });
    });

    it('reports "@" without a name', () => {
      expect(failure('a @ b')).toMatchObject({ position: 3 });
      expect(failure('@inter.pol')).toMatchObject({ position: 1 });
    });

    it('reports the first problem in the query, syntax or lexical', () => {
      expect(failure('a) "unclosed')).toMatchObject({ position: 1 });
      expect(failure('(a NEAR/ b')).toMatchObject({ position: 8 });
    });

    it('refuses a rule that could hold with nothing found', () => {
      expect(failure('NOT a')).toEqual({
        position: 0,
        message: 'a rule cannot hold by absence alone: expected a word beside NOT ("a NOT b") at 0',
        expected: ['word'],
      });
      expect(failure('a OR NOT b')).toMatchObject({ position: 5 });
      expect(failure('title:(NOT a)')).toMatchObject({ position: 7 });
      expect(failure('NOT a NOT b')).toMatchObject({ position: 0 });
    });

    it('refuses NOT as an operand of NEAR', () => {
      expect(failure('a NEAR/3 NOT b')).toMatchObject({
        position: 9,
        message: 'expected a word that occurs, not NOT, as an operand of NEAR at 9',
      });
      expect(failure('a NEAR/3 (b OR NOT c)')).toMatchObject({ position: 15 });
      expect(parsed('a NEAR/3 (b NOT c)')).toBe('(NEAR/3 a (AND b (NOT c)))');
    });

    it('refuses a pathological nesting depth instead of overflowing the stack', () => {
      expect(failure(`${'('.repeat(200)}a${')'.repeat(200)}`)).toMatchObject({
        message: expect.stringContaining('nested too deeply'),
      });
    });
  });
});
