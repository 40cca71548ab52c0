import { parentPort } from 'node:worker_threads';
import { decodeFeedBody, fetchFailureReason, parseFeed } from '@app/feeds';
import { OutboundHttpClient } from '@app/outbound';
import type { CheckOutcome, CheckReply, CheckRequest, MojibakeFinding } from './check-protocol.js';
import { findMojibake } from './mojibake.js';

/**
 * A check thread: polls one corpus file at a time the way PollFeedHandler polls a feed (fetch
 * through OutboundHttpClient, decodeFeedBody, parseFeed), in a thread of its own so that the
 * suite can stop it when a parse loops in synchronous code, which no timer in the same thread
 * could interrupt.
 */

/** The limits the issue sets for the corpus run, and the worker's default parse budget. */
const TOTAL_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const PARSE_TIMEOUT_MS = 10_000;

const port = parentPort;
if (!port) throw new Error('feed-check.worker.js runs only as a worker thread');
const http = new OutboundHttpClient();

port.on('message', (request: CheckRequest) => {
  void checkFeed(request).then((outcome) =>
    port.postMessage({ type: 'checked', outcome } satisfies CheckReply),
  );
});
port.postMessage({ type: 'ready' } satisfies CheckReply);

async function checkFeed(request: CheckRequest): Promise<CheckOutcome> {
  try {
    return await pollOnce(request);
  } catch (error) {
    return { kind: 'crash', message: describeError(error) };
  }
}

async function pollOnce({ url, declaresCharset }: CheckRequest): Promise<CheckOutcome> {
  const fetched = await http.request({
    url,
    allowPrivateNetworks: true,
    totalTimeoutMs: TOTAL_TIMEOUT_MS,
    maxBodyBytes: MAX_BODY_BYTES,
  });
  if (!fetched.ok) {
    return {
      kind: 'failed',
      reason: fetchFailureReason(fetched.reason),
      message: fetched.message,
      status: fetched.response?.status ?? null,
    };
  }
  const { response } = fetched;
  const decoded = decodeFeedBody(response.body, response.headers['content-type']);
  const parsed = await parseFeed(decoded.text, {
    baseUrl: response.finalUrl,
    timeoutMs: PARSE_TIMEOUT_MS,
  });
  if (!parsed.ok) {
    return {
      kind: 'failed',
      reason: parsed.reason === 'timeout' ? 'parse_error' : parsed.reason,
      message: parsed.message,
      status: response.status,
    };
  }
  const { items, repeatedIdentities } = parsed.feed;
  const charset = { charset: decoded.charset, charsetSource: decoded.source, repeatedIdentities };
  if (items.length === 0) return { kind: 'empty', ...charset };
  const mojibake = items
    .map((item) => findMojibake(item, declaresCharset))
    .filter((finding): finding is MojibakeFinding => finding !== null);
  return { kind: 'items', items: items.length, mojibake, ...charset };
}

/** The message and where it was thrown: a crash is a bug to find. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const thrownAt = error.stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  return `${error.name}: ${error.message}${thrownAt ? ` (${thrownAt.trim()})` : ''}`;
}
