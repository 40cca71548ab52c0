/**
 * Types of raw-feed-document.parser.js, which is plain JavaScript so that the worker thread can
 * load it as it is, under jest as well as from dist/.
 */
export type RawFeedDocument =
  | {
      readonly kind: 'xml';
      readonly format: 'rss' | 'atom' | 'rdf';
      /** The xml2js node of <channel> or <feed>: `$` holds attributes, `_` text. */
      readonly channel: unknown;
      readonly items: readonly unknown[];
    }
  | { readonly kind: 'json'; readonly value: unknown };

export type RawParseOutcome =
  | { readonly status: 'ok'; readonly document: RawFeedDocument }
  | { readonly status: 'not_a_feed' | 'parse_error'; readonly message: string };

/** A document sniffed as XML or JSON, starting at its first character of markup. */
export type SniffedDocument =
  | {
      readonly kind: 'xml';
      readonly text: string;
      /** Prefixes bound to an Atom namespace in an Atom document: read as if unprefixed. */
      readonly atomPrefixes?: readonly string[];
    }
  | { readonly kind: 'json'; readonly text: string };

export declare function parseRawFeedDocument(document: SniffedDocument): Promise<RawParseOutcome>;
