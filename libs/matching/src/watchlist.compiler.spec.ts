import { describe, expect, it } from '@jest/globals';
import { type WatchlistRule, compileWatchlist } from './watchlist.compiler.js';

function errorsOf(rules: WatchlistRule[], aliases: Record<string, string[]> = {}) {
  const result = compileWatchlist({ aliases, topics: [{ id: 'topic', title: 'Topic', rules }] });
  return result.ok ? [] : result.errors;
}

describe('compileWatchlist', () => {
  it('compiles a valid watchlist into a matcher', () => {
    const result = compileWatchlist({
      aliases: { interpol: ['INTERPOL', 'ICPO'] },
      topics: [
        { id: 'a', title: 'A', rules: [{ id: 'r1', query: '@interpol' }] },
        { id: 'b', title: 'B', rules: [{ id: 'r1', query: 'lyon', weight: 3 }] },
      ],
    });
    expect(result.ok && result.matcher.ruleCount).toBe(2);
  });

  it('accepts a watchlist without aliases', () => {
    const result = compileWatchlist({ topics: [{ id: 'a', title: 'A', rules: [] }] });
    expect(result.ok && result.matcher.ruleCount).toBe(0);
  });

  it('reports every syntax error with its topic, rule and position', () => {
    expect(
      errorsOf([
        { id: 'ok', query: 'interpol' },
        { id: 'unbalanced', query: '(a OR b' },
        { id: 'dangling', query: 'a AND' },
      ]),
    ).toEqual([
      {
        topic: 'topic',
        rule: 'unbalanced',
        position: 7,
        message: 'expected ")" at 7, found the end of the query',
      },
      {
        topic: 'topic',
        rule: 'dangling',
        position: 5,
        message: 'expected a term at 5, found the end of the query',
      },
    ]);
  });

  it('reports an unknown alias at its position, with the declared ones', () => {
    expect(errorsOf([{ id: 'r', query: 'red @interpool' }], { interpol: ['ICPO'] })).toEqual([
      {
        topic: 'topic',
        rule: 'r',
        position: 4,
        message: 'unknown alias "@interpool" at 4 (declared: @interpol)',
      },
    ]);
    expect(errorsOf([{ id: 'r', query: '@constructor' }])).toMatchObject([
      { message: 'unknown alias "@constructor" at 0 (no aliases declared)' },
    ]);
  });

  it('reports an alias without entries, or with an entry without words', () => {
    expect(errorsOf([{ id: 'r', query: 'a OR @empty' }], { empty: [] })).toMatchObject([
      { position: 5, message: 'alias "@empty" at 5 has no entries' },
    ]);
    expect(errorsOf([{ id: 'r', query: '@odd' }], { odd: ['ICPO', ' — '] })).toMatchObject([
      { position: 0, message: 'alias "@odd" at 0 has an entry without letters or digits: " — "' },
    ]);
  });

  it('reports duplicate ids and weights that are not numbers', () => {
    const result = compileWatchlist({
      topics: [
        {
          id: 'a',
          title: 'A',
          rules: [
            { id: 'r', query: 'x' },
            { id: 'r', query: 'y', weight: Number.NaN },
          ],
        },
        { id: 'a', title: 'A again', rules: [] },
      ],
    });
    expect(result.ok ? [] : result.errors).toEqual([
      { topic: 'a', rule: 'r', position: 0, message: 'duplicate rule id in this topic' },
      { topic: 'a', rule: 'r', position: 0, message: 'weight must be a finite number' },
      { topic: 'a', rule: '', position: 0, message: 'duplicate topic id' },
    ]);
  });
});
