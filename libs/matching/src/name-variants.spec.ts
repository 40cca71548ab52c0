import { describe, expect, it } from '@jest/globals';
import { nameKey, nameVariants } from './name-variants.js';

describe('nameVariants for a person', () => {
  it('writes Russian given names in each system the wires use', () => {
    expect(nameVariants('person', 'Sergei Skripal', [], [])).toEqual([
      'Sergei Skripal',
      'Sergey Skripal',
    ]);
    expect(nameVariants('person', 'Alexander Lukashenko', [], [])).toContain(
      'Aleksandr Lukashenko',
    );
    expect(nameVariants('person', 'Dmitry Gudkov', [], [])).toEqual(
      expect.arrayContaining(['Dmitriy Gudkov', 'Dmitri Gudkov']),
    );
  });

  it('writes a Uyghur name in pinyin too, and a long vowel of a given name short', () => {
    expect(nameVariants('person', 'Dolkun Isa', [], [])).toEqual(['Dolkun Isa', 'Dolqun Isa']);
    expect(nameVariants('person', 'Hakeem al-Araibi', [], [])).toEqual(
      expect.arrayContaining(['Hakim al-Araibi', 'Hakim Araibi']),
    );
    expect(nameVariants('person', 'Hardeep Singh Nijjar', [], [])).toContain('Hardip Singh Nijjar');
  });

  it('leaves surnames and names of no known system as written', () => {
    const variants = nameVariants('person', 'Olivier Vandecasteele', [], []);

    expect(variants).not.toContain('Olivier Vandecastile');
    expect(nameVariants('person', 'Tony Chung', [], [])).toEqual(['Tony Chung']);
    expect(nameVariants('person', 'Shirley Botchwey', [], [])).toEqual(['Shirley Botchwey']);
  });
});

describe('nameKey', () => {
  it('folds case, accents, possessives and the Turkish dotless i', () => {
    expect(nameKey('Doğan Akhanlı’s')).toBe(nameKey('Dogan Akhanli'));
    expect(nameKey('Hamza Yalçın')).toBe('hamza yalcin');
  });
});
