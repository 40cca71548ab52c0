import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { proposeWatchlist } from './watchlist.builder.js';
import { validateWatchlist } from './watchlist.validator.js';

const corpus = [
  {
    name: 'election.md',
    text:
      'The International Criminal Police Organization, known as INTERPOL or ICPO, met in Lyon. ' +
      'Delegates elected Meng Hongwei as president. Human Rights Watch criticised the Red Notice ' +
      'system, saying a Red Notice can be abused against dissidents as transnational repression.',
  },
  {
    name: 'disappearance.md',
    text:
      'Meng Hongwei vanished during a visit to China. The ICPO said the International Criminal ' +
      'Police Organization had received his resignation. Human Rights Watch asked INTERPOL to ' +
      'review every Red Notice issued at the request of China, calling it transnational ' +
      'repression; overseas police stations were also reported.',
  },
  {
    name: 'reform.md',
    text:
      'Fair Trials urged the Commission for the Control of INTERPOL Files to act. Another Red ' +
      'Notice against an exiled journalist was deleted. Human Rights Watch welcomed the deletion ' +
      'of the Red Notice and raids on overseas police stations.',
  },
];

describe('proposeWatchlist', () => {
  it('proposes the people and organisations the corpus names, with their acronyms', () => {
    const proposal = proposeWatchlist(corpus);
    const names = proposal.entities.map((entity) => entity.text);

    expect(names).toEqual(
      expect.arrayContaining([
        'International Criminal Police Organization',
        'Meng Hongwei',
        'Human Rights Watch',
        'INTERPOL',
      ]),
    );
    expect(
      proposal.entities.find((e) => e.text === 'International Criminal Police Organization')
        ?.acronyms,
    ).toEqual(['ICPO']);
    expect(names).toContain('Red Notice');
    expect(names).not.toContain('The');
  });

  it('proposes the key phrases the documents share, not words of the names', () => {
    const phrases = proposeWatchlist(corpus).phrases.map((phrase) => phrase.text);

    expect(phrases.slice(0, 3)).toEqual(
      expect.arrayContaining(['overseas police', 'police stations', 'transnational repression']),
    );
    expect(phrases).not.toContain('icpo');
    expect(phrases).not.toContain('red notice');
  });

  it('writes YAML that is a valid watchlist, with counts as comments', () => {
    const { yaml } = proposeWatchlist(corpus);
    const validation = validateWatchlist(parse(yaml));

    expect(validation.ok).toBe(true);
    expect(yaml).toContain("icpo: ['International Criminal Police Organization', 'ICPO']");
    expect(yaml).toContain('query: \'"Meng Hongwei"\'');
    expect(yaml).toMatch(/# \d+ mentions in 2 document\(s\)/);
  });
});
