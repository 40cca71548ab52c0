import { describe, expect, it } from '@jest/globals';
import { storyTerms } from './story-text.js';

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
  });

  it('ends a name at a comma, and marks nothing unless asked', () => {
    expect(fullNames('In Lisbon, Oran was held.')).toEqual([]);
    expect(storyTerms('Police detained Leyla Oran.', true).some((term) => term.inNameRun)).toBe(
      false,
    );
  });
});
