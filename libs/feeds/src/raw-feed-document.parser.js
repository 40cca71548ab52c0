import Parser from 'rss-parser';
import { replaceForbiddenCharacterReferences } from './xml-character-references.js';

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
    return { kind: 'xml', format: 'atom', channel: xml.feed, items: listOf(xml.feed.entry) };
  }

  buildRSS2(xml) {
    return rssDocument(xml.rss);
  }

  buildRSS0_9(xml) {
    return rssDocument(xml.rss);
  }

  buildRSS1(xml) {
    const rdf = xml['rdf:RDF'];
    return { kind: 'xml', format: 'rdf', channel: listOf(rdf.channel)[0], items: listOf(rdf.item) };
  }
}

function rssDocument(rss) {
  const channel = listOf(rss.channel)[0];
  // A few RSS 0.9x generators put <item> beside <channel> instead of inside it.
  const items = isNode(channel) && channel.item !== undefined ? channel.item : rss.item;
  return { kind: 'xml', format: 'rss', channel, items: listOf(items) };
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

function parseXml(text) {
  return new RawFeedParser({ defaultRSS: 2 })
    .parseString(replaceForbiddenCharacterReferences(text))
    .then(
      (document) =>
        isNode(document.channel)
          ? { status: 'ok', document: capDepth(document) }
          : { status: 'not_a_feed', message: `the ${document.format} document has no channel` },
      (error) => {
        const message = errorMessage(error);
        // rss-parser's words for a well-formed document whose root it does not know.
        return /not recognized/i.test(message)
          ? { status: 'not_a_feed', message }
          : { status: 'parse_error', message };
      },
    );
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
export async function parseRawFeedDocument(kind, text) {
  try {
    return kind === 'json' ? parseJson(text) : await parseXml(text);
  } catch (error) {
    return { status: 'parse_error', message: errorMessage(error) };
  }
}
