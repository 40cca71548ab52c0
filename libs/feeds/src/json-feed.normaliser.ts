import {
  buildFeedItems,
  normaliseLanguage,
  serialisedContent,
  type FeedItemCandidate,
} from './feed-items.js';
import { htmlToText } from './html-to-text.js';
import type { ParseBudget } from './parse-budget.js';
import type { ParsedFeed } from './parsed-feed.types.js';
import { collapseWhitespace } from './plain-text.js';
import { safeLink } from './safe-link.js';

const VERSION = /^https?:\/\/jsonfeed\.org\/version\/1(?:\.\d+)?\/?$/;

type JsonRecord = Readonly<Record<string, unknown>>;

export type JsonFeedOutcome =
  | { readonly status: 'ok'; readonly feed: ParsedFeed }
  | { readonly status: 'not_a_feed' | 'parse_error'; readonly message: string }
  | { readonly status: 'timeout' };

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). */
export async function normaliseJsonFeed(
  value: unknown,
  baseUrl: string,
  budget: ParseBudget,
): Promise<JsonFeedOutcome> {
  if (!isRecord(value) || typeof value.version !== 'string' || !VERSION.test(value.version)) {
    return {
      status: 'not_a_feed',
      message: 'JSON that is not a JSON Feed (no jsonfeed.org version)',
    };
  }
  if (!Array.isArray(value.items)) {
    return { status: 'parse_error', message: 'JSON Feed without an items array' };
  }
  const language = normaliseLanguage(text(value.language));
  const built = await buildFeedItems(
    value.items as readonly unknown[],
    jsonItem,
    { baseUrl, feedLanguage: language },
    budget,
  );
  if (!built) return { status: 'timeout' };
  const title = collapseWhitespace(text(value.title) ?? '');
  return {
    status: 'ok',
    feed: {
      format: 'json-feed',
      title: title || null,
      link: safeLink(text(value.home_page_url), baseUrl),
      language,
      ttlMinutes: null,
      ...built,
    },
  };
}

function jsonItem(item: unknown): FeedItemCandidate {
  const fields = isRecord(item) ? item : {};
  const plain = [fields.summary, fields.content_text].map(text).find((field) => field?.trim());
  const summary = plain ?? htmlToText(text(fields.content_html) ?? '');
  return {
    // JSON Feed 1.0 allowed numeric ids, and feeds still send them.
    guid: text(fields.id) ?? '',
    link: text(fields.url) ?? text(fields.external_url),
    title: text(fields.title) ?? '',
    summary: collapseWhitespace(summary, { keepLines: true }),
    dates: [text(fields.date_published), text(fields.date_modified)],
    categories: Array.isArray(fields.tags) ? fields.tags.flatMap((tag) => text(tag) ?? []) : [],
    language: text(fields.language),
    content: () => serialisedContent(item),
  };
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}
