import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { BlockedAddressError } from './blocked-address.error.js';

/**
 * Wraps a resolver so a connection is refused when ANY address of the host is not allowed.
 * Checking at connect time, on the very addresses the socket will use, leaves no window for DNS
 * rebinding between a check and the connection; checking every address stops a host that
 * answers one public and one private address from being reached through the private one.
 */
export function guardLookup(
  resolve: LookupFunction,
  isAllowedAddress: (address: string) => boolean,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, resolved) => {
      if (error) {
        callback(error, '');
        return;
      }
      const addresses: LookupAddress[] =
        typeof resolved === 'string' ? [{ address: resolved, family: isIP(resolved) }] : resolved;
      const refused = addresses.find(({ address }) => !isAllowedAddress(address));
      const first = addresses[0];
      if (refused) {
        callback(new BlockedAddressError(hostname, refused.address), '');
      } else if (!first) {
        callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      } else if (options.all) {
        callback(null, addresses);
      } else {
        callback(null, first.address, first.family);
      }
    });
  };
}

/**
 * The address a URL's host names directly, when it is an IP literal (brackets dropped), else
 * `undefined`. A literal never goes through DNS, so the guarded lookup never sees it: a caller
 * checks it on its own before connecting.
 */
export function ipLiteral(hostname: string): string | undefined {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) === 0 ? undefined : host;
}
