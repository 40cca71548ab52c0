import { describe, expect, it } from '@jest/globals';
import {
  capitalisedInSentences,
  isCommentary,
  jaccardAtLeast,
  nameKey,
  storyTerms,
} from './story-text.js';

describe('isCommentary', () => {
  it('tells a piece its headline labels as an analysis, an opinion or an explainer', () => {
    expect(
      isCommentary('Analysis: Interpol reformed itself, and showed the limits of reform'),
    ).toBe(true);
    expect(isCommentary('OPINION | The next dissident will not be saved')).toBe(true);
    expect(isCommentary('Explainer - who polices Interpol files?')).toBe(true);
    expect(isCommentary('Q&A: what a red notice is')).toBe(true);
    expect(isCommentary('The Guardian view on Interpol: neutrality is not enough')).toBe(true);
  });

  it('does not take a question, a why or a word of the label inside the headline for one', () => {
    expect(isCommentary('Why Interpol will not expel Russia')).toBe(false);
    expect(isCommentary('Interpol has voted to police its own alerts. Will it work?')).toBe(false);
    expect(isCommentary('Analysis of notices finds abuse by five states')).toBe(false);
    expect(isCommentary('Court hears opinion of Interpol lawyers')).toBe(false);
    expect(isCommentary('Activists challenge the Chinese view on extraditions')).toBe(false);
  });
});

/** The words that `storyTerms` marks as part of a person's full name. */
function fullNames(text: string): string[] {
  return storyTerms(text, true, true)
    .filter((term) => term.inNameRun)
    .map((term) => term.text);
}

describe('storyTerms full names', () => {
  it('marks two or more capitalised words in a row, particles included', () => {
    expect(fullNames('Police detained Leyla Oran at the airport.')).toEqual(['leyla', 'oran']);
    expect(fullNames('A complaint names Tariq bin Mansour, a colonel.')).toEqual([
      'tariq',
      'mansour',
    ]);
  });

  it('does not mark a lone capital, an organisation, an office or a place', () => {
    expect(fullNames('Delegates met in Lisbon on Monday.')).toEqual([]);
    expect(fullNames('Human Rights Watch and the Supreme Court spoke.')).toEqual([]);
    expect(fullNames('He flew to Abu Dhabi and then to New York.')).toEqual([]);
    expect(fullNames('She was held in Kuala Lumpur on Monday.')).toEqual([]);
  });

  it('does not mark a document, a meeting, a statement or a court named after its place', () => {
    expect(fullNames('The UK signs the Vienna Declaration on transnational repression.')).toEqual(
      [],
    );
    expect(fullNames('Delegates left the Warsaw Conference early.')).toEqual([]);
    expect(fullNames('Spain’s Audiencia Nacional rejected the request.')).toEqual([]);
    expect(fullNames('Westminster Magistrates heard the case.')).toEqual([]);
  });

  it('does not mark a row with an acronym, nor a title after The', () => {
    expect(fullNames('Exiled dissidents rally at Lisbon INTERPOL meeting')).toEqual([]);
    expect(fullNames('Fair Trials launches “The Back Door”, a report on alerts.')).toEqual([]);
  });

  it('keeps a capitalised particle inside a name', () => {
    expect(fullNames('Bahraini exile Jawad Al Sitri landed in Copenhagen.')).toEqual([
      'jawad',
      'sitri',
    ]);
  });

  it('ends a name at a possessive: the next capital starts another', () => {
    expect(fullNames('Members elected Chile’s Helena Arriola as president.')).toEqual([
      'helena',
      'arriola',
    ]);
  });

  it('ends a name at a comma, and marks nothing unless asked', () => {
    expect(fullNames('In Lisbon, Oran was held.')).toEqual([]);
    expect(storyTerms('Police detained Leyla Oran.', true).some((term) => term.inNameRun)).toBe(
      false,
    );
  });
});

