import { grown } from './growable.js';

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

/**
 * The fields of NormalisedToken in parallel arrays, refilled by `tokenize` for each text: the
 * matcher reads a whole item's words without allocating an object, or a string, per word.
 */
export class TokenBuffer {
  /** The text tokenized. */
  source = '';
  count = 0;
  /**
   * Null for a token made only of ASCII letters and digits, the usual case: its normalised
   * text is then `source.slice(start, end)` in lower case, which `text()` builds on demand,
   * and each of its characters folds with `| ASCII_LOWER_BIT`.
   */
  readonly texts: (string | null)[] = [];
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  positions = new Int32Array(256);
  spans = new Int32Array(256);

  text(index: number): string {
    const text = this.texts[index];
    return text ?? asciiFolded(this.source, this.starts[index] ?? 0, this.ends[index] ?? 0);
  }

  push(text: string | null, start: number, end: number, position: number, span: number): void {
    const index = this.count++;
    if (index === this.starts.length) {
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
      this.positions = grown(this.positions);
      this.spans = grown(this.spans);
    }
    this.texts[index] = text;
    this.starts[index] = start;
    this.ends[index] = end;
    this.positions[index] = position;
    this.spans[index] = span;
  }
}

/** ASCII letters and digits in lower case: A-Z take this bit, a-z and 0-9 have it already. */
export const ASCII_LOWER_BIT = 0x20;

