export type FeedDocumentKind =
  | { readonly kind: 'xml' | 'json'; readonly text: string }
  | { readonly kind: 'not_a_feed'; readonly message: string };

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:RDF']);

/**
 * Tells XML from JSON from anything else by the first characters, and reads the XML root element
 * past declarations, comments and the DOCTYPE, so an HTML page or an unrelated XML document is
 * answered `not_a_feed` before any parser runs. The returned text starts at its first character
 * of markup: sax refuses a byte order mark or other text before the first tag.
 */
export function sniffFeedDocument(text: string): FeedDocumentKind {
  const body = text.trimStart();
  if (body === '') return notAFeed('the body is empty');
  if (body.startsWith('{') || body.startsWith('[')) return { kind: 'json', text: body };
  if (!body.startsWith('<')) return notAFeed('the body is neither XML nor JSON');
  const root = rootElement(body);
  if (root === undefined) return notAFeed('the XML document has no root element');
  if (root.toLowerCase() === 'html') return notAFeed('the body is an HTML page');
  if (!FEED_ROOTS.has(root)) {
    return notAFeed(`the root element <${root}> is not rss, feed or rdf:RDF`);
  }
  return { kind: 'xml', text: body };
}

function notAFeed(message: string): FeedDocumentKind {
  return { kind: 'not_a_feed', message };
}

/** The root element's name; `html` for an HTML doctype, which may precede any root. */
function rootElement(text: string): string | undefined {
  let at = 0;
  for (;;) {
    while (/\s/.test(text.charAt(at))) at += 1;
    const head = text.slice(at, at + 256);
    if (head.startsWith('<?')) {
      at = endOf(text, '?>', at + 2);
    } else if (head.startsWith('<!--')) {
      at = endOf(text, '-->', at + 4);
    } else if (/^<!doctype\s+html(?:[\s>[]|$)/i.test(head)) {
      return 'html';
    } else if (/^<!doctype/i.test(head)) {
      at = endOfDoctype(text, at);
    } else {
      return /^<([A-Za-z_][\w.:-]*)/.exec(head)?.[1];
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
