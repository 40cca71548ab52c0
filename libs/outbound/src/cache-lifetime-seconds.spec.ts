import { describe, expect, it } from '@jest/globals';
import { cacheLifetimeSeconds } from './cache-lifetime-seconds.js';

const NOW = new Date('2026-03-01T12:00:00Z');

describe('cacheLifetimeSeconds', () => {
  it.each([
    ['max-age=300', 300],
    ['public, max-age=600', 600],
    ['Max-Age="120"', 120],
    ['s-maxage=900, max-age=60', 60],
    ['max-age=0', 0],
  ])('reads Cache-Control %j', (cacheControl, seconds) => {
    expect(cacheLifetimeSeconds({ 'cache-control': cacheControl }, NOW)).toBe(seconds);
  });

  it('ignores s-maxage, which is for shared caches', () => {
    expect(cacheLifetimeSeconds({ 'cache-control': 's-maxage=900' }, NOW)).toBeUndefined();
  });

  it.each(['no-store', 'no-cache', 'max-age=600, no-cache', 'private, no-store, max-age=60'])(
    'treats %j as no lifetime',
    (cacheControl) => {
      expect(cacheLifetimeSeconds({ 'cache-control': cacheControl }, NOW)).toBe(0);
    },
  );

  it('treats an unreadable max-age as stale', () => {
    expect(cacheLifetimeSeconds({ 'cache-control': 'max-age=soon' }, NOW)).toBe(0);
  });

  it('prefers max-age over Expires', () => {
    const headers = { 'cache-control': 'max-age=60', expires: 'Sun, 01 Mar 2026 13:00:00 GMT' };
    expect(cacheLifetimeSeconds(headers, NOW)).toBe(60);
  });

  it("counts Expires from the response's Date, not the local clock", () => {
    const headers = {
      date: 'Sun, 01 Mar 2026 11:00:00 GMT',
      expires: 'Sun, 01 Mar 2026 11:10:00 GMT',
    };
    expect(cacheLifetimeSeconds(headers, NOW)).toBe(600);
  });

  it('counts Expires from now when there is no usable Date', () => {
    expect(cacheLifetimeSeconds({ expires: 'Sun, 01 Mar 2026 12:05:00 GMT' }, NOW)).toBe(300);
    expect(
      cacheLifetimeSeconds({ date: 'yesterday', expires: 'Sun, 01 Mar 2026 12:05:00 GMT' }, NOW),
    ).toBe(300);
  });

  it.each(['0', '-1', 'Thu, 01 Jan 1970 00:00:00 GMT'])(
    'treats Expires %j as already stale',
    (expires) => {
      expect(cacheLifetimeSeconds({ expires }, NOW)).toBe(0);
    },
  );

  it('says nothing when the response says nothing', () => {
    expect(cacheLifetimeSeconds({}, NOW)).toBeUndefined();
    expect(cacheLifetimeSeconds({ 'cache-control': 'public' }, NOW)).toBeUndefined();
  });
});
