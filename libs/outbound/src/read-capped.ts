import type { Readable } from 'node:stream';

export interface CappedBytes {
  readonly bytes: Buffer;
  /** False when the stream had more than the cap: `bytes` then holds the first `cap` bytes. */
  readonly complete: boolean;
}

/**
 * Reads a stream up to `cap` bytes and destroys it past that, so a server streaming without
 * end costs at most `cap` bytes of memory and the connection is dropped rather than drained.
 */
export async function readCapped(stream: Readable, cap: number): Promise<CappedBytes> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (size + chunk.length > cap) {
      chunks.push(chunk.subarray(0, cap - size));
      stream.destroy();
      return { bytes: Buffer.concat(chunks), complete: false };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { bytes: Buffer.concat(chunks), complete: true };
}
