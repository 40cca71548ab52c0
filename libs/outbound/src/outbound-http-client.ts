import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import { checkHttpUrl, type HttpUrlCheck } from './check-http-url.js';
import { ACCEPT_ENCODING, decodeContent } from './decode-content.js';
import { describeNetworkError } from './describe-network-error.js';
import { guardLookup } from './guard-lookup.js';
import { isPublicAddress } from './is-public-address.js';
import type {
  OutboundFailure,
  OutboundFailureReason,
  OutboundRequest,
  OutboundResponse,
  OutboundResult,
} from './outbound.types.js';
import { readCapped } from './read-capped.js';

/** Sent on every request, so feed publishers and webhook receivers can tell who is calling. */
export const DEFAULT_USER_AGENT = 'Vigil/0.1 (news alerting for human-rights monitoring)';

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_TOTAL_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
/** Enough of an error body to say what went wrong, never the whole of it. */
const ERROR_BODY_BYTES = 1024;
/** Credentials meant for one origin, dropped when a redirect leaves it. */
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding'];

export interface OutboundHttpClientOptions {
  /** Default `DEFAULT_USER_AGENT`; a request's own `user-agent` header still wins. */
  readonly userAgent?: string;
  /**
   * Resolves host names, `dns.lookup` by default. Lets tests give names to loopback servers
   * without touching real DNS.
   */
  readonly lookup?: LookupFunction;
  /**
   * Which addresses a request without `allowPrivateNetworks` may reach, `isPublicAddress` by
   * default. Tests widen it to one loopback address to prove that redirect targets and every
   * resolved address are still checked, without sending traffic anywhere else.
   */
  readonly isAllowedAddress?: (address: string) => boolean;
}

/** Where an exchange has got to: the failure paths report the host and the redirects so far. */
interface Trail {
  url: URL;
  readonly redirects: string[];
  readonly startedAt: number;
}

/**
 * The one way Vigil talks HTTP to the outside: feeds now, webhooks later. Every request is
 * bounded (connect and total time, body size before and after decompression, redirects) and
 * may reach only public addresses unless the caller allows private networks. Failures come
 * back as a reason code and a message, never as an exception: a dead feed is routine here.
 */
export class OutboundHttpClient {
  private readonly userAgent: string;
  private readonly lookup: LookupFunction;
  private readonly isAllowedAddress: (address: string) => boolean;
  /**
   * Keep-alive pools keyed by (guarded or not, connect timeout). Both are properties of an
   * Agent's connector, and a connection opened without the guard must never be reused by a
   * request that needs it, so each combination gets its own pool.
   */
  private readonly agents = new Map<string, Agent>();
  private closed = false;

  constructor(options: OutboundHttpClientOptions = {}) {
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.lookup = options.lookup ?? dnsLookup;
    this.isAllowedAddress = options.isAllowedAddress ?? isPublicAddress;
  }

  async request(request: OutboundRequest): Promise<OutboundResult> {
    if (this.closed) throw new Error('OutboundHttpClient is closed');
    const startedAt = performance.now();
    const target = this.checkTarget(request.url, request.allowPrivateNetworks ?? false);
    if (!target.ok) return failure(target.reason, target.message, startedAt);
    const trail: Trail = { url: target.url, redirects: [], startedAt };
    const totalTimeoutMs = request.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
    const deadline = AbortSignal.timeout(totalTimeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
    try {
      return await this.exchange(request, signal, trail);
    } catch (error) {
      if (request.signal?.aborted) {
        return failure('aborted', `the request to ${trail.url.host} was cancelled`, startedAt);
      }
      if (deadline.aborted) {
        const message = `no complete response from ${trail.url.host} within ${totalTimeoutMs} ms`;
        return failure('timeout', message, startedAt);
      }
      const described = describeNetworkError(error, trail.url.host);
      if (!described) throw error;
      return failure(described.reason, described.message, startedAt);
    }
  }

  /** Waits for requests in flight, then closes every pooled connection. */
  async close(): Promise<void> {
    this.closed = true;
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((agent) => agent.close()));
  }

