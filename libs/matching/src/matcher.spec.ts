import { describe, expect, it } from '@jest/globals';
import type { MatchInput, Matcher } from './matcher.js';
import { type WatchlistDefinition, compileWatchlist } from './watchlist.compiler.js';

const ALIASES = {
  interpol: ['INTERPOL', 'ICPO', 'International Criminal Police Organization'],
};

function compile(definition: WatchlistDefinition): Matcher {
  const result = compileWatchlist(definition);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.matcher;
}

/** A matcher with one rule per query, in one topic. */
function matcherOf(...queries: string[]): Matcher {
  return compile({
    aliases: ALIASES,
    topics: [
      {
        id: 'topic',
        title: 'Topic',
        rules: queries.map((query, index) => ({ id: `r${index}`, query })),
      },
    ],
  });
}

function item(title: string, summary = '', categories: string[] = []): MatchInput {
  return { title, summary, categories };
}

/** Whether a single query matches the item. */
function matches(query: string, input: MatchInput): boolean {
  return matcherOf(query).match(input).matches.length > 0;
}

describe('Matcher', () => {
  describe('words', () => {
    it('matches whole normalised words, whatever the case, accents and possessive', () => {
      expect(matches('interpol', item('INTERPOL’s new chief'))).toBe(true);
      expect(matches('urumqi', item('Protest in Ürümqi'))).toBe(true);
      expect(matches('Hu’s', item('Hu said'))).toBe(true);
    });

    it('does not match a longer word that merely starts with the term', () => {
      expect(matches('interpol', item('Linear interpolation explained'))).toBe(false);
      expect(matches('interpol*', item('Linear interpolation explained'))).toBe(true);
    });
  });

  describe('phrases', () => {
    it('matches consecutive words only', () => {
      expect(matches('"red notice"', item('a Red-Notice request'))).toBe(true);
      expect(matches('"red notice"', item('a red, notice'))).toBe(true);
      expect(matches('"red notice"', item('red flag notice'))).toBe(false);
      expect(matches('"red notice"', item('notice red'))).toBe(false);
    });

    it('never spans two fields', () => {
      expect(matches('"red notice"', item('Alert red', 'notice issued'))).toBe(false);
    });

    it('finds a hyphenated name however it is written', () => {
      const texts = ['Hu Bin-chen', 'HU BIN–CHEN’S', 'Hu Bin chen', 'Hu Binchen'];
      const found = (query: string) => texts.map((text) => matches(query, item(text)));
      expect(found('"Hu Bin-chen"')).toEqual([true, true, true, true]);
      expect(found('hu bin-chen')).toEqual([true, true, true, true]);
      // Spaced and joined spellings of a compound are told apart only without a hyphen.
      expect(found('"hu bin chen"')).toEqual([true, true, true, false]);
      expect(found('"hu binchen"')).toEqual([true, true, false, true]);
      expect(matches('"hu bin chen"', item('Hu Bin and Chen'))).toBe(false);
    });
  });

  describe('prefixes', () => {
    it('matches the prefix itself and longer words', () => {
      expect(matches('extradit*', item('Extradition hearing'))).toBe(true);
      expect(matches('extradit*', item('They extradited him'))).toBe(true);
      expect(matches('extradit*', item('extradit'))).toBe(true);
      expect(matches('extradit*', item('extra'))).toBe(false);
    });

    it('matches the parts and the joined form of a compound', () => {
      const result = matcherOf('bin*').match(item('Hu Bin-chen'));
      expect(result.matches[0]?.terms.map((term) => term.text)).toEqual(['Bin', 'Bin-chen']);
    });
  });

  describe('boolean logic', () => {
    it('evaluates AND, OR and NOT across fields', () => {
      const input = item('Interpol elects president', 'Vote held in Dubai', ['World']);
      expect(matches('interpol dubai', input)).toBe(true);
      expect(matches('interpol AND lyon', input)).toBe(false);
      expect(matches('lyon OR dubai', input)).toBe(true);
      expect(matches('interpol NOT band', input)).toBe(true);
      expect(matches('interpol NOT dubai', input)).toBe(false);
      expect(matches('interpol NOT (lyon OR world)', input)).toBe(false);
      expect(matches('(interpol OR icpo) (elects OR elected) NOT band', input)).toBe(true);
    });

    it('leaves out of the explanation what only a NOT looked at', () => {
      const result = matcherOf('interpol NOT band').match(item('Interpol chief', 'No band'));
      expect(result.matches).toEqual([]);
      const other = matcherOf('interpol NOT band').match(item('Interpol chief', 'No tour'));
      expect(other.matches[0]?.terms).toEqual([
        { field: 'title', text: 'Interpol', start: 0, end: 8 },
      ]);
    });
  });

  describe('NEAR', () => {
    it('holds up to n words apart, in either order, and not beyond', () => {
      expect(matches('red NEAR/1 notice', item('red notice'))).toBe(true);
      expect(matches('red NEAR/1 notice', item('notice red'))).toBe(true);
      expect(matches('red NEAR/1 notice', item('red x notice'))).toBe(false);
      expect(matches('red NEAR/3 notice', item('red a b notice'))).toBe(true);
      expect(matches('red NEAR/3 notice', item('red a b c notice'))).toBe(false);
    });

    it('measures from the nearest ends of phrases and between the closest occurrences', () => {
      const text = 'Red Notice issued: the dissident left. Much later another dissident';
      expect(matches('"red notice" NEAR/3 dissident*', item(text))).toBe(true);
      expect(matches('"red notice" NEAR/2 dissident*', item(text))).toBe(false);
      const result = matcherOf('"red notice" NEAR/3 dissident*').match(item(text));
      expect(result.matches[0]?.terms.map((term) => term.text)).toEqual([
        'Red Notice',
        'dissident',
      ]);
    });

    it('counts the parts of a compound as words', () => {
      expect(matches('hu NEAR/2 said', item('Hu Bin-chen said'))).toBe(false);
      expect(matches('hu NEAR/3 said', item('Hu Bin-chen said'))).toBe(true);
    });

    it('works between sub-expressions', () => {
      const input = item('Turkey seeks Red Notice for exiled journalist');
      expect(matches('(turkey OR china) NEAR/4 ("red notice" OR diffusion)', input)).toBe(true);
      expect(matches('(seeks NEAR/1 turkey) NEAR/5 journalist*', input)).toBe(true);
      expect(matches('(seeks NEAR/1 turkey) NEAR/4 journalist*', input)).toBe(false);
    });

    it('never measures across fields or categories', () => {
      expect(matches('interpol NEAR/5 lyon', item('Interpol', 'Lyon'))).toBe(false);
      expect(matches('europe NEAR/5 politics', item('', '', ['Europe', 'Politics']))).toBe(false);
      expect(matches('europe NEAR/5 politics', item('', '', ['Europe politics']))).toBe(true);
    });
  });

  describe('field scopes', () => {
    it('restricts title:(…) to the title', () => {
      expect(matches('title:(interpol)', item('Interpol chief', ''))).toBe(true);
      expect(matches('title:(interpol)', item('Chief', 'Interpol'))).toBe(false);
      expect(matches('title:(interpol NOT band) red', item('Interpol', 'Red band'))).toBe(true);
      expect(matches('title:(interpol NOT band)', item('Interpol band'))).toBe(false);
    });

    it('scopes summary:(…) and categories:(…) alike', () => {
      const input = item('Interpol', 'Lyon', ['Europe']);
      expect(matches('summary:lyon', input)).toBe(true);
      expect(matches('summary:interpol', input)).toBe(false);
      expect(matches('categories:(europe)', input)).toBe(true);
    });
  });

  describe('categories', () => {
    it('matches each category as a short text of its own', () => {
      const result = matcherOf('"red notice"').match(item('', '', ['Politics', 'Red Notice']));
      expect(result.matches[0]?.terms).toEqual([
        { field: 'categories', category: 1, text: 'Red Notice', start: 0, end: 10 },
      ]);
      expect(matches('"politics red"', item('', '', ['Politics', 'Red Notice']))).toBe(false);
    });
  });

  describe('aliases', () => {
    it('matches any entry, a multi-word entry as a phrase', () => {
      expect(matches('@interpol', item('ICPO statement'))).toBe(true);
      expect(
        matches('@interpol', item('the International Criminal Police Organization said')),
      ).toBe(true);
      expect(matches('@interpol', item('International police organization'))).toBe(false);
    });

    it('composes with the rest of the query', () => {
      expect(matches('title:(@interpol) NEAR/3 president', item('ICPO elects president'))).toBe(
        true,
      );
      expect(matches('@interpol NOT band', item('Interpol the band tours'))).toBe(false);
    });
  });

  describe('explanations and scores', () => {
    const definition: WatchlistDefinition = {
      aliases: ALIASES,
      topics: [
        {
          id: 'leadership',
          title: 'INTERPOL leadership',
          rules: [
            { id: 'president', query: '@interpol NEAR/5 president*', weight: 2 },
            { id: 'any', query: '@interpol', weight: 0.5 },
            { id: 'headquarters', query: 'lyon' },
          ],
        },
        {
          id: 'red-notice-abuse',
          title: 'Abuse of INTERPOL Red Notices',
          rules: [
            {
              id: 'red-notice-political',
              query: '"red notice" NEAR/12 (dissident* OR activist* OR extradit* OR uyghur*)',
            },
          ],
        },
      ],
    };
    const input: MatchInput = {
      title: 'Interpol’s new president',
      summary: 'A “Red Notice” for an Uyghur activist, says the ICPO.',
      categories: ['World', 'INTERPOL'],
    };

    it('explains each matched rule with the original words, their field and offsets', () => {
      const result = compile(definition).match(input);
      expect(result.matches).toEqual([
        {
          topic: 'leadership',
          rule: 'president',
          weight: 2,
          terms: [
            { field: 'title', text: 'Interpol', start: 0, end: 8 },
            { field: 'title', text: 'president', start: 15, end: 24 },
          ],
        },
        {
          topic: 'leadership',
          rule: 'any',
          weight: 0.5,
          terms: [
            { field: 'title', text: 'Interpol', start: 0, end: 8 },
            { field: 'summary', text: 'ICPO', start: 48, end: 52 },
            { field: 'categories', category: 1, text: 'INTERPOL', start: 0, end: 8 },
          ],
        },
        {
          topic: 'red-notice-abuse',
          rule: 'red-notice-political',
          weight: 1,
          terms: [
            { field: 'summary', text: 'Red Notice', start: 3, end: 13 },
            { field: 'summary', text: 'Uyghur', start: 22, end: 28 },
            { field: 'summary', text: 'activist', start: 29, end: 37 },
          ],
        },
      ]);
    });

    it('offsets point at the original text of their field', () => {
      const result = compile(definition).match(input);
      for (const match of result.matches) {
        for (const term of match.terms) {
          const source =
            term.field === 'categories' ? input.categories[term.category] : input[term.field];
          expect(source?.slice(term.start, term.end)).toBe(term.text);
        }
      }
    });

    it('sums the weights of the matched rules per topic', () => {
      expect(compile(definition).match(input).scores).toEqual({
        leadership: 2.5,
        'red-notice-abuse': 1,
      });
    });

    it('scores a topic whose id is also the name of an Object.prototype member', () => {
      const matcher = compile({
        topics: [{ id: 'constructor', title: 'C', rules: [{ id: 'r', query: 'lyon' }] }],
      });
      expect(matcher.match(item('Lyon')).scores).toEqual({ constructor: 1 });
    });

    it('scores only the topics with a matched rule', () => {
      expect(compile(definition).match(item('Weather in Lyon'))).toEqual({
        matches: [
          {
            topic: 'leadership',
            rule: 'headquarters',
            weight: 1,
            terms: [{ field: 'title', text: 'Lyon', start: 11, end: 15 }],
          },
        ],
        scores: { leadership: 1 },
      });
      expect(compile(definition).match(item('Weather today'))).toEqual({ matches: [], scores: {} });
    });

    it('counts its rules', () => {
      expect(compile(definition).ruleCount).toBe(4);
    });
  });
});
