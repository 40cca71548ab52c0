import Parser from 'rss-parser';
import { replaceForbiddenCharacterReferences } from './xml-character-references.js';

/** A DOCTYPE declaring entities: only the strict parser, which refuses to expand them, reads it. */
const ENTITY_DECLARATION = /<!ENTITY/i;

/** RSS and Atom items, left out of a lenient read when the document ends inside them. */
const CUT_ITEM_NAMES = new Set(['item', 'entry']);

/**
 * Levels of the parsed tree kept as structure; anything deeper becomes its text. Feeds need a
 * handful of levels, while a hostile document nested thousands deep would overflow the stack of
 * any recursive walk, including the structured clone that carries the result out of a worker.
 */
const MAX_DEPTH = 32;

/**
 * rss-parser 3.13 is frozen, and what breaks in it is its field extraction, not its parsing: one
 * bad Atom date throws a RangeError that loses the whole feed, an Atom <link> without attributes
 * throws, its HTML snippet regex is quadratic (seconds for a 100 kB description), and rebuilding
 * nested content recurses without limit. This subclass keeps what works (xml2js, strict, one
 * parser per document, the dispatch on the root element and RSS version) and returns the raw
 * xml2js nodes of the channel and its items, which the TypeScript normaliser reads defensively.
 */
class RawFeedParser extends Parser {
  buildAtomFeed(xml) {
    return atomDocument(xml.feed);
  }

  buildRSS2(xml) {
    return rssDocument(xml.rss);
  }

  buildRSS0_9(xml) {
    return rssDocument(xml.rss);
  }

  buildRSS1(xml) {
    return rdfDocument(xml['rdf:RDF']);
  }
}

function atomDocument(feed) {
  return { kind: 'xml', format: 'atom', channel: feed, items: listOf(feed.entry) };
}

function rdfDocument(rdf) {
  return { kind: 'xml', format: 'rdf', channel: listOf(rdf.channel)[0], items: listOf(rdf.item) };
}

function rssDocument(rss) {
  const channel = listOf(rss.channel)[0];
  // A few RSS 0.9x generators put <item> beside <channel> instead of inside it, and a few leave
  // <channel> out: <rss> then stands in for it.
  if (isNode(channel) && channel.item !== undefined) {
    return { kind: 'xml', format: 'rss', channel, items: listOf(channel.item) };
  }
  const items = listOf(rss.item);
  const standIn = channel === undefined && items.length > 0 ? rss : channel;
  return { kind: 'xml', format: 'rss', channel: standIn, items };
}

function listOf(value) {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isNode(value) {
  return typeof value === 'object' && value !== null;
}

function capDepth(root) {
  const stack = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop();
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (!isNode(child)) continue;
      if (depth < MAX_DEPTH) {
        stack.push({ node: child, depth: depth + 1 });
      } else {
        // defineProperty: plain assignment to a JSON key named __proto__ would be ignored.
        Object.defineProperty(node, key, {
          value: textOf(child),
          enumerable: true,
          writable: true,
        });
      }
    }
  }
  return root;
}

function textOf(root) {
  const parts = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') parts.push(node);
    else if (typeof node === 'number' || typeof node === 'boolean') parts.push(String(node));
    else if (isNode(node)) {
      const children = Object.keys(node)
        .filter((key) => key !== '$')
        .map((key) => node[key]);
      for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]);
    }
  }
  return parts.join(' ');
}

/**
 * rss-parser reads the document strictly. When it refuses one for an error in the markup (an
 * unescaped `&`, a tag left open, a document cut short), the lenient reader below reads it
 * again, as feedparser keeps going where it can; a document whose DOCTYPE declares entities is
 * never read leniently, since the lenient reader would show their references as text.
 */
async function parseXml({ text, atomPrefixes = [] }) {
  const xml = replaceForbiddenCharacterReferences(text);
  const strict = await parseStrictly(xml, atomPrefixes);
  if (strict.status !== 'parse_error' || ENTITY_DECLARATION.test(xml)) return strict;
  // Loaded only now: most documents never need it, and each parser thread would pay for it.
  const { Parser: MarkupParser } = await import('htmlparser2');
  const lenient = feedDocumentOf(parseLeniently(MarkupParser, xml, atomPrefixes));
  return lenient && isNode(lenient.channel) ? withChannel(lenient) : strict;
}

