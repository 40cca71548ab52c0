import { normalizeIp } from '@nestjs/throttler';

/**
 * The address a limit counts against: Express's `req.ip`, which believes X-Forwarded-For only
 * as far as `http.trustedProxies` says (docs/rate-limits.md). An IPv4 client seen on an IPv6
 * socket counts as its IPv4 address, and an IPv6 client as its /64, the block one subscriber
 * gets, so cycling through one's own addresses buys nothing.
 */
export function clientAddress(request: { readonly ip?: string | undefined }): string {
  return normalizeIp(request.ip ?? '') || 'unknown';
}
