import { htmlToText } from './html-to-text.js';
import { collapseWhitespace } from './plain-text.js';

/*
 * Readers of xml2js nodes. A node is a string when the element has only text, otherwise an
 * object with `$` (attributes), `_` (text) and one array per child element name. Feeds are
 * untrusted, so every reader accepts any value and answers with empty rather than throwing.
 */

type XmlRecord = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is XmlRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function children(node: unknown, name: string): readonly unknown[] {
  if (!isRecord(node) || !Object.hasOwn(node, name)) return [];
  const value = node[name];
  return Array.isArray(value) ? value : [value];
}

/** The first child of the first of `names` the node has. */
export function firstChild(node: unknown, ...names: readonly string[]): unknown {
  for (const name of names) {
    const [child] = children(node, name);
    if (child !== undefined) return child;
  }
  return undefined;
}

export function attribute(node: unknown, name: string): string | undefined {
  const attributes = isRecord(node) ? node.$ : undefined;
  if (!isRecord(attributes) || !Object.hasOwn(attributes, name)) return undefined;
  const value = attributes[name];
  return typeof value === 'string' ? value : undefined;
}

/** The element's own text, or all the text beneath it when it has child elements. */
export function nodeText(node: unknown): string {
  return hasChildElements(node) ? deepText(node) : ownText(node);
}

/**
 * Text of an Atom text construct, an RSS field or an XHTML title. Atom says by `type` whether
 * the text is HTML (or, in Atom 0.3, by `mode="escaped"`); RSS never says, and its fields
 * routinely carry markup and entities, so for RSS `htmlByDefault` reads text as HTML.
 * Elements left unescaped in the feed (XHTML) are read for their text.
 */
export function textConstruct(node: unknown, htmlByDefault: boolean): string {
  if (node === undefined) return '';
  if (hasChildElements(node)) return collapseWhitespace(deepText(node));
  const type = attribute(node, 'type')?.toLowerCase();
  const isHtml =
    type === 'html' ||
    type === 'text/html' ||
    attribute(node, 'mode') === 'escaped' ||
    (type === undefined && htmlByDefault);
  const text = ownText(node);
  return isHtml ? htmlToText(text) : collapseWhitespace(text, { keepLines: true });
}

function ownText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'number') return String(node);
  return isRecord(node) && typeof node._ === 'string' ? node._ : '';
}

function hasChildElements(node: unknown): boolean {
  return isRecord(node) && Object.keys(node).some((key) => key !== '$' && key !== '_');
}

/**
 * xml2js keeps an element's text apart from its children's, so the order of mixed content is
 * lost: the element's own text comes first. Iterative, so no nesting can overflow the stack.
 */
function deepText(root: unknown): string {
  const parts: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) stack.push(node[i]);
    } else if (isRecord(node)) {
      const elements = Object.keys(node)
        .filter((key) => key !== '$' && key !== '_')
        .map((key) => node[key]);
      for (let i = elements.length - 1; i >= 0; i -= 1) stack.push(elements[i]);
      parts.push(ownText(node));
    } else {
      parts.push(ownText(node));
    }
  }
  return parts.join(' ');
}