describe('storyTerms speakers', () => {
  it('does not mark who speaks as a person the report is about', () => {
    expect(
      fullNames(
        '"Returning him would be a death sentence," said Sarah Whitfield, director of the forum.',
      ),
    ).toEqual([]);
    expect(fullNames("CPJ's representative, Nadia Sorel, said Malaysia should free her.")).toEqual(
      [],
    );
    expect(
      fullNames('Hossam Fathalla, head of a rights group, said the activist was held.'),
    ).toEqual([]);
    expect(fullNames('Turkey should free a critic of President Emomali Rahmon.')).toEqual([]);
  });

  it('still marks the person a sentence is about, when someone else speaks of them', () => {
    expect(
      fullNames('Police detained Leyla Oran, an exiled reporter, at the airport, her lawyer said.'),
    ).toEqual(['leyla', 'oran']);
  });

  it('takes a full name that opens a sentence as a name', () => {
    const terms = storyTerms('Idris Hasan, who fled in 2012, was held.', true, true);
    expect(terms.filter((term) => term.entity).map((term) => term.text)).toEqual([
      'idris',
      'hasan',
    ]);
    expect(storyTerms('Police held him.', true, true).filter((term) => term.entity)).toEqual([]);
    expect(
      storyTerms('Habimana, a recognised refugee, was held.', true, true)
        .filter((term) => term.entity)
        .map((term) => term.text),
    ).toEqual(['habimana']);
  });
});

describe('storyTerms names that open a sentence', () => {
  /** The words marked as names when the item writes `known` with a capital elsewhere. */
  const names = (text: string, known: readonly string[] = []): string[] =>
    storyTerms(text, true, false, capitalisedInSentences(known))
      .filter((term) => term.entity)
      .map((term) => term.text);

  it('takes a word the item writes with a capital inside a sentence as a name anywhere', () => {
    expect(names('Kanter was barred from travel.', ['The player Kanter spoke.'])).toEqual([
      'kanter',
    ]);
    expect(names('Kanter was barred from travel.')).toEqual([]);
  });

  it('takes a word with a possessive as a name, and not a common word opening a sentence', () => {
    expect(names("Kanter's passport was cancelled.")).toEqual(['kanter']);
    expect(names('Prosecutors cancelled the passport.', ['He met the prosecutors.'])).toEqual([]);
  });
});

describe('capitalisedInSentences', () => {
  it('gives the words written with a capital after a sentence has begun', () => {
    expect(capitalisedInSentences(['Police held Enes Kanter. Officers said so.'])).toEqual(
      new Set(['enes', 'kanter']),
    );
  });
});

describe('nameKey', () => {
  it('gives the spellings of one name one key', () => {
    const spellings = [
      ['Memetimin', 'Mamatimin', 'Maimaitiming'],
      ['Qurbonov', 'Kurbonov'],
      ['Mahmadali', 'Makhmadali'],
      ['Shazly', 'Shazli', 'elShazly'],
      ['Kaptsiukh', 'Koptyukh'],
      ['Tleuzhanova', 'Tleujanova'],
      ['Musayev', 'Musaev'],
      ['Abdulla', 'Abdullah', 'Abudula'],
      ['Nuaimi', 'Alnuaimi'],
      ['Idris', 'Yidiresi'],
    ];
    for (const [first, ...others] of spellings) {
      for (const other of others) expect([other, nameKey(other)]).toEqual([other, nameKey(first!)]);
    }
  });

  it('keeps different names apart, and short ones as they are written', () => {
    expect(nameKey('Habimana')).not.toBe(nameKey('Uwase'));
    expect(nameKey('Kurbonov')).not.toBe(nameKey('Annayev'));
    expect(nameKey('Hamad')).toBe('hamad');
    expect(nameKey('Hamad')).not.toBe(nameKey('Ahmed'));
  });

  it('keeps names in another script apart, each its own key', () => {
    expect(nameKey('Навальный')).toBe('навальный');
    expect(nameKey('Навальный')).not.toBe(nameKey('Протасевич'));
  });
});

describe('jaccardAtLeast', () => {
  const range = (from: number, to: number) =>
    new Set(Array.from({ length: to - from }, (_, offset) => from + offset));

  it('gives the overlap when it reaches the bound, exactly at it too', () => {
    // 10 shared of 20 in all: 0.5.
    expect(jaccardAtLeast(range(0, 15), range(5, 20), 0.5)).toBe(0.5);
    expect(jaccardAtLeast(range(0, 10), range(0, 10), 0.5)).toBe(1);
    expect(jaccardAtLeast(range(0, 15), range(5, 20), 0.3)).toBe(0.5);
  });

  it('gives 0 below the bound, for sets of any size, and for two empty sets', () => {
    // 9 shared of 21: 0.43.
    expect(jaccardAtLeast(range(0, 15), range(6, 21), 0.5)).toBe(0);
    expect(jaccardAtLeast(range(0, 4), range(0, 100), 0.5)).toBe(0);
    expect(jaccardAtLeast(new Set(), new Set(), 0.5)).toBe(0);
  });
});
