export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json-feed';

/**
 * `hash`: of title and date; `content`: of the whole item, for one with no guid, link, title or
 * text (only a date, an enclosure, a category, an image...).
 */
export type ItemIdentitySource = 'guid' | 'link' | 'hash' | 'content';

export interface FeedItem {
  /** What makes the item the same item across polls: see SPEC §3. */
  readonly identity: string;
  readonly identitySource: ItemIdentitySource;
  readonly title: string;
  /** Absolute http(s) link as the feed gave it (resolved, not canonicalised), or null. */
  readonly url: string | null;
  /** Plain text, at most 2,000 characters, cut on a word boundary. */
  readonly summary: string;
  /** ISO 8601 in UTC, or null when the feed gave no date that parses. */
  readonly publishedAt: string | null;
  readonly categories: readonly string[];
  /** Lower-case language tag of the item, else of the feed, else null. */
  readonly language: string | null;
  /** SimHash (16 hex digits) of title and summary: near-identical texts differ in few bits. */
  readonly fingerprint: string;
}

export interface ParsedFeed {
  readonly format: FeedFormat;
  readonly title: string | null;
  readonly link: string | null;
  readonly language: string | null;
  /** RSS <ttl>: how long the publisher asks readers to cache the feed. */
  readonly ttlMinutes: number | null;
  readonly items: readonly FeedItem[];
  /** Items left out because an earlier item of the document has the same identity. */
  readonly repeatedIdentities: number;
}

/** The subset of SPEC §3's poll failure reasons that parsing can produce. */
export type ParseFailureReason = 'not_a_feed' | 'parse_error' | 'timeout';

export type ParseFeedResult =
  | { readonly ok: true; readonly feed: ParsedFeed }
  | { readonly ok: false; readonly reason: ParseFailureReason; readonly message: string };

export interface ParseFeedOptions {
  /** The feed's URL: relative links resolve against it. */
  readonly baseUrl: string;
  /** Budget for the whole parse, normalisation included. Default 10 s. */
  readonly timeoutMs?: number;
}

/** `detected`: nothing declared a charset and the bytes are not UTF-8 (see decodeFeedBody). */
export type CharsetSource = 'bom' | 'content-type' | 'xml-prolog' | 'detected' | 'default';

export interface DecodedFeedBody {
  /** The document as text, without its byte order mark. */
  readonly text: string;
  /** The encoding the bytes were decoded with, lower-case. */
  readonly charset: string;
  readonly source: CharsetSource;
}