function parseStrictly(xml, atomPrefixes) {
  const xml2js = atomPrefixes.length > 0 ? { tagNameProcessors: [unprefixer(atomPrefixes)] } : {};
  return new RawFeedParser({ defaultRSS: 2, xml2js })
    .parseString(xml)
    .then(withChannel, (error) => {
      const message = errorMessage(error);
      // rss-parser's words for a well-formed document whose root it does not know.
      return /not recognized/i.test(message)
        ? { status: 'not_a_feed', message }
        : { status: 'parse_error', message };
    });
}

function withChannel(document) {
  return isNode(document.channel)
    ? { status: 'ok', document: capDepth(document) }
    : { status: 'not_a_feed', message: `the ${document.format} document has no channel` };
}

/** Atom elements under a prefix (`<a:entry>`) named as the unprefixed elements they are. */
function unprefixer(prefixes) {
  const names = new Set(prefixes.map((prefix) => `${prefix}:`));
  return (name) => {
    const colon = name.indexOf(':');
    return colon > 0 && names.has(name.slice(0, colon + 1)) ? name.slice(colon + 1) : name;
  };
}

/** rss-parser's dispatch on the root element, for the lenient reader's tree. */
function feedDocumentOf(xml) {
  if (!isNode(xml)) return undefined;
  if (isNode(xml.feed)) return atomDocument(xml.feed);
  if (isNode(xml.rss)) return rssDocument(xml.rss);
  if (isNode(xml['rdf:RDF'])) return rdfDocument(xml['rdf:RDF']);
  return undefined;
}

/**
 * Reads markup as htmlparser2 does in XML mode, which never gives up: an unknown entity stays
 * text, a stray `<` or `&` is text, elements left open are closed at the end, and no DTD is
 * read, so no entity is ever expanded. An item the document ends inside is left out. Builds
 * the tree xml2js would have built (rss-parser's options: attributes in `$`, text in `_`, every
 * child in an array, an element holding only text as a string), without recursion.
 */
function parseLeniently(MarkupParser, xml, atomPrefixes) {
  const rename = unprefixer(atomPrefixes);
  const open = [];
  let root;
  let documentEnded = false;
  const handler = {
    onopentag(name, attributes) {
      const node = Object.create(null);
      if (Object.keys(attributes).length > 0)
        node.$ = Object.assign(Object.create(null), attributes);
      open.push({ name: rename(name), node, text: '' });
    },
    ontext(text) {
      const current = open.at(-1);
      if (current) current.text += text;
    },
    onclosetag() {
      const closed = open.pop();
      // An item the document ends inside is cut short: its guid may be missing, and with it the
      // identity it will have once the feed is whole.
      if (!closed || (documentEnded && CUT_ITEM_NAMES.has(closed.name))) return;
      const value = xml2jsValue(closed);
      const parent = open.at(-1);
      if (parent) {
        if (!Object.hasOwn(parent.node, closed.name)) parent.node[closed.name] = [];
        parent.node[closed.name].push(value);
      } else if (root === undefined) {
        root = Object.create(null);
        root[closed.name] = value;
      }
    },
  };
  const parser = new MarkupParser(handler, { xmlMode: true, decodeEntities: true });
  parser.write(xml);
  documentEnded = true;
  parser.end();
  return root;
}

/** xml2js: whitespace beside child elements is dropped, and a text-only element is its text. */
function xml2jsValue({ node, text }) {
  if (text.trim() !== '') node._ = text;
  const keys = Object.keys(node);
  if (keys.length === 0) return text;
  return keys.length === 1 && keys[0] === '_' ? text : node;
}

function parseJson(text) {
  try {
    const value = JSON.parse(text);
    return {
      status: 'ok',
      document: { kind: 'json', value: isNode(value) ? capDepth(value) : value },
    };
  } catch (error) {
    return { status: 'parse_error', message: errorMessage(error) };
  }
}

function errorMessage(error) {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

/**
 * Parses a decoded document into raw nodes. Never throws: failures come back as outcomes whose
 * status is the poll failure reason. Runs unchanged on the caller's thread and in the worker.
 */
export async function parseRawFeedDocument(document) {
  try {
    return document.kind === 'json' ? parseJson(document.text) : await parseXml(document);
  } catch (error) {
    return { status: 'parse_error', message: errorMessage(error) };
  }
}
