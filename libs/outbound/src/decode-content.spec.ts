import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { decodeContent } from './decode-content.js';

const TEXT = Buffer.from('<rss version="2.0"><channel><title>Vigil</title></channel></rss>');
const WHOLE = { cap: 1024, truncated: false } as const;

describe('decodeContent', () => {
  it.each([
    ['gzip', gzipSync(TEXT)],
    ['x-gzip', gzipSync(TEXT)],
    ['deflate', deflateSync(TEXT)],
    ['deflate', deflateRawSync(TEXT)],
    ['br', brotliCompressSync(TEXT)],
    ['GZIP', gzipSync(TEXT)],
    ['identity', TEXT],
    [undefined, TEXT],
  ])('undoes %s', async (coding, body) => {
    expect(await decodeContent(body, coding, WHOLE)).toEqual({ ok: true, body: TEXT });
  });

  it('undoes stacked codings last to first', async () => {
    const body = brotliCompressSync(gzipSync(TEXT));
    expect(await decodeContent(body, 'gzip, br', WHOLE)).toEqual({ ok: true, body: TEXT });
  });

  it('passes an empty body through whatever the coding', async () => {
    expect(await decodeContent(Buffer.alloc(0), 'gzip', WHOLE)).toEqual({
      ok: true,
      body: Buffer.alloc(0),
    });
  });

  it('stops a bomb at the cap', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const outcome = await decodeContent(bomb, 'gzip', { cap: 1024 * 1024, truncated: false });
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(outcome).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it.each([
    ['gzip', Buffer.from('not gzip at all')],
    ['gzip', gzipSync(TEXT).subarray(0, 20)],
    ['br', Buffer.from([0xff, 0xff, 0xff, 0xff])],
    ['zstd', TEXT],
  ])('reports a %s body it cannot undo', async (coding, body) => {
    expect(await decodeContent(body, coding, WHOLE)).toMatchObject({
      ok: false,
      reason: 'decompression_error',
    });
  });

  describe('gzip bytes served without a Content-Encoding', () => {
    it('undoes them, as a declared coding, and after one', async () => {
      expect(await decodeContent(gzipSync(TEXT), undefined, WHOLE)).toEqual({
        ok: true,
        body: TEXT,
      });
      expect(await decodeContent(gzipSync(gzipSync(TEXT)), 'gzip', WHOLE)).toEqual({
        ok: true,
        body: TEXT,
      });
    });

    it('stops a bomb at the same cap', async () => {
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
      expect(
        await decodeContent(bomb, undefined, { cap: 1024 * 1024, truncated: false }),
      ).toMatchObject({ ok: false, reason: 'too_large' });
    });

    it('leaves bytes that only start like gzip as they are', async () => {
      const lookalike = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08]), TEXT]);
      expect(await decodeContent(lookalike, undefined, WHOLE)).toEqual({
        ok: true,
        body: lookalike,
      });
    });

    it('leaves the first bytes of an error body as they are', async () => {
      const firstBytes = gzipSync(TEXT);
      expect(await decodeContent(firstBytes, undefined, { cap: 100, truncated: true })).toEqual({
        ok: true,
        body: firstBytes,
      });
    });
  });

  it('keeps what fits of a truncated error body', async () => {
    const long = Buffer.from('x'.repeat(5000));
    const firstBytes = gzipSync(long).subarray(0, 30);
    const outcome = await decodeContent(firstBytes, 'gzip', { cap: 100, truncated: true });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(long.subarray(0, outcome.body.length)).toEqual(outcome.body);
  });

  it('cuts a truncated error body at the cap instead of failing', async () => {
    const outcome = await decodeContent(gzipSync(Buffer.alloc(5000, 'y')), 'gzip', {
      cap: 100,
      truncated: true,
    });
    expect(outcome).toEqual({ ok: true, body: Buffer.alloc(100, 'y') });
  });
});
