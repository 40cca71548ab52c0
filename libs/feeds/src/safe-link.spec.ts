import { describe, expect, it } from '@jest/globals';
import { safeLink } from './safe-link.js';

const BASE = 'https://news.example.com/section/feed.xml';

describe('safeLink', () => {
  it.each([
    ['https://other.example.org/a', 'https://other.example.org/a'],
    ['/story/1', 'https://news.example.com/story/1'],
    ['story/2', 'https://news.example.com/section/story/2'],
    ['//cdn.example.net/x', 'https://cdn.example.net/x'],
    ['  http://news.example.com/spaced  ', 'http://news.example.com/spaced'],
  ])('keeps %s as %s', (href, expected) => {
    expect(safeLink(href, BASE)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'mailto:editor@example.com',
    'ftp://files.example.com/a',
    '',
    '   ',
    undefined,
  ])('drops %s', (href) => {
    expect(safeLink(href, BASE)).toBeNull();
  });

  it('drops a relative link when there is no base to resolve it against', () => {
    expect(safeLink('/story/1', 'not a url')).toBeNull();
    expect(safeLink('https://news.example.com/a', 'not a url')).toBe('https://news.example.com/a');
  });
});
