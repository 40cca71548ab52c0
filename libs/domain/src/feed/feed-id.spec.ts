import { describe, expect, it } from '@jest/globals';
import { deriveFeedId } from './feed-id.js';

describe('deriveFeedId', () => {
  it('names a feed after its host, with a hash that tells its URLs apart', () => {
    const world = deriveFeedId('https://www.example.org/world.rss');
    const europe = deriveFeedId('https://www.example.org/europe.rss');

    expect(world).toMatch(/^example-org-[0-9a-f]{8}$/);
    expect(europe).toMatch(/^example-org-[0-9a-f]{8}$/);
    expect(world).not.toBe(europe);
  });

  it('is stable for the same URL and valid as a feed id', () => {
    const id = deriveFeedId('http://127.0.0.1:8080/feed?x=1');

    expect(deriveFeedId('http://127.0.0.1:8080/feed?x=1')).toBe(id);
    expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
  });

  it('still gives a valid id, rather than throwing, for a text that is not a URL', () => {
    expect(deriveFeedId('example.org/news')).toMatch(/^feed-[0-9a-f]{8}$/);
  });
});
