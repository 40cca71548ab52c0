import { describe, expect, it } from '@jest/globals';
import { parseHttpDate } from './parse-http-date.js';

const NOV_6_1994 = Date.UTC(1994, 10, 6, 8, 49, 37);

describe('parseHttpDate', () => {
  it.each([
    'Sun, 06 Nov 1994 08:49:37 GMT',
    'Sunday, 06-Nov-94 08:49:37 GMT',
    'Sun Nov  6 08:49:37 1994',
    'Sun, 6 Nov 1994 08:49:37 GMT',
    'sun, 06 nov 1994 08:49:37 utc',
  ])('reads %j', (text) => {
    expect(parseHttpDate(text)).toBe(NOV_6_1994);
  });

  it('reads a two-digit RFC 850 year below 70 as this century', () => {
    expect(parseHttpDate('Monday, 02-Mar-26 10:00:00 GMT')).toBe(Date.UTC(2026, 2, 2, 10));
  });

  it.each([
    '0',
    '-1',
    '1.5',
    '2026-03-01T12:00:00Z',
    'Sun, 31 Feb 2026 08:49:37 GMT',
    'Sun, 06 Nov 1994 25:49:37 GMT',
    'Sun, 06 Nov 1994 08:49:37 +0200',
    'Sun, 06 Foo 1994 08:49:37 GMT',
  ])('refuses %j', (text) => {
    expect(parseHttpDate(text)).toBeUndefined();
  });
});
