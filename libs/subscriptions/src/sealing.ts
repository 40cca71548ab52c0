import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedValue } from '@app/contracts';
import { UnsealError } from './unseal.error.js';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
/** The IV length GCM is specified for; random per value, so one key seals many values safely. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
/** Unpadded base64url, the only spelling seal() writes. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A new per-subscription data key (AES-256). */
export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * Binds a sealed value to where it belongs: the same plaintext moved to another subscription
 * or another field of the same one fails authentication instead of being read there.
 */
function additionalData(subscriptionId: string, field: string): Buffer {
  // A newline inside the id would let two different (id, field) pairs share one binding.
  if (subscriptionId.includes('\n')) throw new RangeError('a subscription id has no newline');
  return Buffer.from(`${subscriptionId}\n${field}`, 'utf8');
}

/** Encrypts `plaintext` with the subscription's data key: `v1.<iv>.<ciphertext+tag>`. */
export function seal(
  key: Buffer,
  subscriptionId: string,
  field: string,
  plaintext: string,
): SealedValue {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(subscriptionId, field));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const sealed = Buffer.concat([ciphertext, cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/** Decodes unpadded base64url, refusing anything seal() could not have written. */
function decode(part: string | undefined): Buffer | null {
  if (part === undefined || !BASE64URL.test(part)) return null;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : null;
}

/**
 * Decrypts a value sealed by seal() for this subscription and field.
 * @throws UnsealError when the value is malformed or fails authentication.
 */
export function unseal(
  key: Buffer,
  subscriptionId: string,
  field: string,
  value: SealedValue,
): string {
  const parts = value.split('.');
  const iv = decode(parts[1]);
  const sealed = decode(parts[2]);
  if (
    parts.length !== 3 ||
    parts[0] !== VERSION ||
    iv?.length !== IV_BYTES ||
    !sealed ||
    sealed.length < TAG_BYTES
  ) {
    throw new UnsealError(subscriptionId, field, 'malformed');
  }
  if (key.length !== KEY_BYTES) throw new UnsealError(subscriptionId, field, 'unauthentic');
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(subscriptionId, field));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    const plaintext = Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return plaintext.toString('utf8');
  } catch {
    // GCM reports every authentication failure the same way; which one it was is not knowable.
    throw new UnsealError(subscriptionId, field, 'unauthentic');
  }
}