/** A run of ASCII letters and digits, normalised: lower case. */
function asciiFolded(text: string, start: number, end: number): string {
  return text.slice(start, end).toLowerCase();
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
/** Combining marks start at U+0300: nothing below folds with the character before it. */
const FIRST_MARK = 0x300;

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

/** Whether a combining mark starts at `index`, which then folds with the character before it. */
function markAt(text: string, index: number): boolean {
  if (index >= text.length || text.charCodeAt(index) < FIRST_MARK) return false;
  return MARK.test(String.fromCodePoint(text.codePointAt(index) ?? 0));
}

/** What a character is to the scanner; ASCII ones by code, since they need no folding. */
const SPACE_KIND = 0;
const DASH_KIND = 1;
const APOSTROPHE_KIND = 2;
/** An ASCII letter or digit. */
const WORD_KIND = 3;
/** Outside ASCII: classified, and folded if a word character, by classifyCached. */
const CLUSTER_KIND = 4;
const ASCII_KIND = new Uint8Array(0x80);
for (let code = 0; code < 0x80; code++) {
  const char = String.fromCharCode(code);
  if (/[a-zA-Z0-9]/.test(char)) ASCII_KIND[code] = WORD_KIND;
  else if (char === '-') ASCII_KIND[code] = DASH_KIND;
  else if (char === "'" || char === '`') ASCII_KIND[code] = APOSTROPHE_KIND;
}
const kindOf = (code: number) => (code < 0x80 ? (ASCII_KIND[code] ?? SPACE_KIND) : CLUSTER_KIND);
const SEPARATOR_KIND = { dash: DASH_KIND, apostrophe: APOSTROPHE_KIND, space: SPACE_KIND } as const;

/** After a part, a dash or an apostrophe: the characters that follow decide what it was. */
const NOTHING_PENDING = 0;
/** A dash, or an apostrophe before anything but `s`: joins if a word character follows. */
const JOIN_PENDING = 1;
const APOSTROPHE_PENDING = 2;
/** An apostrophe and `s`: a possessive, dropped, unless a word character follows the `s`. */
const POSSESSIVE_PENDING = 3;
const ASCII_CODE_S = 0x73;

/**
 * Reads text into words in one pass. Each character (with any combining marks after it) is a
 * word character, a dash, an apostrophe or a separator, and a small state machine turns that
 * stream into words of one or more parts. ASCII, the usual case, is read a run of letters and
 * digits at a time, and such a run is a part with no string built for it (see TokenBuffer).
 */
class WordScanner {
  private text = '';
  private out = new TokenBuffer();
  private position = 0;
  /** Set only while a part is open. */
  private pending = NOTHING_PENDING;
  /** Offsets of the `s` of a possible possessive. */
  private sStart = 0;
  private sEnd = 0;

  private inPart = false;
  private partStart = 0;
  private partEnd = 0;
  /** The part is ASCII letters and digits, text.slice(partStart, partEnd); else partText. */
  private partAscii = false;
  private partText = '';

  /** The finished parts of the current word; a null text as in TokenBuffer. */
  private partCount = 0;
  private readonly partTexts: (string | null)[] = [];
  private readonly partStarts: number[] = [];
  private readonly partEnds: number[] = [];

  scan(text: string, out: TokenBuffer): void {
    this.text = text;
    this.out = out;
    out.source = text;
    out.count = 0;
    this.position = 0;
    const length = text.length;
    let index = 0;
    while (index < length) {
      const kind = kindOf(text.charCodeAt(index));
      if (kind === WORD_KIND) {
        let end = index + 1;
        while (end < length && kindOf(text.charCodeAt(end)) === WORD_KIND) end++;
        if (end < length && kindOf(text.charCodeAt(end)) !== SPACE_KIND) {
          // The last letter goes with any combining marks after it, as a cluster.
          if (markAt(text, end)) end--;
          if (end === index) {
            index = this.cluster(index);
            continue;
          }
        } else if (!this.inPart) {
          // The usual case: a word on its own, between spaces or punctuation.
          this.out.push(null, index, end, this.position++, 1);
          index = end;
          continue;
        }
        this.asciiRun(index, end);
        index = end;
      } else if (kind === SPACE_KIND && !this.inPart) {
        // Between words a separator changes nothing, nor do combining marks after it.
        index++;
      } else if (kind === CLUSTER_KIND || markAt(text, index + 1)) {
        index = this.cluster(index);
      } else {
        this.separator(kind);
        index++;
      }
    }
    this.endWord();
  }

  /**
   * A character outside ASCII (or one with combining marks) and the marks after it, which
   * fold together: e + ◌́ is é, then e. Returns the index after the cluster.
   */
  private cluster(start: number): number {
    const text = this.text;
    const base = String.fromCodePoint(text.codePointAt(start) ?? 0);
    let index = start + base.length;
    while (markAt(text, index)) index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
    const cluster = classifyCached(text.slice(start, index), base);
    if (cluster.kind === 'word') {
      for (const char of cluster.chars) {
        if (char === null) this.separator(SPACE_KIND);
        else this.foldedChar(char, start, index);
      }
    } else if (cluster.kind !== 'ignore') {
      this.separator(SEPARATOR_KIND[cluster.kind]);
    }
    return index;
  }

  /** ASCII letters and digits at start..end, as written. */
  private asciiRun(start: number, end: number): void {
    let from = start;
    if (this.pending !== NOTHING_PENDING) {
      const isS = (this.text.charCodeAt(start) | ASCII_LOWER_BIT) === ASCII_CODE_S;
      if (this.resolveBefore(isS, start, start + 1)) {
        // The `s` of a possible possessive; a word character after it makes it a part.
        if (++from === end) return;
        this.resolveBefore(false, from, from + 1);
      }
    }
    if (!this.inPart) {
      this.inPart = true;
      this.partStart = from;
      this.partEnd = end;
      this.partAscii = true;
    } else if (this.partAscii && this.partEnd === from) {
      this.partEnd = end;
    } else {
      this.appendFolded(asciiFolded(this.text, from, end), end);
    }
  }

  /** A word character that folding produced, for the cluster at start..end. */
  private foldedChar(char: string, start: number, end: number): void {
    if (this.pending !== NOTHING_PENDING && this.resolveBefore(char === 's', start, end)) return;
    if (this.inPart) {
      this.appendFolded(char, end);
    } else {
      this.openFoldedPart(char, start, end);
    }
  }

  /**
   * A word character follows a dash or an apostrophe after a part. True when it is the `s` of
   * a possible possessive, held back until the next character; otherwise the pending
   * separator joined two parts and the character opens (or continues) the next part.
   */
  private resolveBefore(isS: boolean, start: number, end: number): boolean {
    const pending = this.pending;
    this.pending = NOTHING_PENDING;
    if (pending === APOSTROPHE_PENDING && isS) {
      this.pending = POSSESSIVE_PENDING;
      this.sStart = start;
      this.sEnd = end;
      return true;
    }
    this.closePart();
    if (pending === POSSESSIVE_PENDING) this.openFoldedPart('s', this.sStart, this.sEnd);
    return false;
  }

  /** SPACE_KIND, DASH_KIND or APOSTROPHE_KIND. */
  private separator(kind: number): void {
    if (this.pending === NOTHING_PENDING && this.inPart && kind !== SPACE_KIND) {
      this.pending = kind === DASH_KIND ? JOIN_PENDING : APOSTROPHE_PENDING;
    } else {
      // A lone separator; or one after a pending dash or apostrophe, which ends the word there
      // (a possessive `s` included, and dropped).
      this.endWord();
    }
  }

  private openFoldedPart(char: string, start: number, end: number): void {
    this.inPart = true;
    this.partStart = start;
    this.partEnd = end;
    this.partAscii = false;
    this.partText = char;
  }

  private appendFolded(folded: string, end: number): void {
    if (this.partAscii) {
      this.partText = asciiFolded(this.text, this.partStart, this.partEnd);
      this.partAscii = false;
    }
    this.partText += folded;
    this.partEnd = end;
  }

  private closePart(): void {
    const index = this.partCount++;
    this.partTexts[index] = this.partAscii ? null : this.partText;
    this.partStarts[index] = this.partStart;
    this.partEnds[index] = this.partEnd;
    this.inPart = false;
  }

  /** Emits the word read so far: a compound's joined form first, then each part. */
  private endWord(): void {
    this.pending = NOTHING_PENDING;
    if (this.inPart) this.closePart();
    const count = this.partCount;
    if (count === 0) return;
    this.partCount = 0;
    const { out, text, partTexts, partStarts, partEnds } = this;
    if (count > 1) {
      let joined = '';
      for (let index = 0; index < count; index++) {
        const start = partStarts[index] ?? 0;
        joined += partTexts[index] ?? asciiFolded(text, start, partEnds[index] ?? 0);
      }
      out.push(joined, partStarts[0] ?? 0, partEnds[count - 1] ?? 0, this.position, count);
    }
    for (let index = 0; index < count; index++) {
      const part = partTexts[index] ?? null;
      out.push(part, partStarts[index] ?? 0, partEnds[index] ?? 0, this.position++, 1);
    }
  }
}

const scanner = new WordScanner();

/**
 * Normalised tokens of the text into `out` (replacing what it held), as `normalise` gives them.
 * A dash or an apostrophe between two word characters joins parts into one word (`Bin-chen`,
 * `O'Brien`, `l'Interpol`); a possessive `'s` is dropped.
 */
export function tokenize(text: string, out: TokenBuffer): void {
  scanner.scan(text, out);
}

/** For the functions below, which copy what they need out of it at once. */
const shared = new TokenBuffer();

/**
 * Normalises text for matching: NFKC, case folding, accents removed, curly quotes and dashes
 * treated as their plain forms, possessive `'s` dropped. A hyphenated compound yields its parts
 * and their joined form (`Bin-chen` → `binchen` over `bin`, `chen`), so `bin-chen`, `bin chen`
 * and `binchen` in a query all find it. HTML must already be stripped.
 */
export function normalise(text: string): NormalisedText {
  tokenize(text, shared);
  const { count, starts, ends, positions, spans } = shared;
  const tokens: NormalisedToken[] = [];
  for (let index = 0; index < count; index++) {
    tokens.push({
      text: shared.text(index),
      start: starts[index] ?? 0,
      end: ends[index] ?? 0,
      position: positions[index] ?? 0,
      span: spans[index] ?? 0,
    });
  }
  return { tokens };
}

/** The normalised words of a query fragment, each as its parts: `Hu Bin-chen` is [[hu], [bin, chen]]. */
export function normaliseWords(text: string): string[][] {
  tokenize(text, shared);
  const { count, spans } = shared;
  const words: string[][] = [];
  let index = 0;
  while (index < count) {
    // A compound's joined form is followed by its parts, one per position it spans.
    const span = spans[index] ?? 1;
    const first = span > 1 ? index + 1 : index;
    const parts: string[] = [];
    for (let part = first; part < first + span; part++) parts.push(shared.text(part));
    words.push(parts);
    index = first + span;
  }
  return words;
}
