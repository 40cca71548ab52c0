import { lookup as dnsLookup } from 'node:dns';
import type { Readable } from 'node:stream';
import { Agent, type Dispatcher } from 'undici';
import {
  checkHttpUrl,
  DEFAULT_USER_AGENT,
  describeNetworkError,
  guardLookup,
  isPublicAddress,
  parseRetryAfter,
  readCapped,
} from '@app/outbound';

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_TOTAL_TIMEOUT_MS = 15_000;
/** Enough of a failure's body to say what went wrong in the delivery record. */
const EXCERPT_BYTES = 1024;

/**
 * Why a delivery got no usable answer. Stored in attempt events, so a value is never renamed.
 * An HTTP status that says it all (4xx, 5xx) has none: the status is the reason.
 */
export type DeliveryError =
  | 'invalid_url'
  | 'unsupported_protocol'
  | 'blocked_address'
  | 'dns_error'
  | 'connect_refused'
  | 'connection_error'
  | 'tls_error'
  | 'timeout'
  | 'redirect';

/**
 * Failures no retry can cure: the URL does not parse, is not http(s), or names (or resolves
 * to) an address the guard refuses. Only the subscription's owner or the operator can change
 * that, by a new URL or by configuration; until then every attempt fails the same way.
 */
const PERMANENT_ERRORS: ReadonlySet<DeliveryError> = new Set<DeliveryError>([
  'invalid_url',
  'unsupported_protocol',
  'blocked_address',
]);

export type DeliveryOutcome =
  | { readonly ok: true; readonly status: number; readonly latencyMs: number }
  | {
      readonly ok: false;
      /** `null` when no response came. */
      readonly status: number | null;
      readonly error: DeliveryError | null;
      readonly latencyMs: number;
      /** The first KiB of the response body as text; `null` when there was none to read. */
      readonly responseExcerpt: string | null;
      /** 410: the receiver says the endpoint is gone for good. */
      readonly gone: boolean;
      /** The wait a 429 or 503 asked for with `Retry-After`. */
      readonly retryAfterMs: number | null;
      /** The error when no retry can cure it (see PERMANENT_ERRORS), else null. */
      readonly permanentFailure: DeliveryError | null;
    };

export interface WebhookClientOptions {
  /** Default 5 000. */
  readonly connectTimeoutMs?: number;
  /** Default 15 000: the most one delivery can take, however the receiver behaves. */
  readonly totalTimeoutMs?: number;
  /** Default false: loopback, private and link-local receivers are refused. */
  readonly allowPrivateNetworks?: boolean;
  /** Default `DEFAULT_USER_AGENT`. */
  readonly userAgent?: string;
}

export interface WebhookDelivery {
  readonly url: string;
  /** The signed `webhook-*` headers; content type and user agent are added here. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Overrides the client's `allowPrivateNetworks` for this delivery when given. */
  readonly allowPrivateNetwork?: boolean;
}

/**
 * POSTs signed notifications. Every outcome is a value, never an exception: a failing receiver
 * is routine, and the caller records the outcome and schedules the retry. Redirects are never
 * followed, so a receiver cannot point a signed request at another host, and a delivery costs
 * at most `totalTimeoutMs` and a KiB of its response however the receiver behaves.
 */
export class WebhookClient {
  private readonly connectTimeoutMs: number;
  private readonly totalTimeoutMs: number;
  private readonly allowPrivateNetworks: boolean;
  private readonly userAgent: string;
  /**
   * Two keep-alive pools: the address guard lives in an Agent's connector, and a connection
   * opened without it must never be reused by a delivery that needs it.
   */
  private readonly guarded: Agent;
  private readonly unguarded: Agent;
  private closed = false;

  constructor(options: WebhookClientOptions = {}) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.totalTimeoutMs = options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
    this.allowPrivateNetworks = options.allowPrivateNetworks ?? false;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    const timeout = this.connectTimeoutMs;
    this.guarded = new Agent({
      connect: { timeout, lookup: guardLookup(dnsLookup, isPublicAddress) },
    });
    this.unguarded = new Agent({ connect: { timeout } });
  }

  async post(delivery: WebhookDelivery): Promise<DeliveryOutcome> {
    if (this.closed) throw new Error('WebhookClient is closed');
    const startedAt = performance.now();
    const allowPrivateNetwork = delivery.allowPrivateNetwork ?? this.allowPrivateNetworks;
    // The guarded lookup only sees names: a host that names a private address by itself (an
    // IP literal, localhost) is refused here, before any socket.
    const target = checkHttpUrl(delivery.url, { allowPrivateNetworks: allowPrivateNetwork });
    if (!target.ok) return failure(target.reason, startedAt);
    const { url } = target;
    const deadline = AbortSignal.timeout(this.totalTimeoutMs);
    let response: Dispatcher.ResponseData;
    try {
      response = await (allowPrivateNetwork ? this.unguarded : this.guarded).request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: {
          ...lowerCaseNames(delivery.headers),
          'content-type': 'application/json',
          'user-agent': this.userAgent,
        },
        body: delivery.body,
        signal: deadline,
        // The deadline bounds the whole exchange; these keep undici's own 300 s defaults from
        // ever being the longer wait.
        headersTimeout: this.totalTimeoutMs,
        bodyTimeout: this.totalTimeoutMs,
      });
    } catch (error) {
      if (deadline.aborted) return failure('timeout', startedAt);
      const described = describeNetworkError(error, url.host);
      if (!described) throw error;
      const refused = described.reason === 'connection_error' && described.code === 'ECONNREFUSED';
      return failure(refused ? 'connect_refused' : described.reason, startedAt);
    }
    // The receiver's answer time: reading or discarding its body is our cost, not its latency.
    const latencyMs = elapsedSince(startedAt);
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      // The body of a success means nothing here. Draining a small one keeps the connection for
      // the next delivery; a larger one closes it rather than being read.
      await response.body.dump({ limit: EXCERPT_BYTES });
      return { ok: true, status, latencyMs };
    }
    const retryAfter =
      status === 429 || status === 503
        ? parseRetryAfter(firstValue(response.headers['retry-after']), new Date())
        : undefined;
    return {
      ok: false,
      status,
      error: status >= 300 && status < 400 ? 'redirect' : null,
      latencyMs,
      responseExcerpt: await readExcerpt(response.body),
      gone: status === 410,
      retryAfterMs: retryAfter === undefined ? null : retryAfter * 1000,
      permanentFailure: null,
    };
  }

  /** Waits for deliveries in flight, then closes every pooled connection. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.guarded.close(), this.unguarded.close()]);
  }
}

function failure(error: DeliveryError, startedAt: number): Extract<DeliveryOutcome, { ok: false }> {
  return {
    ok: false,
    status: null,
    error,
    latencyMs: elapsedSince(startedAt),
    responseExcerpt: null,
    gone: false,
    retryAfterMs: null,
    permanentFailure: PERMANENT_ERRORS.has(error) ? error : null,
  };
}

/**
 * The first KiB as text, the rest never read. Best effort: the status is the answer, and a body
 * that stalls or breaks (until the deadline ends it) must not turn it into a network failure.
 */
async function readExcerpt(body: Readable): Promise<string | null> {
  try {
    const { bytes } = await readCapped(body, EXCERPT_BYTES);
    // `stream` holds back a character the cut split in two instead of mangling it.
    return new TextDecoder().decode(bytes, { stream: true });
  } catch {
    return null;
  }
}

/** HTTP names are case-insensitive; one spelling keeps ours from duplicating the caller's. */
function lowerCaseNames(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function elapsedSince(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}
