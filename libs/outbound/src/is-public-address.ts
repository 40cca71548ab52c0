import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** DNS64 synthesises these for IPv4-only names on IPv6-only networks (RFC 6052). */
const NAT64_WELL_KNOWN_PREFIX = ipaddr.parseCIDR('64:ff9b::/96');
/** Deprecated IPv4-compatible addresses, which ipaddr.js counts as unicast. */
const IPV4_COMPATIBLE_PREFIX = ipaddr.parseCIDR('::/96');

/**
 * Whether an address is one a fetch may reach without explicit permission: globally routable
 * unicast only. Loopback, private, link-local (so cloud metadata at 169.254.169.254),
 * unique-local, carrier-grade NAT, multicast, reserved and unspecified addresses are not, nor
 * are tunnelling prefixes (6to4, Teredo) that could wrap any of them. IPv4 embedded in
 * IPv4-mapped or NAT64 addresses is judged as IPv4. Only canonical literals count: anything
 * `net.isIP` rejects is not public.
 */
export function isPublicAddress(ip: string): boolean {
  if (isIP(ip) === 0) return false;
  const address = ipaddr.parse(ip);
  if (address.kind() === 'ipv4') return address.range() === 'unicast';
  const ipv6 = address as ipaddr.IPv6;
  if (ipv6.isIPv4MappedAddress()) return isPublicAddress(ipv6.toIPv4Address().toString());
  if (ipv6.match(NAT64_WELL_KNOWN_PREFIX)) return isPublicAddress(embeddedIPv4(ipv6));
  if (ipv6.match(IPV4_COMPATIBLE_PREFIX)) return false;
  return ipv6.range() === 'unicast';
}

function embeddedIPv4(address: ipaddr.IPv6): string {
  return address.toByteArray().slice(12).join('.');
}
