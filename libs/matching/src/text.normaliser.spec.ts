import { describe, expect, it } from '@jest/globals';
import { normalise, normaliseWords } from './text.normaliser.js';

const words = (text: string) => normalise(text).tokens.map((token) => token.text);

/** Each token with the original text it points at. */
const spans = (text: string) =>
  normalise(text).tokens.map((token) => [token.text, text.slice(token.start, token.end)]);

describe('normalise', () => {
  it('folds case, including ß and the final sigma', () => {
    expect(words('INTERPOL Interpol interpol')).toEqual(['interpol', 'interpol', 'interpol']);
    expect(words('Straße STRASSE')).toEqual(['strasse', 'strasse']);
    expect(words('ΟΔΥΣΣΕΥΣ Οδυσσευς')).toEqual(['οδυσσευσ', 'οδυσσευσ']);
  });

  it('removes accents, precomposed or combining, and from letters NFD cannot split', () => {
    expect(words('Ürümqi Urumqi')).toEqual(['urumqi', 'urumqi']);
    expect(words('e\u0301te\u0301 été')).toEqual(['ete', 'ete']);
    expect(words('Łukasz Søren Ðorđe Æsir')).toEqual(['lukasz', 'soren', 'dorde', 'aesir']);
  });

  it('applies NFKC: ligatures, full-width and circled forms', () => {
    expect(words('ﬁnance ＩＮＴＥＲＰＯＬ ①')).toEqual(['finance', 'interpol', '1']);
  });

  it('splits on symbols and punctuation whatever NFKC makes of them', () => {
    expect(words('Interpol™, ICPO; (Lyon)')).toEqual(['interpol', 'icpo', 'lyon']);
  });

  it('drops the possessive with a straight or curly apostrophe', () => {
    expect(words("Hu's Hu’s HU'S")).toEqual(['hu', 'hu', 'hu']);
    expect(spans('Hu’s term')).toEqual([
      ['hu', 'Hu'],
      ['term', 'term'],
    ]);
  });

  it('takes curly quotes as quotes and not as part of words', () => {
    expect(words('“Red Notice” ‘abuse’')).toEqual(['red', 'notice', 'abuse']);
  });

  it('yields the joined form and the parts of a hyphenated compound, whatever the dash', () => {
    const compound = ['binchen', 'bin', 'chen'];
    expect(words('Bin-chen')).toEqual(compound);
    expect(words('Bin‐chen')).toEqual(compound);
    expect(words('Bin–chen')).toEqual(compound);
    expect(words('Bin－chen')).toEqual(compound);
  });

  it('gives the parts consecutive positions and the joined form their span', () => {
    expect(
      normalise('Hu Bin-chen said').tokens.map(({ text, position, span }) => [
        text,
        position,
        span,
      ]),
    ).toEqual([
      ['hu', 0, 1],
      ['binchen', 1, 2],
      ['bin', 1, 1],
      ['chen', 2, 1],
      ['said', 3, 1],
    ]);
  });

  it('joins across inner apostrophes too, so a French elision still yields the word', () => {
    expect(words("O'Brien l’Interpol")).toEqual([
      'obrien',
      'o',
      'brien',
      'linterpol',
      'l',
      'interpol',
    ]);
  });

  it('separates words at spaced dashes and doubled hyphens', () => {
    expect(words('Interpol — Lyon -- France -')).toEqual(['interpol', 'lyon', 'france']);
  });

  it('ignores soft hyphens and joiners inside words', () => {
    expect(spans('inter\u00ADpol')).toEqual([['interpol', 'inter\u00ADpol']]);
  });

  it('maps every token back to the original text', () => {
    const text = '“Ürümqi’s” ﬁne — Bin-chen, e\u0301te\u0301 ＩＣＰＯ 😀 Straße';
    expect(spans(text)).toEqual([
      ['urumqi', 'Ürümqi'],
      ['fine', 'ﬁne'],
      ['binchen', 'Bin-chen'],
      ['bin', 'Bin'],
      ['chen', 'chen'],
      ['ete', 'e\u0301te\u0301'],
      ['icpo', 'ＩＣＰＯ'],
      ['strasse', 'Straße'],
    ]);
  });

  it('returns no tokens for text without letters or digits', () => {
    expect(normalise(' — … ! ').tokens).toEqual([]);
    expect(normalise('').tokens).toEqual([]);
  });
});

describe('normaliseWords', () => {
  it('gives each word its parts, for queries and aliases', () => {
    expect(normaliseWords('Hu Bin-chen’s')).toEqual([['hu'], ['bin', 'chen']]);
  });
});
