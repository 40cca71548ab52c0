import { storableText } from '@app/contracts';
import { sniffFeedDocument } from './feed-document-kind.js';
import { normaliseJsonFeed } from './json-feed.normaliser.js';
import { parseOffThread, type TimedOut } from './off-thread-parse.js';
import { ParseBudget } from './parse-budget.js';
import type { ParseFailureReason, ParseFeedOptions, ParseFeedResult } from './parsed-feed.types.js';
import {
  parseRawFeedDocument,
  type RawParseOutcome,
  type SniffedDocument,
} from './raw-feed-document.parser.js';
import { normaliseXmlFeed } from './xml-feed.normaliser.js';

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Above this many characters a document is parsed in a worker thread. Below it, parsing on the
 * caller's thread takes a few milliseconds, less than starting a thread.
 */
const OFF_THREAD_MIN_CHARS = 1_000_000;

/**
 * Parses a decoded feed document (RSS 0.9x/1.0/2.0, Atom, JSON Feed 1.x) into normalised items.
 * Never throws for anything in the document: failures are results with a SPEC §3 reason.
 */
export async function parseFeed(text: string, options: ParseFeedOptions): Promise<ParseFeedResult> {
  const budget = new ParseBudget(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const sniffed = sniffFeedDocument(text);
  if (sniffed.kind === 'not_a_feed') return failure('not_a_feed', sniffed.message);

  const outcome =
    sniffed.text.length >= OFF_THREAD_MIN_CHARS
      ? await parseOffThread(sniffed, budget)
      : await parseInThread(sniffed, budget);
  if (outcome.status !== 'ok') return failure(outcome.status, outcome.message);
  if (budget.expired()) return timedOut(budget);

  const { document } = outcome;
  if (document.kind === 'json') {
    const json = await normaliseJsonFeed(document.value, options.baseUrl, budget);
    if (json.status === 'timeout') return timedOut(budget);
    return json.status === 'ok'
      ? { ok: true, feed: json.feed }
      : failure(json.status, json.message);
  }
  const feed = await normaliseXmlFeed(document, options.baseUrl, budget);
  return feed ? { ok: true, feed } : timedOut(budget);
}

/**
 * rss-parser calls back synchronously, except that a parser left in a bad state may never call
 * back at all: hence a fresh parser per document (inside parseRawFeedDocument) and this timer.
 */
async function parseInThread(
  document: SniffedDocument,
  budget: ParseBudget,
): Promise<RawParseOutcome | TimedOut> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<TimedOut>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: 'timeout', message: budget.timeoutMessage() }),
      budget.remainingMs(),
    );
  });
  try {
    return await Promise.race([parseRawFeedDocument(document), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The message is recorded in `feed.poll_failed`; a parser's message may quote the document. */
function failure(reason: ParseFailureReason, message: string): ParseFeedResult {
  return { ok: false, reason, message: storableText(message) };
}

function timedOut(budget: ParseBudget): ParseFeedResult {
  return failure('timeout', budget.timeoutMessage());
}
