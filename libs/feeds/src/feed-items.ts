import { createHash } from 'node:crypto';
import { canonicalLink } from './canonical-link.js';
import { parseFeedDate } from './feed-date.js';
import type { ParseBudget } from './parse-budget.js';
import type { FeedItem, ItemIdentitySource } from './parsed-feed.types.js';
import { storableText } from '@app/contracts';
import { collapseWhitespace, truncateOnWordBoundary } from './plain-text.js';
import { safeLink } from './safe-link.js';
import { simHash } from './sim-hash.js';

const SUMMARY_MAX_CHARS = 2_000;
const TITLE_MAX_CHARS = 500;
const TITLE_FROM_SUMMARY_CHARS = 120;
const CATEGORY_MAX_CHARS = 200;
const CATEGORIES_MAX = 50;

/** What a format-specific reader extracts from one item, before the shared rules apply. */
export interface FeedItemCandidate {
  readonly guid: string;
  readonly link: string | undefined;
  readonly title: string;
  /** Plain text, uncapped. */
  readonly summary: string;
  /** Raw date strings, most relevant first: the first that parses is the item's date. */
  readonly dates: readonly (string | undefined)[];
  readonly categories: readonly string[];
  readonly language: string | undefined;
}

export interface FeedItemContext {
  readonly baseUrl: string;
  readonly feedLanguage: string | null;
}

/**
 * Turns candidates into items on the caller's thread, pausing between slices, keeping the first
 * of items that share an identity. Null when the budget runs out.
 */
export async function buildFeedItems<T>(
  raws: readonly T[],
  toCandidate: (raw: T) => FeedItemCandidate,
  context: FeedItemContext,
  budget: ParseBudget,
): Promise<FeedItem[] | null> {
  const items: FeedItem[] = [];
  const identities = new Set<string>();
  for (const raw of raws) {
    if (!(await budget.pause())) return null;
    const item = toFeedItem(toCandidate(raw), context);
    if (item && !identities.has(item.identity)) {
      identities.add(item.identity);
      items.push(item);
    }
  }
  return items;
}

function toFeedItem(candidate: FeedItemCandidate, context: FeedItemContext): FeedItem | null {
  const url = safeLink(candidate.link, context.baseUrl);
  const summary = truncateOnWordBoundary(candidate.summary, SUMMARY_MAX_CHARS);
  const ownTitle = truncateOnWordBoundary(collapseWhitespace(candidate.title), TITLE_MAX_CHARS);
  if (!ownTitle && !url && !summary) return null;
  const title =
    ownTitle || truncateOnWordBoundary(collapseWhitespace(summary), TITLE_FROM_SUMMARY_CHARS);
  const publishedAt = candidate.dates.reduce<string | null>(
    (found, raw) => found ?? parseFeedDate(raw),
    null,
  );
  // Every other field is text collapsed into storable text, or a URL, a date or a tag rebuilt
  // from what parses; a guid is kept as the feed wrote it, so it is made storable here.
  const guid = storableText(candidate.guid).trim();
  const { identity, identitySource } = identify(guid, url, title, publishedAt);
  return {
    identity,
    identitySource,
    title,
    url,
    summary,
    publishedAt,
    categories: distinctCategories(candidate.categories),
    language: normaliseLanguage(candidate.language) ?? context.feedLanguage,
    fingerprint: simHash(`${title}\n${summary}`),
  };
}

function identify(
  guid: string,
  url: string | null,
  title: string,
  publishedAt: string | null,
): { identity: string; identitySource: ItemIdentitySource } {
  if (guid) return { identity: guid, identitySource: 'guid' };
  if (url) return { identity: canonicalLink(url), identitySource: 'link' };
  const normalisedTitle = title.normalize('NFKC').toLowerCase();
  const digest = createHash('sha256')
    .update(`${normalisedTitle}\n${publishedAt ?? ''}`)
    .digest('hex');
  return { identity: digest, identitySource: 'hash' };
}

function distinctCategories(raw: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const category of raw) {
    const text = truncateOnWordBoundary(collapseWhitespace(category), CATEGORY_MAX_CHARS);
    const key = text.toLowerCase();
    if (text && !byKey.has(key)) byKey.set(key, text);
    if (byKey.size === CATEGORIES_MAX) break;
  }
  return [...byKey.values()];
}

/** BCP 47-looking tags only, lower-case, `_` read as `-` (`en_US` is common in feeds). */
export function normaliseLanguage(raw: string | undefined): string | null {
  const tag = raw?.trim().replace(/_/g, '-').toLowerCase();
  return tag && /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/.test(tag) ? tag : null;
}
