import { describe, expect, it } from '@jest/globals';
import { canonicalLink } from './canonical-link.js';

describe('canonicalLink', () => {
  it.each([
    ['HTTPS://News.Example.COM/Story/42', 'https://news.example.com/Story/42'],
    ['http://news.example.com:80/a', 'http://news.example.com/a'],
    ['https://news.example.com:443/a', 'https://news.example.com/a'],
    ['https://news.example.com:8443/a', 'https://news.example.com:8443/a'],
    ['https://news.example.com/a#comments', 'https://news.example.com/a'],
    [
      'https://news.example.com/a?utm_source=rss&UTM_Campaign=x&fbclid=1&gclid=2&mc_cid=3&mc_eid=4&igshid=5&_ga=6&yclid=7&msclkid=8',
      'https://news.example.com/a',
    ],
    [
      'https://news.example.com/a?z=1&b=2&a=3&utm_medium=feed',
      'https://news.example.com/a?a=3&b=2&z=1',
    ],
    ['https://code.example.com/repo?ref=main', 'https://code.example.com/repo?ref=main'],
    ['https://news.example.com/a?', 'https://news.example.com/a'],
    ['  https://news.example.com/a  ', 'https://news.example.com/a'],
    ['not a url', 'not a url'],
  ])('%s -> %s', (url, expected) => {
    expect(canonicalLink(url)).toBe(expected);
  });

  it('gives the same identity to the same page however it was tagged', () => {
    expect(canonicalLink('https://news.example.com/a?id=9&utm_source=twitter#top')).toBe(
      canonicalLink('https://NEWS.example.com/a?fbclid=xyz&id=9'),
    );
  });
});
