import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { detect } from 'jschardet';
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
 * What the charset detector reads of an undeclared body that is not UTF-8: enough text for its
 * statistics, and a bound on its time whatever the body's size.
 */
const DETECTION_BYTES = 64 * 1024;

/**
 * Decodes a feed body: the byte order mark wins, then the Content-Type charset, then the XML
 * declaration, else UTF-8 (RFC 7303 §3, as browsers do). A label that is unknown, or whose code
 * unit width contradicts the first bytes (a body starting `<?xml` in single bytes cannot be
 * UTF-16, and one starting `00 3C` cannot be windows-1252), is skipped for the next source.
 * When nothing declares a charset and the bytes are not UTF-8, the charset is detected from
 * the bytes (jschardet, the JavaScript port of the detector Python feedparser uses), so a
 * gb2312 or koi8-r feed that never says so reads as text, not as U+FFFD.
 */
export function decodeFeedBody(body: Uint8Array, contentType: string | undefined): DecodedFeedBody {
  const bom = BYTE_ORDER_MARKS.find(({ bytes }) => bytes.every((byte, i) => body[i] === byte));
  if (bom) return decoded(body.subarray(bom.bytes.length), bom.charset, 'bom');

  const sniffed = sniffCodeUnits(body);
  const fromHeader = acceptLabel(charsetParameter(contentType), sniffed);
  if (fromHeader) return decoded(body, fromHeader, 'content-type');
  const fromProlog = acceptLabel(declaredEncoding(body, sniffed), sniffed);
  if (fromProlog) return decoded(body, fromProlog, 'xml-prolog');
  if (sniffed) return decoded(body, sniffed, 'default');
  const detected = isUtf8(body) ? null : detectCharset(body);
  return detected ? decoded(body, detected, 'detected') : decoded(body, 'utf-8', 'default');
}

/** A single-byte or ASCII-compatible multi-byte charset the detector names, else null. */
function detectCharset(body: Uint8Array): string | null {
  const { encoding } = detect(Buffer.from(body.subarray(0, DETECTION_BYTES)));
  const charset = resolveCharsetLabel(encoding ?? undefined);
  // UTF-16 and UTF-32 show by their zero bytes, which sniffCodeUnits has already looked for.
  return charset && !/^utf-/.test(charset) ? charset : null;
}

function decoded(bytes: Uint8Array, charset: string, source: CharsetSource): DecodedFeedBody {
  const text =
    charset === 'utf-8' && !isUtf8(bytes)
      ? utf8WithStrayBytes(bytes)
      : iconv.decode(bytes, charset, { stripBOM: true });
  return { text: text.startsWith('\ufeff') ? text.slice(1) : text, charset, source };
}

/**
 * UTF-8 with a few bytes that are not (a windows-1252 `©` pasted into a UTF-8 feed, the usual
 * encoding mismatch): each such byte is read as windows-1252, as browsers' fallback would read
 * it, rather than as U+FFFD; every valid sequence stays UTF-8.
 */
function utf8WithStrayBytes(bytes: Uint8Array): string {
  const parts: string[] = [];
  let runStart = 0;
  let at = 0;
  while (at < bytes.length) {
    const length = utf8SequenceLength(bytes, at);
    if (length > 0) {
      at += length;
    } else {
      parts.push(Buffer.from(bytes.subarray(runStart, at)).toString('utf8'));
      parts.push(iconv.decode(Buffer.from(bytes.subarray(at, at + 1)), 'windows-1252'));
      at += 1;
      runStart = at;
    }
  }
  parts.push(Buffer.from(bytes.subarray(runStart)).toString('utf8'));
  return parts.join('');
}

/** Bytes of the well-formed UTF-8 sequence at `at` (RFC 3629 §4), or 0. */
function utf8SequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at] ?? 0;
  if (lead < 0x80) return 1;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : 4;
  if (lead < 0xc2 || lead > 0xf4) return 0;
  for (let next = 1; next < length; next += 1) {
    if (((bytes[at + next] ?? 0) & 0xc0) !== 0x80) return 0;
  }
  const second = bytes[at + 1] ?? 0;
  const overlongOrOutOfRange =
    (lead === 0xe0 && second < 0xa0) ||
    (lead === 0xed && second >= 0xa0) ||
    (lead === 0xf0 && second < 0x90) ||
    (lead === 0xf4 && second >= 0x90);
  return overlongOrOutOfRange ? 0 : length;
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
