import { storableText } from '@app/contracts';

/** C0 and C1 controls other than tab and line feed, and stray byte order marks: never text. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff]/g;

/**
 * Trims and collapses whitespace. With `keepLines`, line breaks survive as single `\n` between
 * non-empty lines; otherwise the result is one line. The result is storable text.
 */
export function collapseWhitespace(text: string, options: { keepLines?: boolean } = {}): string {
  const visible = storableText(text.replace(INVISIBLE, ' '));
  if (!options.keepLines) return visible.replace(/\s+/g, ' ').trim();
  return visible
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Cuts text to at most `max` characters at the last whitespace before the limit, so no word is
 * split; a single word longer than the limit is cut where it must be.
 */
export function truncateOnWordBoundary(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const boundary = cut.search(/\s\S*$/);
  const kept = boundary > 0 ? cut.slice(0, boundary) : text.slice(0, max);
  return avoidSplitSurrogate(kept).trimEnd();
}

function avoidSplitSurrogate(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}
