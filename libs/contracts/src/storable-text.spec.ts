import { describe, expect, it } from '@jest/globals';
import { storableText } from './storable-text.js';

describe('storableText', () => {
  it('drops U+0000 wherever it is', () => {
    expect(storableText('\u0000a\u0000\u0000b\u0000')).toBe('ab');
  });

  it('replaces a lone high or low surrogate with U+FFFD, at either end or inside', () => {
    expect(storableText('\ud800')).toBe('\ufffd');
    expect(storableText('\udc00')).toBe('\ufffd');
    expect(storableText('a\ud83db')).toBe('a\ufffdb');
    expect(storableText('a\ude00b')).toBe('a\ufffdb');
    expect(storableText('end\ud83d')).toBe('end\ufffd');
    // Two high halves, then a low one: the first is alone, the second pairs.
    expect(storableText('\ud83d\ud83d\ude00')).toBe('\ufffd\u{1F600}');
    // A low half before its high half is two lone halves.
    expect(storableText('\ude00\ud83d')).toBe('\ufffd\ufffd');
  });

  it('leaves well-formed text alone, astral characters and other controls included', () => {
    const text = 'Red Notice \u{1F6A8} 国际刑警 \u0001\t\ufffe';
    expect(storableText(text)).toBe(text);
  });

  it('gives text that survives UTF-8 unchanged, as PostgreSQL stores it', () => {
    const cleaned = storableText('x\u0000\ud800y\udfff');
    expect(cleaned).toBe('x\ufffdy\ufffd');
    expect(new TextDecoder().decode(new TextEncoder().encode(cleaned))).toBe(cleaned);
  });
});
