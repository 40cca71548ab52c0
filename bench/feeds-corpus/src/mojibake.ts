import iconv from 'iconv-lite';
import type { MojibakeFinding } from './check-protocol.js';

/** Characters either side of a match in a reported snippet. */
const SNIPPET_CONTEXT = 24;

const CONTINUATION_BYTES = Buffer.from(Array.from({ length: 0x40 }, (_, i) => 0x80 + i));

/**
 * UTF-8 continuation bytes (0x80–0xBF) as windows-1252 and as Latin-1 show them: the second and
 * later characters of a UTF-8 sequence read with a single-byte charset.
 */
const CONTINUATION = `[${[
  ...new Set(
    iconv.decode(CONTINUATION_BYTES, 'windows-1252') + CONTINUATION_BYTES.toString('latin1'),
  ),
]
  .map((char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`)
  .join('')}]`;

/** The pattern a file is checked for whatever its charset: U+FFFD is never a word. */
export const REPLACEMENT_CHARACTER = 'U+FFFD';

const PATTERNS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: REPLACEMENT_CHARACTER, pattern: /\uFFFD/ },
  {
    // Lead bytes of 2-, 3- and 4-byte sequences followed by as many continuation bytes. The
    // feeds lib turns no-break spaces and C1 controls into spaces, so `Â ` and `Ã ` (from
    // U+00A0 and `à`) and a bare `â€` (from `”`, whose last byte is unassigned) stand alone.
    name: 'UTF-8 read as Latin-1',
    pattern: new RegExp(
      `[\\u00C2-\\u00DF]${CONTINUATION}|[\\u00E0-\\u00EF]${CONTINUATION}{2}|` +
        `[\\u00F0-\\u00F4]${CONTINUATION}{3}|â€|[ÂÃ] `,
      'u',
    ),
  },
  {
    // Cyrillic, Greek or Hebrew single-byte text read as Latin-1: no language written in
    // Latin-1 puts four accented letters in a row.
    name: '8-bit text read as Latin-1',
    pattern: /[\u00C0-\u00FF]{4}/,
  },
];

/**
 * The first sign of mis-decoded text in an item's title, else its summary: U+FFFD in any file,
 * the Latin-1 readings only in a file that declares or is named after another charset (in a
 * UTF-8 file, `Ã©` may be what the publisher wrote).
 */
export function findMojibake(
  item: { readonly title: string; readonly summary: string },
  declaresCharset: boolean,
): MojibakeFinding | null {
  const patterns = declaresCharset
    ? PATTERNS
    : PATTERNS.filter(({ name }) => name === REPLACEMENT_CHARACTER);
  for (const field of ['title', 'summary'] as const) {
    const text = item[field];
    for (const { name, pattern } of patterns) {
      const match = pattern.exec(text);
      if (match) return { field, pattern: name, snippet: snippetAround(text, match.index) };
    }
  }
  return null;
}

function snippetAround(text: string, index: number): string {
  const start = Math.max(0, index - SNIPPET_CONTEXT);
  const end = Math.min(text.length, index + SNIPPET_CONTEXT);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
