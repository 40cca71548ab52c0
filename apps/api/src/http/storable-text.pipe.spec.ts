import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { StorableTextPipe, unstorableText } from './storable-text.pipe.js';

const NUL_MESSAGE = 'must not contain U+0000 (NUL)';
const SURROGATE_MESSAGE = 'must not contain a lone UTF-16 surrogate (not a character)';

describe('unstorableText', () => {
  it.each([
    ['plain text', 'INTERPOL elects a new president'],
    ['accents and scripts', 'Hu’s élection — 国际刑警组织 — Интерпол'],
    ['a surrogate pair (an emoji)', 'alert \u{1F6A8} raised'],
    ['U+FFFD and other controls', '\uFFFD\u0001\u001f\u007f'],
    ['an empty string', ''],
  ])('accepts %s', (_label, text) => {
    expect(unstorableText(text, 'title')).toEqual([]);
  });

  it.each([
    ['a NUL', 'a\u0000b', NUL_MESSAGE],
    ['only a NUL', '\u0000', NUL_MESSAGE],
    ['a lone high surrogate', 'a\uD800b', SURROGATE_MESSAGE],
    ['a high surrogate at the end', 'a\uDBFF', SURROGATE_MESSAGE],
    ['a lone low surrogate', '\uDC00a', SURROGATE_MESSAGE],
    ['a reversed pair', '\uDE00\uD83D', SURROGATE_MESSAGE],
  ])('refuses %s, naming the field', (_label, text, message) => {
    expect(unstorableText(text, 'title')).toEqual([{ field: 'title', message }]);
  });

  it('names nested fields as the zod pipe does, and every bad one', () => {
    const body = {
      url: 'https://example.org/hook',
      topics: ['ok', 'bad\u0000'],
      rules: [{ id: 'r', query: '"red\uD800 notice"' }],
      nested: { deeper: { title: '\u0000' } },
    };

    expect(unstorableText(body, '')).toEqual([
      { field: 'nested.deeper.title', message: NUL_MESSAGE },
      { field: 'rules.0.query', message: SURROGATE_MESSAGE },
      { field: 'topics.1', message: NUL_MESSAGE },
    ]);
  });

  it('refuses a bad object key, naming it with the character replaced', () => {
    expect(unstorableText({ aliases: { 'inter\u0000pol': ['x'] } }, '')).toEqual([
      { field: 'aliases.inter\uFFFDpol', message: 'has a name that contains U+0000 (NUL)' },
    ]);
  });

  it('names a bad body that is a bare string "(body)"', () => {
    expect(unstorableText('\u0000', '')).toEqual([{ field: '(body)', message: NUL_MESSAGE }]);
  });

  it('ignores numbers, booleans and null', () => {
    expect(unstorableText({ a: 1, b: true, c: null, d: [0, false] }, '')).toEqual([]);
  });

  it('walks a body nested far deeper than the call stack allows', () => {
    let deep: unknown = 'x\u0000';
    for (let level = 0; level < 50_000; level += 1) deep = [deep];

    const problems = unstorableText(deep, '');

    expect(problems).toHaveLength(1);
    expect(problems[0]!.field.split('.')).toHaveLength(50_000);
  });
});

describe('StorableTextPipe', () => {
  const pipe = new StorableTextPipe();

  it('passes a clean value through unchanged', () => {
    const body = { title: 'Rights news' };

    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });

  it('answers 400 validation_failed naming the path parameter', () => {
    let thrown: unknown;
    try {
      pipe.transform('a\u0000b', { type: 'param', data: 'id' });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(BadRequestException);
    expect((thrown as BadRequestException).getResponse()).toEqual({
      code: 'validation_failed',
      message: `id: ${NUL_MESSAGE}`,
      details: [{ field: 'id', message: NUL_MESSAGE }],
    });
  });

  it('names each query value of a whole query object', () => {
    expect(() => pipe.transform({ topic: 'ok', since: '\uD800' }, { type: 'query' })).toThrow(
      `since: ${SURROGATE_MESSAGE}`,
    );
  });
});
