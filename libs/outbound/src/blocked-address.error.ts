/**
 * A host resolved to an address the request may not reach. Raised inside the connection's DNS
 * lookup, so the client recognises it by class once undici hands it back.
 */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';

  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(
      hostname === address
        ? `${address} is not a public address`
        : `${hostname} resolves to ${address}, which is not a public address`,
    );
  }
}
