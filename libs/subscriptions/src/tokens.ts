import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_PREFIX = 'vst_';
const TOKEN_BYTES = 32;
/** `vst_` and 32 bytes of unpadded base64url: the only shape newSubscriptionToken() makes. */
const TOKEN_FORMAT = /^vst_[A-Za-z0-9_-]{43}$/;
const HASH_FORMAT = /^[0-9a-f]{64}$/;

/**
 * The bearer token of one subscription, shown to its owner once. The prefix makes a leaked
 * token recognisable to secret scanners and in logs.
 */
export function newSubscriptionToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
}

/**
 * What is stored instead of the token (lowercase hex sha256). A token is 256 random bits, so a
 * fast unsalted hash is enough: there is no dictionary to guess from.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Whether `token` is the one `hash` was made from, compared in constant time so the time taken
 * tells an attacker nothing about how much of a guess was right. Malformed input never matches.
 */
export function tokenMatchesHash(token: string, hash: string): boolean {
  if (!TOKEN_FORMAT.test(token) || !HASH_FORMAT.test(hash)) return false;
  return timingSafeEqual(Buffer.from(hashToken(token), 'hex'), Buffer.from(hash, 'hex'));
}

/**
 * A webhook signing secret as Standard Webhooks expects it: `whsec_` and the key in standard
 * base64, which receivers decode to key their HMAC. 24 bytes (192 bits) is the smallest key
 * the specification recommends.
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** What an email's link does: confirm the address, or unsubscribe it in one click. */
export type LinkPurpose = 'confirm' | 'unsubscribe';

const LINK_PREFIX: Record<LinkPurpose, string> = { confirm: 'vcf', unsubscribe: 'vun' };
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * The token an email's link carries: its purpose, the subscription's id (so the link finds its
 * subscription without an index) and 32 random bytes. Sealed in the log, since a worker writes
 * it into every email; checked against the unsealed copy in constant time.
 */
export function newLinkToken(purpose: LinkPurpose, subscriptionId: string): string {
  return `${LINK_PREFIX[purpose]}_${subscriptionId}_${randomBytes(TOKEN_BYTES).toString('base64url')}`;
}

/** The subscription id a well-formed link token names, or null. */
export function linkTokenSubscription(purpose: LinkPurpose, token: string): string | null {
  const match = new RegExp(`^${LINK_PREFIX[purpose]}_(${UUID})_[A-Za-z0-9_-]{43}$`).exec(token);
  return match?.[1] ?? null;
}

/** Whether a presented link token is the expected one, compared in constant time. */
export function linkTokenMatches(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
