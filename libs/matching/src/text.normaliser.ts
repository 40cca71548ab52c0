/** One word of normalised text, with where it came from. */
export interface NormalisedToken {
  /** NFKC, case-folded, accents removed: the form queries are compared with. */
  readonly text: string;
  /** Offsets into the original text: `original.slice(start, end)` is the word as written. */
  readonly start: number;
  readonly end: number;
  /** Word index; each part of a hyphenated compound takes a position of its own. */
  readonly position: number;
  /** Positions covered: 1, or the number of parts for the joined form of a compound. */
  readonly span: number;
}

export interface NormalisedText {
  /**
   * By position; a compound's joined form (`binchen`) comes just before its parts
   * (`bin`, `chen`), so the tokens form a lattice rather than a plain sequence.
   */
  readonly tokens: readonly NormalisedToken[];
}

interface Part {
  text: string;
  start: number;
  end: number;
}

type UnitKind = 'char' | 'dash' | 'apostrophe' | 'space';

interface Unit {
  readonly kind: UnitKind;
  /** The folded character, for kind 'char'. */
  readonly char: string;
  readonly start: number;
  readonly end: number;
}

type ClusterClass =
  | { readonly kind: 'dash' | 'apostrophe' | 'space' | 'ignore' }
  /** A null char is a non-word character that NFKC produced (the fraction slash of ½). */
  | { readonly kind: 'word'; readonly chars: readonly (string | null)[] };

const APOSTROPHES = new Set(["'", '’', '‘', 'ʼ', '`', '´', '′', '＇']);
/** Invisible inside words: a soft hyphen or a joiner must not split `inter\u00ADpol`. */
const IGNORABLE = new Set(['\u00AD', '\u200C', '\u200D', '\u2060', '\uFEFF']);
/** Letters that carry their "accent" in the base character, so NFD cannot take it off. */
const UNACCENTED: Readonly<Record<string, string>> = {
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ħ: 'h',
  ı: 'i',
  ŧ: 't',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
};
const MARK = /\p{M}/u;
const MARKS = /\p{M}/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const DASH = /[\p{Pd}\u2212]/u;
/** Folding needs several Unicode normalisations; text repeats the same few characters. */
const CACHE_LIMIT = 4096;
const clusterCache = new Map<string, ClusterClass>();

/**
 * Case folding by way of upper case, so that ß, ſ and the final sigma fold as they should;
 * NFKC first (ligatures, full-width forms), accents off through NFD, NFC last so that Hangul
 * recomposes.
 */
function fold(cluster: string): string {
  const bare = cluster
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '');
  let folded = '';
  for (const char of bare) folded += UNACCENTED[char] ?? char;
  return folded.normalize('NFC');
}

/**
 * Symbols and punctuation separate words whatever NFKC makes of them, so that `Interpol™`
 * stays `interpol` rather than becoming `interpoltm`.
 */
function classify(cluster: string, base: string): ClusterClass {
  if (IGNORABLE.has(base)) return { kind: 'ignore' };
  if (APOSTROPHES.has(base)) return { kind: 'apostrophe' };
  if (DASH.test(base)) return { kind: 'dash' };
  if (!WORD_CHAR.test(base)) return { kind: MARK.test(base) ? 'ignore' : 'space' };
  return {
    kind: 'word',
    chars: [...fold(cluster)].map((char) => (WORD_CHAR.test(char) ? char : null)),
  };
}

function classifyCached(cluster: string, base: string): ClusterClass {
  let found = clusterCache.get(cluster);
  if (found === undefined) {
    if (clusterCache.size >= CACHE_LIMIT) clusterCache.clear();
    found = classify(cluster, base);
    clusterCache.set(cluster, found);
  }
  return found;
}

