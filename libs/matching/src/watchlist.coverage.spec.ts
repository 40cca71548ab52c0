import { describe, expect, it } from '@jest/globals';
import { WatchlistCoverage } from './watchlist.coverage.js';

const coverage = WatchlistCoverage.of({
  aliases: { officials: ['Hu Binchen', 'Meng Hongwei'], band: ['album', 'Paul Banks'] },
  topics: [
    {
      id: 'leadership',
      title: 'Leadership',
      rules: [{ id: 'elected', query: '@officials AND elect* NOT @band' }],
    },
    {
      id: 'repression',
      title: 'Repression',
      rules: [
        { id: 'fox-hunt', query: '("fox hunt" OR foxhunt) NEAR/10 china NOT (hounds OR riders)' },
        { id: 'hu', query: 'Hu AND dissident*' },
      ],
    },
  ],
});

describe('WatchlistCoverage', () => {
  it('covers a name a rule of the topic looks for whole, through an alias or a phrase', () => {
    expect(coverage.covers('leadership', 'Hu Binchen')).toBe(true);
    expect(coverage.covers('leadership', 'hu binchen')).toBe(true);
    expect(coverage.covers('repression', 'Fox Hunt')).toBe(true);
    expect(coverage.topicsCovering('Meng Hongwei')).toEqual(['leadership']);
  });

  it('does not cover a name in another topic, a name only partly looked for, or one under NOT', () => {
    expect(coverage.covers('repression', 'Hu Binchen')).toBe(false);
    expect(coverage.covers('repression', 'Operation Fox Hunt')).toBe(false);
    expect(coverage.covers('leadership', 'Paul Banks')).toBe(false);
    expect(coverage.covers('nowhere', 'Hu Binchen')).toBe(false);
  });

  it('lists what the rules looking for a name keep out', () => {
    expect(coverage.exclusionsFor(['Fox Hunt'])).toEqual(['(hounds OR riders)']);
    expect(coverage.exclusionsFor(['Meng Hongwei', 'Hu Binchen'])).toEqual(['@band']);
    expect(coverage.exclusionsFor(['Nobody'])).toEqual([]);
  });
});
