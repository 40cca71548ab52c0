import { BlockedAddressError } from './blocked-address.error.js';
import { ipLiteral } from './guard-lookup.js';
import { isPublicAddress } from './is-public-address.js';

/** Why a URL is refused; the same words as the clients' failure reasons. */
export type HttpUrlRefusal = 'invalid_url' | 'unsupported_protocol' | 'blocked_address';

export type HttpUrlCheck =
  | { readonly ok: true; readonly url: URL }
  | { readonly ok: false; readonly reason: HttpUrlRefusal; readonly message: string };

export interface HttpUrlCheckOptions {
  /** true: any host may be named (the address guard still applies where it is on). */
  readonly allowPrivateNetworks: boolean;
  /** Which IP literals may be named without permission; `isPublicAddress` by default. */
  readonly isAllowedAddress?: (address: string) => boolean;
}

/**
 * The one check of an outbound http(s) URL, for the API's validation and the clients' every
 * hop alike: it parses, accepts http and https only, and, unless private networks are allowed,
 * refuses a host that names a loopback or private address by itself: an IP literal that is not
 * allowed, or `localhost` and its subdomains (RFC 6761). A name that only resolves to such an
 * address is the address guard's to refuse, at connect time. A trailing dot (`localhost.`, the
 * fully qualified form) names the same host as without it, so it is dropped for the check.
 * Returns a value for every input and never throws.
 */
export function checkHttpUrl(input: string | URL, options: HttpUrlCheckOptions): HttpUrlCheck {
  const url = typeof input === 'string' ? URL.parse(input) : input;
  if (!url) return refuse('invalid_url', 'the URL cannot be parsed');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refuse('unsupported_protocol', `${url.protocol} is not http or https`);
  }
  const host = url.hostname.replace(/\.+$/, '');
  if (host === '') return refuse('invalid_url', 'the URL has no host name');
  if (options.allowPrivateNetworks) return { ok: true, url };
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return refuse('blocked_address', `${url.hostname} is a loopback name, not a public address`);
  }
  const address = ipLiteral(host);
  const isAllowedAddress = options.isAllowedAddress ?? isPublicAddress;
  if (address !== undefined && !isAllowedAddress(address)) {
    return refuse('blocked_address', new BlockedAddressError(address, address).message);
  }
  return { ok: true, url };
}

function refuse(reason: HttpUrlRefusal, message: string): HttpUrlCheck {
  return { ok: false, reason, message };
}
