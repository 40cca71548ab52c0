import { describe, expect, it } from '@jest/globals';
import { collapseWhitespace } from './plain-text.js';

describe('collapseWhitespace', () => {
  it('turns controls into spaces and lone surrogates into U+FFFD', () => {
    expect(collapseWhitespace('Title\u0000with \ud800 NUL\u0007')).toBe('Title with \ufffd NUL');
  });
});