function asciiUnit(code: number, start: number): Unit {
  const end = start + 1;
  if (code >= 0x61 && code <= 0x7a)
    return { kind: 'char', char: String.fromCharCode(code), start, end };
  if (code >= 0x41 && code <= 0x5a) {
    return { kind: 'char', char: String.fromCharCode(code + 0x20), start, end };
  }
  if (code >= 0x30 && code <= 0x39)
    return { kind: 'char', char: String.fromCharCode(code), start, end };
  if (code === 0x2d) return { kind: 'dash', char: '', start, end };
  if (code === 0x27 || code === 0x60) return { kind: 'apostrophe', char: '', start, end };
  return { kind: 'space', char: '', start, end };
}

/** The text as folded characters and separators, each with the original span it came from. */
function units(text: string): Unit[] {
  const result: Unit[] = [];
  let index = 0;
  while (index < text.length) {
    const start = index;
    const base = String.fromCodePoint(text.codePointAt(index) ?? 0);
    index += base.length;
    // A base character and the combining marks after it fold together (e + ◌́ is é, then e).
    while (index < text.length && text.charCodeAt(index) >= 0x300) {
      const next = String.fromCodePoint(text.codePointAt(index) ?? 0);
      if (!MARK.test(next)) break;
      index += next.length;
    }
    const code = base.charCodeAt(0);
    if (code < 0x80 && index === start + 1) {
      result.push(asciiUnit(code, start));
      continue;
    }
    const cluster = classifyCached(text.slice(start, index), base);
    if (cluster.kind === 'ignore') continue;
    if (cluster.kind !== 'word') {
      result.push({ kind: cluster.kind, char: '', start, end: index });
      continue;
    }
    for (const char of cluster.chars) {
      result.push(
        char === null
          ? { kind: 'space', char: '', start, end: index }
          : { kind: 'char', char, start, end: index },
      );
    }
  }
  return result;
}

/**
 * Words as lists of parts. A dash or an apostrophe between two word characters joins parts
 * into one word (`Bin-chen`, `O'Brien`, `l'Interpol`); a possessive `'s` is dropped.
 */
function words(text: string): Part[][] {
  const all = units(text);
  const result: Part[][] = [];
  let parts: Part[] = [];
  let part: Part | null = null;
  const endWord = () => {
    if (part) parts.push(part);
    if (parts.length > 0) result.push(parts);
    part = null;
    parts = [];
  };
  for (let index = 0; index < all.length; index++) {
    const unit = all[index];
    if (!unit) break;
    if (unit.kind === 'char') {
      if (part) {
        part.text += unit.char;
        part.end = unit.end;
      } else {
        part = { text: unit.char, start: unit.start, end: unit.end };
      }
      continue;
    }
    const next = all[index + 1];
    if (part && next?.kind === 'char' && unit.kind !== 'space') {
      if (unit.kind === 'apostrophe' && next.char === 's' && all[index + 2]?.kind !== 'char') {
        endWord();
        index += 1;
        continue;
      }
      parts.push(part);
      part = null;
      continue;
    }
    endWord();
  }
  endWord();
  return result;
}

/**
 * Normalises text for matching: NFKC, case folding, accents removed, curly quotes and dashes
 * treated as their plain forms, possessive `'s` dropped. A hyphenated compound yields its parts
 * and their joined form (`Bin-chen` → `binchen` over `bin`, `chen`), so `bin-chen`, `bin chen`
 * and `binchen` in a query all find it. HTML must already be stripped.
 */
export function normalise(text: string): NormalisedText {
  const tokens: NormalisedToken[] = [];
  let position = 0;
  for (const parts of words(text)) {
    const first = parts[0];
    const last = parts[parts.length - 1];
    if (first && last && parts.length > 1) {
      tokens.push({
        text: parts.map((part) => part.text).join(''),
        start: first.start,
        end: last.end,
        position,
        span: parts.length,
      });
    }
    for (const part of parts) tokens.push({ ...part, position: position++, span: 1 });
  }
  return { tokens };
}

/** The normalised words of a query fragment, each as its parts: `Hu Bin-chen` is [[hu], [bin, chen]]. */
export function normaliseWords(text: string): string[][] {
  return words(text).map((parts) => parts.map((part) => part.text));
}
