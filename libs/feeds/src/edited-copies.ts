import type { FeedItem } from './parsed-feed.types.js';
import { hammingDistance } from './sim-hash.js';

/** An item identified by its content hash, remembered to recognise its edited copies. */
export interface ContentIdentifiedItem {
  readonly fingerprint: string;
  readonly publishedAt: string | null;
}

/**
 * Bits of the 64-bit SimHash within which two texts count as one item edited: small edits of a
 * news item move fewer than 8 bits, unrelated texts more than 20.
 */
const EDIT_DISTANCE_BITS = 10;
/** Content-identified items a feed remembers; feeds serve far fewer at a time. */
const REMEMBERED = 500;

/**
 * An item with neither guid nor link is identified by a hash of its title and date, so an
 * edited title would look like a new item. Such an item is taken as an edited copy, and not
 * discovered again, when a remembered item of the same feed has the same date and a nearly
 * identical text. Items with a guid or link keep their identity through edits already.
 */
export function dropEditedCopies(
  items: readonly FeedItem[],
  remembered: readonly ContentIdentifiedItem[],
): { readonly fresh: FeedItem[]; readonly remembered: ContentIdentifiedItem[] } {
  const known = [...remembered];
  const fresh: FeedItem[] = [];
  for (const item of items) {
    if (item.identitySource === 'hash') {
      const copy = known.some(
        (seen) =>
          seen.publishedAt === item.publishedAt &&
          hammingDistance(seen.fingerprint, item.fingerprint) <= EDIT_DISTANCE_BITS,
      );
      if (copy) continue;
      known.push({ fingerprint: item.fingerprint, publishedAt: item.publishedAt });
    }
    fresh.push(item);
  }
  return { fresh, remembered: known.slice(-REMEMBERED) };
}
