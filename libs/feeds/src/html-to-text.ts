import { Parser } from 'htmlparser2';
import { collapseWhitespace } from './plain-text.js';

/** Elements whose content is never reader-visible text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg']);

/** Elements that end a line, so their words do not run into their neighbours'. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

/**
 * Reduces HTML to the text a reader sees, for matching and plain-text summaries: no scripts or
 * styles, entities decoded, one line per block, whitespace collapsed. htmlparser2 tokenises in
 * one linear pass and never builds a tree, so hostile markup costs no more than its length.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIPPED.has(name)) skipping += 1;
        else if (BLOCKS.has(name)) parts.push('\n');
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCKS.has(name)) parts.push('\n');
      },
      ontext(text) {
        // Line breaks in HTML source are spaces; only block boundaries end lines.
        if (skipping === 0) parts.push(text.replace(/\s+/g, ' '));
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return collapseWhitespace(parts.join(''), { keepLines: true });
}
