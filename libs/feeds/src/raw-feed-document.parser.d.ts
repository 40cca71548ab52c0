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

export declare function parseRawFeedDocument(
  kind: 'xml' | 'json',
  text: string,
): Promise<RawParseOutcome>;
