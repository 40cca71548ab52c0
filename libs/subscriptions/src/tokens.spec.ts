import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  hashToken,
  linkTokenMatches,
  linkTokenSubscription,
  newLinkToken,
  newSubscriptionToken,
  newWebhookSecret,
  tokenMatchesHash,
} from './tokens.js';

describe('subscription tokens', () => {
  const token = newSubscriptionToken();
  const hash = hashToken(token);

  it('are vst_ and 32 random bytes in base64url', () => {
    expect(token).toMatch(/^vst_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
    expect(newSubscriptionToken()).not.toBe(token);
  });

  it('hash to the lowercase hex sha256 of the whole token', () => {
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(newSubscriptionToken())).not.toBe(hash);
  });

  it('match their own hash', () => {
    expect(tokenMatchesHash(token, hash)).toBe(true);
  });

  it('do not match the hash of another token', () => {
    expect(tokenMatchesHash(newSubscriptionToken(), hash)).toBe(false);
    expect(tokenMatchesHash(token, hashToken(newSubscriptionToken()))).toBe(false);
  });

  it('never match when the token or the hash is malformed', () => {
    // Each malformed token is paired with its own hash: only the format check refuses it.
    const malformedTokens = [
      '',
      token.slice(4),
      `${token}x`,
      token.slice(0, -1),
      `vst_${'!'.repeat(43)}`,
    ];
    for (const malformed of malformedTokens) {
      expect(tokenMatchesHash(malformed, hashToken(malformed))).toBe(false);
    }
    // Upper case decodes to the same bytes; the others decode to another length, which
    // timingSafeEqual would throw on.
    for (const malformed of [
      '',
      hash.slice(2),
      `${hash}00`,
      hash.toUpperCase(),
      `${hash.slice(0, -1)}g`,
    ]) {
      expect(tokenMatchesHash(token, malformed)).toBe(false);
    }
  });
});

describe('webhook secrets', () => {
  it('are whsec_ and 24 random bytes in standard base64', () => {
    const secret = newWebhookSecret();

    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});

describe('email link tokens', () => {
  const id = '0b6f3c1e-8d2a-4c55-9e1f-2a7b9c4d6e80';
  const confirm = newLinkToken('confirm', id);

  it('name their purpose and their subscription, with 32 random bytes', () => {
    expect(confirm).toMatch(new RegExp(`^vcf_${id}_[A-Za-z0-9_-]{43}$`));
    expect(newLinkToken('unsubscribe', id)).toMatch(/^vun_/);
    expect(newLinkToken('confirm', id)).not.toBe(confirm);
  });

  it('give back their subscription for their own purpose only', () => {
    expect(linkTokenSubscription('confirm', confirm)).toBe(id);
    expect(linkTokenSubscription('unsubscribe', confirm)).toBeNull();
    expect(linkTokenSubscription('confirm', `${confirm}x`)).toBeNull();
    expect(linkTokenSubscription('confirm', 'vcf_not-an-id_x')).toBeNull();
  });

  it('match only the very same token', () => {
    expect(linkTokenMatches(confirm, confirm)).toBe(true);
    expect(linkTokenMatches(newLinkToken('confirm', id), confirm)).toBe(false);
    expect(linkTokenMatches(confirm.slice(0, -1), confirm)).toBe(false);
  });
});
