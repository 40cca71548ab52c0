import iconv from 'iconv-lite';
import { charsetWidth, resolveCharsetLabel } from './charset-label.js';
import type { CharsetSource, DecodedFeedBody } from './parsed-feed.types.js';

/** Longest first: the UTF-32LE mark begins with the UTF-16LE one. */
const BYTE_ORDER_MARKS: readonly { readonly bytes: readonly number[]; readonly charset: string }[] =
  [
    { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
    { bytes: [0xff, 0xfe, 0x00, 0x00], charset: 'utf-32le' },
    { bytes: [0x00, 0x00, 0xfe, 0xff], charset: 'utf-32be' },
    { bytes: [0xff, 0xfe], charset: 'utf-16le' },
    { bytes: [0xfe, 0xff], charset: 'utf-16be' },
  ];

/** The XML declaration sits in the first few dozen bytes; this leaves room for odd spacing. */
const PROLOG_BYTES = 1024;

/**
 * Decodes a feed body: the byte order mark wins, then the Content-Type charset, then the XML
 * declaration, else UTF-8 (RFC 7303 §3, as browsers do). A label that is unknown, or whose code
 * unit width contradicts the first bytes (a body starting `<?xml` in single bytes cannot be
 * UTF-16, and one starting `00 3C` cannot be windows-1252), is skipped for the next source.
 */
export function decodeFeedBody(body: Uint8Array, contentType: string | undefined): DecodedFeedBody {
  const bom = BYTE_ORDER_MARKS.find(({ bytes }) => bytes.every((byte, i) => body[i] === byte));
  if (bom) return decoded(body.subarray(bom.bytes.length), bom.charset, 'bom');

  const sniffed = sniffCodeUnits(body);
  const fromHeader = acceptLabel(charsetParameter(contentType), sniffed);
  if (fromHeader) return decoded(body, fromHeader, 'content-type');
  const fromProlog = acceptLabel(declaredEncoding(body, sniffed), sniffed);
  if (fromProlog) return decoded(body, fromProlog, 'xml-prolog');
  return decoded(body, sniffed ?? 'utf-8', 'default');
}

function decoded(bytes: Uint8Array, charset: string, source: CharsetSource): DecodedFeedBody {
  const text = iconv.decode(bytes, charset, { stripBOM: true });
  return { text: text.startsWith('\ufeff') ? text.slice(1) : text, charset, source };
}

/**
 * Without a byte order mark, a document that starts with an ASCII character (`<`, `{`, space)
 * in UTF-16 or UTF-32 shows it by its zero bytes (XML 1.0 Appendix F). Null for single-byte and
 * multi-byte ASCII-compatible encodings, which this cannot tell apart.
 */
function sniffCodeUnits(body: Uint8Array): string | null {
  if (body.length < 4) return null;
  const zero = [0, 1, 2, 3].map((i) => body[i] === 0);
  const [z0, z1, z2, z3] = zero;
  if (z0 && z1 && z2 && !z3) return 'utf-32be';
  if (!z0 && z1 && z2 && z3) return 'utf-32le';
  if (z0 && !z1 && z2 && !z3) return 'utf-16be';
  if (!z0 && z1 && !z2 && z3) return 'utf-16le';
  return null;
}

function acceptLabel(label: string | undefined, sniffed: string | null): string | null {
  const charset = resolveCharsetLabel(label);
  if (!charset) return null;
  if (!sniffed) return charsetWidth(charset) === 1 ? charset : null;
  // The label confirms the width; the zero bytes know the byte order better than it does.
  return charsetWidth(charset) === charsetWidth(sniffed) ? sniffed : null;
}

function charsetParameter(contentType: string | undefined): string | undefined {
  const match = /(?:^|;)\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  return match?.[1] ?? match?.[2];
}

function declaredEncoding(body: Uint8Array, sniffed: string | null): string | undefined {
  const head = body.subarray(0, PROLOG_BYTES * charsetWidth(sniffed ?? 'latin1'));
  // latin1 maps every byte to one character, so an ASCII declaration reads true whatever follows.
  const text = iconv.decode(head, sniffed ?? 'latin1');
  return /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"'>]*)["']/.exec(text)?.[1];
}
