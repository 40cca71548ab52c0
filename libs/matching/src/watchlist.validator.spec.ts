import { describe, expect, it } from '@jest/globals';
import { validateWatchlist } from './watchlist.validator.js';

const valid = {
  aliases: { interpol: ['INTERPOL', 'International Criminal Police Organization'] },
  topics: [
    {
      id: 'red-notice-abuse',
      title: 'Abuse of Red Notices',
      rules: [{ id: 'red-notice-dissident', query: '"red notice" NEAR/12 dissident*' }],
    },
  ],
};

describe('validateWatchlist', () => {
  it('accepts a valid watchlist, fills default weights and compiles it', () => {
    const result = validateWatchlist(valid);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.topics[0]?.rules[0]?.weight).toBe(1);
    expect(
      result.matcher.match({
        title: 'Red Notice against exiled dissidents',
        summary: '',
        categories: [],
      }).scores,
    ).toEqual({ 'red-notice-abuse': 1 });
  });

  it('names each bad field of the shape', () => {
    const result = validateWatchlist({
      topics: [{ id: 'Bad Id', title: '', rules: [], colour: 'red' }],
    });

    expect(result).toEqual({
      ok: false,
      issues: expect.arrayContaining([
        { field: 'topics.0.colour', message: 'is not a known field' },
        { field: 'topics.0.id', message: 'must be 1 to 64 lower-case letters, digits or "-"' },
        { field: 'topics.0.title', message: 'must not be empty' },
        { field: 'topics.0.rules', message: 'a topic needs at least one rule' },
      ]),
    });
  });

  it('names the query, the position and what was expected', () => {
    const result = validateWatchlist({
      topics: [
        {
          id: 't',
          title: 'T',
          rules: [
            { id: 'ok', query: 'interpol' },
            { id: 'broken', query: '(red notice' },
            { id: 'alias', query: '@unknown AND x' },
          ],
        },
      ],
    });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.field)).toEqual([
      'topics.0.rules.1.query',
      'topics.0.rules.2.query',
    ]);
    expect(result.issues[0]?.message).toMatch(/^at position \d+: expected "\)"/);
    expect(result.issues[1]?.message).toMatch(/^at position 0: /);
  });
});
