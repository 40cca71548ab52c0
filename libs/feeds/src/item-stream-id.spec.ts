import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { itemStreamId } from './item-stream-id.js';

describe('itemStreamId', () => {
  it('hashes feed and identity into a deterministic stream id', () => {
    const digest = createHash('sha256').update('feed-1\nguid-42').digest('hex');

    expect(itemStreamId('feed-1', 'guid-42')).toBe(`item-${digest.slice(0, 32)}`);
    expect(itemStreamId('feed-1', 'guid-42')).toMatch(/^item-[0-9a-f]{32}$/);
  });

  it('tells apart the same identity in two feeds', () => {
    expect(itemStreamId('feed-1', 'x')).not.toBe(itemStreamId('feed-2', 'x'));
  });
});
