/**
 * A sealed value could not be opened: it is not in the `v1.<iv>.<ciphertext+tag>` format, or it
 * fails authentication (tampered with, sealed for another subscription or field, or under another
 * key, e.g. one destroyed and replaced). The message names neither the value nor the key.
 */
export class UnsealError extends Error {
  override readonly name = 'UnsealError';

  constructor(
    readonly subscriptionId: string,
    readonly field: string,
    readonly reason: 'malformed' | 'unauthentic',
  ) {
    super(`sealed ${field} of subscription ${subscriptionId} is ${reason}`);
  }
}
