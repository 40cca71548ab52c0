import { describe, expect, it } from '@jest/globals';
import { checkHttpUrl, type HttpUrlRefusal } from './check-http-url.js';

const guarded = { allowPrivateNetworks: false };
const open = { allowPrivateNetworks: true };

describe('checkHttpUrl', () => {
  it.each([
    'https://example.org/hook',
    'http://example.org:8080/a?b=c#d',
    'HTTPS://EXAMPLE.ORG/',
    'http:example.org',
    'https://example.org./hook',
    'https://93.184.215.14/hook',
    'https://[2606:4700:4700::1111]/hook',
    'https://user:pass@example.org/',
    'https://xn--bcher-kva.example/',
    'https://bücher.example/',
    'https://localhost.example.org/',
    'https://notlocalhost/',
  ])('accepts %j', (input) => {
    const check = checkHttpUrl(input, guarded);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.url).toBeInstanceOf(URL);
  });

  it.each<[string, HttpUrlRefusal]>([
    ['', 'invalid_url'],
    ['example.org', 'invalid_url'],
    ['example.org/hook', 'invalid_url'],
    ['https://', 'invalid_url'],
    ['https:// example.org/', 'invalid_url'],
    ['https://exa mple.org/', 'invalid_url'],
    ['https://\u0000example.org/', 'invalid_url'],
    ['https://%00/', 'invalid_url'],
    ['https://[::1/', 'invalid_url'],
    ['https://example.org:99999/', 'invalid_url'],
    ['http://./', 'invalid_url'],
    ['http://.../', 'invalid_url'],
    ['//example.org/hook', 'invalid_url'],
    ['/hook', 'invalid_url'],
    ['ftp://example.org/', 'unsupported_protocol'],
    ['file:///etc/passwd', 'unsupported_protocol'],
    ['javascript:alert(1)', 'unsupported_protocol'],
    ['data:text/plain,hi', 'unsupported_protocol'],
    ['gopher://example.org/', 'unsupported_protocol'],
    ['ws://example.org/', 'unsupported_protocol'],
    ['mailto:a@example.org', 'unsupported_protocol'],
    ['http://localhost/', 'blocked_address'],
    ['http://localhost:3000/hook', 'blocked_address'],
    ['http://localhost./', 'blocked_address'],
    ['http://localhost../', 'blocked_address'],
    ['http://LOCALHOST./', 'blocked_address'],
    ['http://localhost%2e/', 'blocked_address'],
    ['http://localhost\u3002/', 'blocked_address'],
    ['http://api.localhost/', 'blocked_address'],
    ['http://api.localhost./', 'blocked_address'],
    ['http://127.0.0.1/', 'blocked_address'],
    ['http://127.0.0.1./', 'blocked_address'],
    ['http://127.1/', 'blocked_address'],
    ['http://2130706433/', 'blocked_address'],
    ['http://0x7f.1/', 'blocked_address'],
    ['http://0/', 'blocked_address'],
    ['http://0.0.0.0/', 'blocked_address'],
    ['http://[::1]/', 'blocked_address'],
    ['http://[::ffff:127.0.0.1]/', 'blocked_address'],
    ['http://[::ffff:7f00:1]/', 'blocked_address'],
    ['http://10.0.0.1/', 'blocked_address'],
    ['http://192.168.1.1/', 'blocked_address'],
    ['http://169.254.169.254/latest/meta-data/', 'blocked_address'],
    ['http://[fd00:ec2::254]/', 'blocked_address'],
    ['http://[fe80::1]/', 'blocked_address'],
    ['http://100.64.0.1/', 'blocked_address'],
  ])('refuses %j as %s', (input, reason) => {
    const check = checkHttpUrl(input, guarded);
    expect(check).toEqual({ ok: false, reason, message: expect.any(String) });
  });

  it('lets private and loopback hosts through when private networks are allowed', () => {
    for (const input of [
      'http://localhost./',
      'http://127.0.0.1:8080/',
      'http://[::1]/',
      'http://10.0.0.1/',
    ]) {
      expect({ input, ok: checkHttpUrl(input, open).ok }).toEqual({ input, ok: true });
    }
  });

  it('still refuses what is not an http(s) URL when private networks are allowed', () => {
    expect(checkHttpUrl('example.org', open)).toMatchObject({ ok: false, reason: 'invalid_url' });
    expect(checkHttpUrl('ftp://10.0.0.1/', open)).toMatchObject({
      ok: false,
      reason: 'unsupported_protocol',
    });
  });

  it('judges IP literals with the given rule, and localhost names whatever the rule', () => {
    const loopbackAllowed = { allowPrivateNetworks: false, isAllowedAddress: () => true };

    expect(checkHttpUrl('http://127.0.0.1/', loopbackAllowed).ok).toBe(true);
    expect(checkHttpUrl('http://localhost/', loopbackAllowed).ok).toBe(false);
  });

  it('takes a parsed URL too, as a client does on a redirect', () => {
    expect(checkHttpUrl(new URL('http://[::1]:8080/'), guarded)).toMatchObject({
      ok: false,
      reason: 'blocked_address',
      message: '::1 is not a public address',
    });
  });

  it('never throws, whatever the text', () => {
    const samples = ['\ud800', '\udfff://x', 'http://\ud800/', '%', 'http://%/', '\u0000'];
    for (let code = 0; code < 0x80; code += 1)
      samples.push(`http://a${String.fromCharCode(code)}b/`);
    for (const input of samples) {
      expect(() => checkHttpUrl(input, guarded)).not.toThrow();
      expect(() => checkHttpUrl(input, open)).not.toThrow();
    }
  });
});
