import type { SniffedDocument } from './raw-feed-document.parser.js';

export type FeedDocumentKind =
  SniffedDocument | { readonly kind: 'not_a_feed'; readonly message: string };

/** Atom 1.0 and Atom 0.3: elements in either are read as Atom whatever their prefix. */
const ATOM_NAMESPACES = ['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#'];

const ATOM_PREFIX_DECLARATION = new RegExp(
  `\\bxmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["'](?:${ATOM_NAMESPACES.map(escapeRegExp).join('|')})["']`,
  'g',
);

/** The root elements of a feed; `feed` also under any prefix bound to an Atom namespace. */
const FEED_ROOT = /^(?:rss|feed|rdf:RDF|[A-Za-z_][\w.-]*:feed)$/;

/** The first feed element of an (X)HTML page that wraps one, and the end of its last. */
const EMBEDDED_FEED_START = /<(rss|feed|rdf:RDF)[\s>]/;

/**
 * Tells XML from JSON from anything else by the first characters, and reads the XML root element
 * past declarations, comments and the DOCTYPE, so an HTML page or an unrelated XML document is
 * answered `not_a_feed` before any parser runs. The returned text starts at its first character
 * of markup: sax refuses a byte order mark or other text before the first tag.
 *
 * Two shapes feedparser reads are brought back to a feed: Atom under a prefix (`<a:feed
 * xmlns:a="http://www.w3.org/2005/Atom">`, or prefixed entries in a plain feed), whose prefixes
 * are returned for the parser to drop, and an XHTML page wrapping a feed element, whose feed is
 * returned alone.
 */
export function sniffFeedDocument(text: string): FeedDocumentKind {
  const body = text.trimStart();
  if (body === '') return notAFeed('the body is empty');
  if (body.startsWith('{') || body.startsWith('[')) return { kind: 'json', text: body };
  if (!body.startsWith('<')) return notAFeed('the body is neither XML nor JSON');
  const found = rootElement(body);
  if (found === undefined) return notAFeed('the XML document has no root element');
  const { name: root, at } = found;
  if (root.toLowerCase() === 'html') {
    return embeddedFeed(body) ?? notAFeed('the body is an HTML page');
  }
  const atomPrefixes = atomPrefixesOf(body);
  if (isAtomEntry(root, body.slice(at), atomPrefixes)) {
    // RFC 4287 §4.1.2: an Atom Entry Document is one entry on its own; read as a feed of one.
    const entry = body.slice(at);
    return {
      kind: 'xml',
      text: `<feed xmlns="${ATOM_NAMESPACES[0]}">${entry}</feed>`,
      atomPrefixes,
    };
  }
  const prefix = /^([^:]+):feed$/.exec(root)?.[1];
  if (!FEED_ROOT.test(root) || (prefix !== undefined && !atomPrefixes.includes(prefix))) {
    return notAFeed(`the root element <${root}> is not rss, feed or rdf:RDF`);
  }
  return root === 'feed' || prefix !== undefined
    ? { kind: 'xml', text: body, atomPrefixes }
    : { kind: 'xml', text: body };
}

/** `<entry xmlns="…Atom">`, or `<a:entry>` with `a` bound to Atom. */
function isAtomEntry(root: string, rootOnwards: string, atomPrefixes: readonly string[]): boolean {
  const prefix = /^(?:([^:]+):)?entry$/.exec(root);
  if (!prefix) return false;
  if (prefix[1] !== undefined) return atomPrefixes.includes(prefix[1]);
  const openingTag = rootOnwards.slice(0, rootOnwards.indexOf('>') + 1);
  return ATOM_NAMESPACES.some(
    (namespace) =>
      openingTag.includes(`xmlns="${namespace}"`) || openingTag.includes(`xmlns='${namespace}'`),
  );
}

function notAFeed(message: string): FeedDocumentKind {
  return { kind: 'not_a_feed', message };
}

function atomPrefixesOf(body: string): string[] {
  return [...new Set([...body.matchAll(ATOM_PREFIX_DECLARATION)].map((match) => match[1] ?? ''))];
}

/**
 * The feed inside an (X)HTML page: from its first feed element to the end tag of that name,
 * read as a document of its own (namespace prefixes declared on the page are not needed: the
 * parser reads prefixed names as they are).
 */
function embeddedFeed(page: string): FeedDocumentKind | undefined {
  const start = EMBEDDED_FEED_START.exec(page);
  if (!start) return undefined;
  const closing = `</${start[1]}>`;
  const end = page.lastIndexOf(closing);
  if (end < start.index) return undefined;
  const feed = sniffFeedDocument(page.slice(start.index, end + closing.length));
  return feed.kind === 'not_a_feed' ? undefined : feed;
}

/**
 * The root element's name and where its start tag begins; `html` for an HTML doctype, which may
 * precede any root.
 */
function rootElement(text: string): { name: string; at: number } | undefined {
  let at = 0;
  for (;;) {
    while (/\s/.test(text.charAt(at))) at += 1;
    const head = text.slice(at, at + 256);
    if (head.startsWith('<?')) {
      at = endOf(text, '?>', at + 2);
    } else if (head.startsWith('<!--')) {
      at = endOf(text, '-->', at + 4);
    } else if (/^<!doctype\s+html(?:[\s>[]|$)/i.test(head)) {
      return { name: 'html', at };
    } else if (/^<!doctype/i.test(head)) {
      at = endOfDoctype(text, at);
    } else {
      const name = /^<([A-Za-z_][\w.:-]*)/.exec(head)?.[1];
      return name === undefined ? undefined : { name, at };
    }
    if (at < 0) return undefined;
  }
}

function endOf(text: string, terminator: string, from: number): number {
  const found = text.indexOf(terminator, from);
  return found < 0 ? -1 : found + terminator.length;
}

/** Past the closing `>` of a DOCTYPE, skipping its internal subset and quoted literals. */
function endOfDoctype(text: string, from: number): number {
  let quote: string | null = null;
  let depth = 0;
  for (let i = from; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth += 1;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '>' && depth === 0) return i + 1;
  }
  return -1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
