import { types } from 'node:util';
import { BlockedAddressError } from './blocked-address.error.js';
import type { OutboundFailureReason } from './outbound.types.js';

export interface NetworkFailure {
  readonly reason: Extract<
    OutboundFailureReason,
    'blocked_address' | 'timeout' | 'dns_error' | 'tls_error' | 'connection_error'
  >;
  readonly message: string;
  /**
   * For a `connection_error`, the first system error code in the chain (`ECONNREFUSED`,
   * `ECONNRESET`, ...): a caller that records finer reasons than the stable ones reads it here.
   */
  readonly code?: string;
}

const TIMEOUT_CODES: Readonly<Record<string, string>> = {
  UND_ERR_CONNECT_TIMEOUT: 'the connection was not established in time',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the body stalled',
  ETIMEDOUT: 'the connection timed out',
};
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
/** Node's own TLS codes and OpenSSL's certificate verification codes. */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/**
 * Maps what undici or Node threw to a failure reason. The interesting error can sit anywhere in
 * a chain (`cause`, or `errors` when happy eyeballs tried several addresses), so the whole
 * chain is searched, our own refusal first. `undefined`: not a network error, a bug to rethrow.
 */
export function describeNetworkError(error: unknown, host: string): NetworkFailure | undefined {
  const chain = errorChain(error);
  const blocked = chain.find((link) => link instanceof BlockedAddressError);
  if (blocked) return { reason: 'blocked_address', message: blocked.message };
  for (const link of chain) {
    const code = (link as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') continue;
    if (code === 'UND_ERR_INVALID_ARG') return undefined;
    const timeout = TIMEOUT_CODES[code];
    if (timeout) return { reason: 'timeout', message: `${host}: ${timeout}` };
    if (DNS_CODES.has(code)) {
      return { reason: 'dns_error', message: `${host}: no address (${code})` };
    }
    if (TLS_CODE.test(code)) {
      return { reason: 'tls_error', message: `${host}: TLS failed (${code})` };
    }
  }
  const detail = chain[0]?.message || String(error);
  const code = chain
    .map((link) => (link as NodeJS.ErrnoException).code)
    .find((linkCode) => typeof linkCode === 'string');
  return {
    reason: 'connection_error',
    message: `exchange with ${host} failed (${detail})`,
    ...(code === undefined ? {} : { code }),
  };
}

/** Duck-typed: errors raised inside Node's net and tls may come from another realm. */
function errorChain(error: unknown): Error[] {
  const chain: Error[] = [];
  const pending = [error];
  while (pending.length > 0 && chain.length < 16) {
    const next = pending.shift();
    if (!(next instanceof Error || types.isNativeError(next)) || chain.includes(next)) continue;
    chain.push(next);
    pending.push(next.cause);
    if ('errors' in next && Array.isArray(next.errors)) pending.push(...(next.errors as unknown[]));
  }
  return chain;
}
