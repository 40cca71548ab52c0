import { describe, expect, it } from '@jest/globals';
import { hammingDistance, simHash } from './sim-hash.js';

const STORY =
  'Council approves harbour budget\n' +
  'The town council approved the harbour budget on Tuesday evening after a long debate. ' +
  'The plan puts more money into dredging the outer channel, repairing the north pier and ' +
  'extending the ferry terminal, while the summer regatta loses part of its grant. Fishermen ' +
  'welcomed the dredging but warned that the pier repairs must finish before the winter ' +
  'storms. The mayor said work on the channel would begin in September and last six weeks.';

describe('simHash', () => {
  it('is 16 hex digits, stable, and blind to case, punctuation and spacing', () => {
    const fingerprint = simHash(STORY);

    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(simHash(STORY)).toBe(fingerprint);
    expect(simHash(STORY.toUpperCase().replace(/[.,]/g, ' ;  '))).toBe(fingerprint);
  });

  it.each([
    ['a corrected word', STORY.replace('Tuesday', 'Wednesday')],
    ['a typo', STORY.replace('dredging the outer', 'dredgign the outer')],
    ['an appended update', `${STORY} Updated at 18:00.`],
    ['a removed clause', STORY.replace(', while the summer regatta loses part of its grant', '')],
    ['an edited headline', STORY.replace('Council approves', 'Councillors approve')],
  ])('moves few bits for %s', (_edit, edited) => {
    expect(hammingDistance(simHash(STORY), simHash(edited))).toBeLessThan(8);
  });

  it.each([
    'Rare orchid found on the cliffs\nBotanists counted forty flowering plants of a species not seen on the island since 1962, growing on a ledge reachable only by rope.',
    'Library extends opening hours\nFrom next month the central library will stay open until nine on weekdays, and a new study room opens on the second floor.',
    'Schools closed by heavy snow',
  ])('moves many bits for an unrelated text', (other) => {
    expect(hammingDistance(simHash(STORY), simHash(other))).toBeGreaterThan(20);
  });

  it('gives text without words a fingerprint of zeros', () => {
    expect(simHash(' — … !')).toBe('0000000000000000');
  });
});

describe('hammingDistance', () => {
  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('00000000ABCDEF00', '00000000abcdef00')).toBe(0);
  });

  it('refuses what is not a fingerprint', () => {
    expect(() => hammingDistance('xyz', '0000000000000000')).toThrow(RangeError);
  });
});
