import { describe, expect, it } from '@jest/globals';
import { isSecretParameter, redactUrlQuery } from './redact-url-query.js';

describe('redactUrlQuery', () => {
  it.each([
    ['/v1/subscriptions/confirm?token=vcf_abc', '/v1/subscriptions/confirm?token=[redacted]'],
    ['/v1/unsubscribe?token=vun_abc&x=1', '/v1/unsubscribe?token=[redacted]&x=1'],
    ['/cb?access_token=a&refresh_token=b', '/cb?access_token=[redacted]&refresh_token=[redacted]'],
    ['/x?client_secret=a&password=b', '/x?client_secret=[redacted]&password=[redacted]'],
    ['/x?signature=a&sig=b&key=c', '/x?signature=[redacted]&sig=[redacted]&key=[redacted]'],
    ['/x?apiKey=a&X-Api-Key=b&code=c', '/x?apiKey=[redacted]&X-Api-Key=[redacted]&code=[redacted]'],
    ['/x?TOKEN=a&%74oken=b&to%6Ben=c', '/x?TOKEN=[redacted]&%74oken=[redacted]&to%6Ben=[redacted]'],
    ['/x?token=a&token=b', '/x?token=[redacted]&token=[redacted]'],
    ['/x?token=', '/x?token=[redacted]'],
    ['/x?%E0%A4%A=1&token=a', '/x?%E0%A4%A=1&token=[redacted]'],
  ])('masks the credentials of %s', (url, logged) => {
    expect(redactUrlQuery(url)).toBe(logged);
  });

  it.each([
    '/v1/alerts?topic=red-notice-abuse&since=2026-01-01T00:00:00Z&limit=10&cursor=abc',
    '/admin/events?after=10&stream=feed-1&type=item.discovered&type=feed.polled',
    '/admin?polled=wire#feeds',
    '/v1/alerts',
    '/x?token',
    '/x?&&',
  ])('keeps %s as it is', (url) => {
    expect(redactUrlQuery(url)).toBe(url);
  });

  it('leaves the path alone, even a path that looks like a query', () => {
    expect(redactUrlQuery('/token=abc/x')).toBe('/token=abc/x');
  });
});

describe('isSecretParameter', () => {
  it.each(['token', 'Access-Token', 'id_token', 'webhookSecret', 'private_key', 'session_id'])(
    '%s is a credential',
    (name) => expect(isSecretParameter(name)).toBe(true),
  );

  it.each(['topic', 'since', 'limit', 'cursor', 'after', 'type', 'stream', 'polled', 'keyword'])(
    '%s is not',
    (name) => expect(isSecretParameter(name)).toBe(false),
  );
});
