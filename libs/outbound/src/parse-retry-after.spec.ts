import { describe, expect, it } from '@jest/globals';
import { parseRetryAfter } from './parse-retry-after.js';

const NOW = new Date('2026-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120],
    [' 0 ', 0],
    ['86400', 86_400],
  ])('reads delta-seconds %j', (value, seconds) => {
    expect(parseRetryAfter(value, NOW)).toBe(seconds);
  });

  it.each([
    ['Sun, 01 Mar 2026 12:01:30 GMT', 90],
    ['Sunday, 01-Mar-26 12:00:10 GMT', 10],
    ['Sun Mar  1 12:00:05 2026', 5],
  ])('reads the HTTP-date %j as seconds from now', (value, seconds) => {
    expect(parseRetryAfter(value, NOW)).toBe(seconds);
  });

  it('rounds a date partway through a second up, so a retry is never early', () => {
    expect(
      parseRetryAfter('Sun, 01 Mar 2026 12:00:01 GMT', new Date('2026-03-01T11:59:59.5Z')),
    ).toBe(2);
  });

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', NOW)).toBe(0);
  });

  it.each([undefined, '', '  ', '-5', '1.5', 'soon', '120 seconds'])(
    'gives undefined for %j',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );
});
