/**
 * Why an outbound exchange failed. Stable codes: feeds record them in `feed.poll_failed` and
 * webhook delivery in its attempt events, so a value is never renamed.
 */
export type OutboundFailureReason =
  | 'invalid_url'
  | 'unsupported_protocol'
  | 'blocked_address'
  | 'dns_error'
  | 'connection_error'
  | 'tls_error'
  | 'timeout'
  | 'aborted'
  | 'too_large'
  | 'too_many_redirects'
  | 'redirect_not_allowed'
  | 'decompression_error'
  | 'http_4xx'
  | 'http_5xx';

export interface OutboundRequest {
  readonly url: string;
  /** Default GET. */
  readonly method?: 'GET' | 'POST';
  /** Sent as given, except `accept-encoding`: decoding the body is this client's job. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Default true. Webhooks pass false: any 3xx is then `redirect_not_allowed`. */
  readonly followRedirects?: boolean;
  /** Default false: private, loopback, link-local and metadata addresses are refused. */
  readonly allowPrivateNetworks?: boolean;
  /** Default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Default 30 000: the whole exchange, redirects and a slowly dripping body included. */
  readonly totalTimeoutMs?: number;
  /** Default 10 MiB, on the wire and again after decompression. */
  readonly maxBodyBytes?: number;
  /** Default 5. */
  readonly maxRedirects?: number;
  /** Cancels the exchange; the result is then `aborted`, never `timeout`. */
  readonly signal?: AbortSignal;
}

export interface OutboundResponse {
  readonly status: number;
  readonly finalUrl: string;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** Decompressed. Empty for a 304; at most the first KiB for a 4xx or 5xx. */
  readonly body: Buffer;
  /** Every URL a redirect led to, in order: the last one is `finalUrl`. */
  readonly redirects: readonly string[];
  readonly elapsedMs: number;
}

export interface OutboundSuccess {
  readonly ok: true;
  /** A 2xx, or a 304 answering a conditional GET. */
  readonly response: OutboundResponse;
}

export interface OutboundFailure {
  readonly ok: false;
  readonly reason: OutboundFailureReason;
  /** For people and logs: names the host, never request headers, the path or the query. */
  readonly message: string;
  /** Present for `http_4xx` and `http_5xx`, so callers can honour `Retry-After`. */
  readonly response?: OutboundResponse;
  readonly elapsedMs: number;
}

export type OutboundResult = OutboundSuccess | OutboundFailure;
