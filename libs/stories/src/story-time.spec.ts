import { describe, expect, it } from '@jest/globals';
import { storyTime } from './story-time.js';

const discovered = '2024-06-10T12:00:00.000Z';

describe('storyTime', () => {
  it('takes a plausible publication date', () => {
    expect(storyTime('2024-06-09T08:00:00Z', discovered)).toBe(Date.parse('2024-06-09T08:00:00Z'));
  });

  it.each([
    ['no date', null],
    ['an unreadable date', 'yesterday'],
    ['a date more than an hour ahead', '2024-06-10T14:00:00Z'],
    ['a date more than 30 days back', '2024-04-01T00:00:00Z'],
  ])('falls back to the discovery time for %s', (_, publishedAt) => {
    expect(storyTime(publishedAt, discovered)).toBe(Date.parse(discovered));
  });
});