  private async exchange(
    request: OutboundRequest,
    signal: AbortSignal,
    trail: Trail,
  ): Promise<OutboundResult> {
    const allowPrivateNetworks = request.allowPrivateNetworks ?? false;
    const maxRedirects = request.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    const totalTimeoutMs = request.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
    const dispatcher = this.agentFor(
      allowPrivateNetworks,
      request.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    );
    const headers = this.requestHeaders(request.headers);
    let method = request.method ?? 'GET';
    let body = request.body;
    for (;;) {
      const response = await dispatcher.request({
        origin: trail.url.origin,
        path: `${trail.url.pathname}${trail.url.search}`,
        method,
        headers,
        body,
        signal,
        // The deadline signal bounds the whole exchange; these keep undici's own 300 s
        // defaults from ever being the longer wait.
        headersTimeout: totalTimeoutMs,
        bodyTimeout: totalTimeoutMs,
      });
      const status = response.statusCode;
      if (status < 300 || status === 304) {
        return this.success(response, trail, request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      }
      if (status >= 400) return this.httpError(response, trail);
      await response.body.dump();
      const host = trail.url.host;
      if (!(request.followRedirects ?? true)) {
        const message = `${host} answered ${status} and redirects are not followed`;
        return failure('redirect_not_allowed', message, trail.startedAt);
      }
      if (trail.redirects.length >= maxRedirects) {
        const message = `more than ${maxRedirects} redirects, the last from ${host}`;
        return failure('too_many_redirects', message, trail.startedAt);
      }
      const location = headerValue(response.headers['location']);
      const next = location === undefined ? undefined : URL.parse(location, trail.url.href);
      if (!next) {
        const message = `${host} answered ${status} without a usable Location`;
        return failure('invalid_url', message, trail.startedAt);
      }
      // 307 and 308 promise the same request again; every other redirect is followed with a
      // GET, as browsers do.
      if (status !== 307 && status !== 308 && method !== 'GET') {
        method = 'GET';
        body = undefined;
        for (const name of BODY_HEADERS) delete headers[name];
      }
      if (next.origin !== trail.url.origin) {
        for (const name of ORIGIN_BOUND_HEADERS) delete headers[name];
      }
      const target = this.checkTarget(next, allowPrivateNetworks);
      if (!target.ok) return failure(target.reason, target.message, trail.startedAt);
      trail.redirects.push(next.href);
      trail.url = next;
    }
  }

  private async success(
    response: Dispatcher.ResponseData,
    trail: Trail,
    maxBodyBytes: number,
  ): Promise<OutboundResult> {
    const headers = flattenHeaders(response.headers);
    const host = trail.url.host;
    if (response.statusCode === 304) {
      await response.body.dump();
      return { ok: true, response: outboundResponse(304, headers, Buffer.alloc(0), trail) };
    }
    if (Number(headers['content-length']) > maxBodyBytes) {
      response.body.destroy();
      const message = `${host} announced ${headers['content-length']} bytes, more than the ${maxBodyBytes} allowed`;
      return failure('too_large', message, trail.startedAt);
    }
    const wire = await readCapped(response.body, maxBodyBytes);
    if (!wire.complete) {
      const message = `${host} sent more than the ${maxBodyBytes} bytes allowed`;
      return failure('too_large', message, trail.startedAt);
    }
    const decoded = await decodeContent(wire.bytes, headers['content-encoding'], {
      cap: maxBodyBytes,
      truncated: false,
    });
    if (!decoded.ok) return failure(decoded.reason, `${host}: ${decoded.message}`, trail.startedAt);
    const status = response.statusCode;
    return { ok: true, response: outboundResponse(status, headers, decoded.body, trail) };
  }

  private async httpError(
    response: Dispatcher.ResponseData,
    trail: Trail,
  ): Promise<OutboundFailure> {
    const status = response.statusCode;
    const headers = flattenHeaders(response.headers);
    // The status and headers are the answer; an error body that stalls or breaks must not
    // turn a 503 with Retry-After into a timeout, so its bytes are a best effort.
    const wire = await readCapped(response.body, ERROR_BODY_BYTES).catch(() => undefined);
    const decoded = wire
      ? await decodeContent(wire.bytes, headers['content-encoding'], {
          cap: ERROR_BODY_BYTES,
          truncated: true,
        })
      : undefined;
    const body = decoded?.ok ? decoded.body : Buffer.alloc(0);
    return {
      ok: false,
      reason: status < 500 ? 'http_4xx' : 'http_5xx',
      message: `${trail.url.host} answered ${status}`,
      response: outboundResponse(status, headers, body, trail),
      elapsedMs: elapsedSince(trail.startedAt),
    };
  }

  /**
   * Checks a URL before any connection, the first and every redirect target: the scheme, and
   * the host when it names a private address itself, because the guarded lookup only ever
   * sees names that need resolving.
   */
  private checkTarget(url: string | URL, allowPrivateNetworks: boolean): HttpUrlCheck {
    return checkHttpUrl(url, { allowPrivateNetworks, isAllowedAddress: this.isAllowedAddress });
  }

  private requestHeaders(given: Readonly<Record<string, string>> = {}): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    for (const [name, value] of Object.entries(given)) headers[name.toLowerCase()] = value;
    headers['accept-encoding'] = ACCEPT_ENCODING;
    return headers;
  }

  private agentFor(allowPrivateNetworks: boolean, connectTimeoutMs: number): Agent {
    const key = `${allowPrivateNetworks ? 'open' : 'guarded'}:${connectTimeoutMs}`;
    let agent = this.agents.get(key);
    if (!agent) {
      const lookup = allowPrivateNetworks
        ? this.lookup
        : guardLookup(this.lookup, this.isAllowedAddress);
      agent = new Agent({ connect: { timeout: connectTimeoutMs, lookup } });
      this.agents.set(key, agent);
    }
    return agent;
  }
}

function failure(
  reason: OutboundFailureReason,
  message: string,
  startedAt: number,
): OutboundFailure {
  return { ok: false, reason, message, elapsedMs: elapsedSince(startedAt) };
}

function outboundResponse(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: Buffer,
  trail: Trail,
): OutboundResponse {
  return {
    status,
    finalUrl: trail.url.href,
    headers,
    body,
    redirects: [...trail.redirects],
    elapsedMs: elapsedSince(trail.startedAt),
  };
}

function flattenHeaders(
  raw: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const joined = headerValue(value);
    if (joined !== undefined) headers[name.toLowerCase()] = joined;
  }
  return headers;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function elapsedSince(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}
