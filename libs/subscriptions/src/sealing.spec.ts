import { describe, expect, it } from '@jest/globals';
import { newDataKey, seal, unseal } from './sealing.js';
import { UnsealError } from './unseal.error.js';

const SUBSCRIPTION = '3f8e2a4c-1b7d-4e59-9a60-2c5d8f1e7b43';
const FIELD = 'webhook.url';
const URL_WITH_UNICODE = 'https://exemple.org/crochets/…/überwachung?q=日本語&emoji=🛰️';

/** Flips the lowest bit of one byte (`last` or `first`) of part 1 (iv) or 2 (body). */
function flipBit(value: string, part: 1 | 2, which: 'first' | 'last'): string {
  const parts = value.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  const index = which === 'first' ? 0 : bytes.length - 1;
  bytes.writeUInt8(bytes.readUInt8(index) ^ 0x01, index);
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

/** The same bytes spelt another way: a set padding bit in the last base64url character. */
function nonCanonical(part: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(part.slice(-1));
  return `${part.slice(0, -1)}${alphabet[last ^ 0x01]}`;
}

function unsealFailure(attempt: () => unknown): UnsealError | undefined {
  try {
    attempt();
  } catch (error) {
    if (error instanceof UnsealError) return error;
    throw error;
  }
  return undefined;
}

describe('sealing', () => {
  const key = newDataKey();

  it('makes 32-byte data keys, a new one each time', () => {
    expect(key).toHaveLength(32);
    expect(newDataKey().equals(key)).toBe(false);
  });

  it('round-trips unicode and the empty string', () => {
    const sealed = seal(key, SUBSCRIPTION, FIELD, URL_WITH_UNICODE);

    expect(unseal(key, SUBSCRIPTION, FIELD, sealed)).toBe(URL_WITH_UNICODE);
    expect(unseal(key, SUBSCRIPTION, FIELD, seal(key, SUBSCRIPTION, FIELD, ''))).toBe('');
  });

  it('writes v1.<12-byte iv>.<ciphertext+tag> in base64url, never the plaintext', () => {
    const sealed = seal(key, SUBSCRIPTION, FIELD, 'https://example.org/hook');
    const [version, iv, body, ...rest] = sealed.split('.');

    expect(version).toBe('v1');
    expect(Buffer.from(iv ?? '', 'base64url')).toHaveLength(12);
    // GCM adds no padding: the ciphertext is as long as the plaintext, then a 16-byte tag.
    expect(Buffer.from(body ?? '', 'base64url')).toHaveLength(24 + 16);
    expect(rest).toEqual([]);
    expect(sealed).not.toContain('example');
  });

  it('seals the same plaintext differently each time (random IV)', () => {
    expect(seal(key, SUBSCRIPTION, FIELD, 'same')).not.toBe(seal(key, SUBSCRIPTION, FIELD, 'same'));
  });

  it.each([
    ['iv', 1, 'first'],
    ['ciphertext', 2, 'first'],
    ['tag', 2, 'last'],
  ] as const)('refuses a value whose %s was tampered with', (_what, part, index) => {
    const tampered = flipBit(seal(key, SUBSCRIPTION, FIELD, 'secret'), part, index);

    expect(unsealFailure(() => unseal(key, SUBSCRIPTION, FIELD, tampered))).toMatchObject({
      reason: 'unauthentic',
    });
  });

  it('refuses a value moved to another subscription or another field', () => {
    const sealed = seal(key, SUBSCRIPTION, FIELD, 'https://example.org/hook');

    expect(() => unseal(key, 'another-subscription', FIELD, sealed)).toThrow(UnsealError);
    expect(() => unseal(key, SUBSCRIPTION, 'webhook.secret', sealed)).toThrow(UnsealError);
  });

  it('refuses a value sealed under another key, or a key of the wrong size', () => {
    const sealed = seal(key, SUBSCRIPTION, FIELD, 'https://example.org/hook');

    expect(() => unseal(newDataKey(), SUBSCRIPTION, FIELD, sealed)).toThrow(UnsealError);
    expect(() => unseal(key.subarray(0, 16), SUBSCRIPTION, FIELD, sealed)).toThrow(UnsealError);
  });

  it('refuses malformed values as malformed', () => {
    const [, iv = '', body = ''] = seal(key, SUBSCRIPTION, FIELD, 'x').split('.');
    const shortIv = Buffer.alloc(8).toString('base64url');
    const shortBody = Buffer.alloc(15).toString('base64url');

    for (const value of [
      '',
      'https://example.org/hook',
      `v2.${iv}.${body}`,
      `v1.${iv}`,
      `v1.${iv}.${body}.extra`,
      `v1..${body}`,
      `v1.${shortIv}.${body}`,
      `v1.${iv}.${shortBody}`,
      `v1.${iv}.${body}=`,
      `v1.${iv}.${body.slice(0, -1)}+`,
      `v1.${iv}.${nonCanonical(body)}`,
    ]) {
      expect(unsealFailure(() => unseal(key, SUBSCRIPTION, FIELD, value))).toMatchObject({
        reason: 'malformed',
      });
    }
  });

  it('names neither the plaintext nor the key when it refuses', () => {
    const sealed = seal(key, SUBSCRIPTION, FIELD, 'https://private.example.org/hook');
    const error = unsealFailure(() => unseal(newDataKey(), SUBSCRIPTION, FIELD, sealed));

    expect(error?.message).toBe(`sealed ${FIELD} of subscription ${SUBSCRIPTION} is unauthentic`);
  });

  it('refuses a subscription id that would make the binding ambiguous', () => {
    expect(() => seal(key, 'a\nb', 'c', 'x')).toThrow(RangeError);
  });
});
