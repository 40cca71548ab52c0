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
  /**
   * The whole item as the document has it, serialised the same way on every poll (attributes,
   * enclosures, dates and all): the identity of last resort. Empty when the item holds nothing.
   * Computed only for the rare item with no guid, link, title or text.
   */
  readonly content: () => string;
}

export interface FeedItemContext {
  readonly baseUrl: string;
  readonly feedLanguage: string | null;
}

export interface BuiltFeedItems {
  readonly items: FeedItem[];
  /** Items left out because an earlier item of the document has the same identity. */
  readonly repeatedIdentities: number;
}

/**
 * Turns candidates into items on the caller's thread, pausing between slices, keeping the first
 * of items that share an identity (SPEC §3: one identity is one item, which the store would
 * discover once anyway). Null when the budget runs out.
 */
export async function buildFeedItems<T>(
  raws: readonly T[],
  toCandidate: (raw: T) => FeedItemCandidate,
  context: FeedItemContext,
  budget: ParseBudget,
): Promise<BuiltFeedItems | null> {
  const items: FeedItem[] = [];
  const identities = new Set<string>();
  let repeatedIdentities = 0;
  for (const raw of raws) {
    if (!(await budget.pause())) return null;
    const item = toFeedItem(toCandidate(raw), context);
    if (!item) continue;
    if (identities.has(item.identity)) {
      repeatedIdentities += 1;
    } else {
      identities.add(item.identity);
      items.push(item);
    }
  }
  return { items, repeatedIdentities };
}

function toFeedItem(candidate: FeedItemCandidate, context: FeedItemContext): FeedItem | null {
  const url = safeLink(candidate.link, context.baseUrl);
  const summary = truncateOnWordBoundary(candidate.summary, SUMMARY_MAX_CHARS);
  const ownTitle = truncateOnWordBoundary(collapseWhitespace(candidate.title), TITLE_MAX_CHARS);
  const title =
    ownTitle || truncateOnWordBoundary(collapseWhitespace(summary), TITLE_FROM_SUMMARY_CHARS);
  const publishedAt = candidate.dates.reduce<string | null>(
    (found, raw) => found ?? parseFeedDate(raw),
    null,
  );
  // Every other field is text collapsed into storable text, or a URL, a date or a tag rebuilt
  // from what parses; a guid is kept as the feed wrote it, so it is made storable here.
  const guid = storableText(candidate.guid).trim();
  const identified = identify(guid, url, title, publishedAt, candidate.content);
  if (!identified) return null;
  const { identity, identitySource } = identified;
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

/**
 * SPEC §3: the guid, else the canonical link, else a hash of the title (its own, else the start
 * of its text) and date, else a hash of the whole item. Null for an item that holds nothing.
 */
function identify(
  guid: string,
  url: string | null,
  title: string,
  publishedAt: string | null,
  content: () => string,
): { identity: string; identitySource: ItemIdentitySource } | null {
  if (guid) return { identity: guid, identitySource: 'guid' };
  if (url) return { identity: canonicalLink(url), identitySource: 'link' };
  if (title) {
    const normalisedTitle = title.normalize('NFKC').toLowerCase();
    return { identity: sha256(`${normalisedTitle}\n${publishedAt ?? ''}`), identitySource: 'hash' };
  }
  const whole = content();
  // A prefix no title hash can produce: `content` then a newline, where a title has none.
  return whole ? { identity: sha256(`content\n${whole}`), identitySource: 'content' } : null;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
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

/**
 * An item as JSON (an XML node: element names, attributes and text in document order), the same
 * on every parse of the same markup. Empty when no text or attribute value anywhere in it is more than
 * whitespace: elements alone say nothing.
 */
export function serialisedContent(node: unknown): string {
  return holdsSomething(node) ? JSON.stringify(node) : '';
}

/** Iterative: a depth-capped tree is still thousands of nodes wide. */
function holdsSomething(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (node.trim() !== '') return true;
    } else if (typeof node === 'number' || typeof node === 'boolean') {
      return true;
    } else if (typeof node === 'object' && node !== null) {
      // One at a time: spreading a list of 100,000 children would overflow the call's arguments.
      for (const child of Object.values(node)) stack.push(child);
    }
  }
  return false;
}

/** BCP 47-looking tags only, lower-case, `_` read as `-` (`en_US` is common in feeds). */
export function normaliseLanguage(raw: string | undefined): string | null {
  const tag = raw?.trim().replace(/_/g, '-').toLowerCase();
  return tag && /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/.test(tag) ? tag : null;
}
