import type { PollFailureReason } from '@app/contracts';
import type { OutboundFailureReason } from '@app/outbound';

const AS_POLL_REASON: Readonly<Record<OutboundFailureReason, PollFailureReason>> = {
  invalid_url: 'invalid_url',
  unsupported_protocol: 'unsupported_protocol',
  blocked_address: 'blocked_address',
  dns_error: 'dns_error',
  connection_error: 'connection_error',
  tls_error: 'tls_error',
  timeout: 'timeout',
  // A cancelled fetch is one that ran out of time from the poller's point of view.
  aborted: 'timeout',
  too_large: 'too_large',
  too_many_redirects: 'too_many_redirects',
  // Feed fetches follow redirects; this only arises when redirects are refused.
  redirect_not_allowed: 'too_many_redirects',
  decompression_error: 'decompression_error',
  http_4xx: 'http_4xx',
  http_5xx: 'http_5xx',
};

/** The `feed.poll_failed` reason of a failed feed fetch (SPEC.md §3 codes). */
export function fetchFailureReason(reason: OutboundFailureReason): PollFailureReason {
  return AS_POLL_REASON[reason];
}
