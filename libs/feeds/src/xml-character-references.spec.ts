import { describe, expect, it } from '@jest/globals';
import { replaceForbiddenCharacterReferences } from './xml-character-references.js';

describe('replaceForbiddenCharacterReferences', () => {
  it('replaces references to U+0000, other C0 controls, surrogates and non-characters', () => {
    expect(
      replaceForbiddenCharacterReferences(
        '&#0;|&#x0;|&#X00;|&#1;|&#x1f;|&#xD800;|&#xdfff;|&#55296;|&#xFFFE;|&#xffff;|&#x110000;|&#99999999999999999999;',
      ),
    ).toBe(Array.from({ length: 12 }, () => '&#xFFFD;').join('|'));
  });

  it('keeps references to characters XML allows, and everything else', () => {
    const text =
      '&#9;&#xA;&#13;&#32;&#65;&#x41;&#0065;&#xD7FF;&#xE000;&#xFFFD;&#x10000;&#x1F600;&#x10FFFF; &amp; &#; &#x; &#xZ; &#-1;';
    expect(replaceForbiddenCharacterReferences(text)).toBe(text);
  });
});
