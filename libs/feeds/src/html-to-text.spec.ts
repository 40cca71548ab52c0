import { describe, expect, it } from '@jest/globals';
import { htmlToText } from './html-to-text.js';

describe('htmlToText', () => {
  it('drops scripts and styles, decodes entities and separates blocks', () => {
    const html =
      '<style>p { color: red }</style><h2>Road&nbsp;closed</h2><p>The A12 is shut &amp; ' +
      'diverted.<script>alert("x")</script></p><ul><li>North&#8209;bound</li><li>South &mdash; ' +
      'open</li></ul>Call&#x20;us<br>today';

    expect(htmlToText(html)).toBe(
      'Road closed\nThe A12 is shut & diverted.\nNorth‑bound\nSouth — open\nCall us\ntoday',
    );
  });

  it('collapses whitespace and keeps inline elements inline', () => {
    expect(htmlToText('  <b>Bold</b>   and\n\n <i>italic</i>\t text  ')).toBe(
      'Bold and italic text',
    );
  });

  it('reads text that is not HTML as it is', () => {
    expect(htmlToText('Fish & chips: 5 < 6')).toBe('Fish & chips: 5 < 6');
  });

  it('survives unclosed and malformed markup', () => {
    expect(htmlToText('<p>Open <b>bold <div>block')).toBe('Open bold\nblock');
    expect(htmlToText('<script>never closed')).toBe('');
  });
});
