import type { Transform } from 'node:stream';
import {
  constants,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  createInflateRaw,
} from 'node:zlib';
import { readCapped } from './read-capped.js';

export const ACCEPT_ENCODING = 'gzip, deflate, br';

export type DecodeOutcome =
  | { readonly ok: true; readonly body: Buffer }
  | {
      readonly ok: false;
      readonly reason: 'too_large' | 'decompression_error';
      readonly message: string;
    };

export interface DecodeOptions {
  /** Most bytes any decoding step may produce. */
  readonly cap: number;
  /**
   * For the first bytes of an error body: accept input cut short and output beyond the cap,
   * keeping what fits, instead of failing.
   */
  readonly truncated: boolean;
}

/**
 * Undoes a `Content-Encoding` (codings applied in order, so undone last to first), streaming
 * through zlib and stopping as soon as the output passes the cap: a few kilobytes that inflate
 * to gigabytes never get past `cap` bytes of memory.
 */
export async function decodeContent(
  body: Buffer,
  contentEncoding: string | undefined,
  options: DecodeOptions,
): Promise<DecodeOutcome> {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  let decoded = body;
  for (const coding of codings) {
    if (decoded.length === 0) break;
    const undone = await undoCoding(coding, decoded, options);
    if (!undone.ok) return undone;
    decoded = undone.body;
  }
  if (options.truncated || !isGzip(decoded)) return { ok: true, body: decoded };
  // Gzip bytes no Content-Encoding announced (a .gz file served as is, a misconfigured server):
  // undone within the same cap; bytes that only look like gzip are left as they are.
  const sniffed = await undoCoding('gzip', decoded, options);
  return sniffed.ok || sniffed.reason === 'too_large' ? sniffed : { ok: true, body: decoded };
}

async function undoCoding(
  coding: string,
  body: Buffer,
  options: DecodeOptions,
): Promise<DecodeOutcome> {
  const decoder = createDecoder(coding, body, options.truncated);
  if (!decoder) {
    return {
      ok: false,
      reason: 'decompression_error',
      message: `unsupported content-encoding ${coding}`,
    };
  }
  decoder.end(body);
  try {
    const { bytes, complete } = await readCapped(decoder, options.cap);
    if (!complete && !options.truncated) {
      return {
        ok: false,
        reason: 'too_large',
        message: `the ${coding} body decompresses to more than ${options.cap} bytes`,
      };
    }
    return { ok: true, body: bytes };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      reason: 'decompression_error',
      message: `invalid ${coding} body: ${detail}`,
    };
  }
}

/** RFC 1952: the magic bytes 1f 8b, then compression method 8 (deflate). */
function isGzip(body: Buffer): boolean {
  return body[0] === 0x1f && body[1] === 0x8b && body[2] === 0x08;
}

function createDecoder(coding: string, input: Buffer, truncated: boolean): Transform | undefined {
  const zlibOptions = truncated ? { finishFlush: constants.Z_SYNC_FLUSH } : {};
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip(zlibOptions);
    case 'deflate':
      // Many servers send raw DEFLATE under this name instead of the zlib format it means.
      return hasZlibHeader(input) ? createInflate(zlibOptions) : createInflateRaw(zlibOptions);
    case 'br':
      return createBrotliDecompress(
        truncated ? { finishFlush: constants.BROTLI_OPERATION_FLUSH } : {},
      );
    default:
      return undefined;
  }
}

/** RFC 1950: method 8 (deflate) in the low nibble, the two bytes a multiple of 31. */
function hasZlibHeader(input: Buffer): boolean {
  const [cmf = 0, flg = 0] = input;
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}
