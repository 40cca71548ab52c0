import { normalise } from '@app/matching';
import { placeKey } from './places.js';

/**
 * Words that say nothing about which event a report describes. Function words, and the
 * reporting verbs and nouns every news item carries.
 */
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before ' +
    'being below between both but by can could did do does doing down during each few for from ' +
    'further had has have having he her here hers him his how i if in into is it its itself just ' +
    'me more most my no nor not now of off on once only or other our out over own same she should ' +
    'so some such than that the their them then there these they this those through to too under ' +
    'until up very was we were what when where which while who whom why will with would you your ' +
    'said says say told tells according reported reports report news latest update new week weeks ' +
    'monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow year years ' +
    'january february march april may june july august september october november december ' +
    'mr mrs ms dr one two three four five six seven eight nine ten first second last since ' +
    'amid despite among however including whose per via al el bin ibn de da van von'
  ).split(' '),
);

/** Share of a title's words in capitals above which the title is in headline case. */
const HEADLINE_CASE_SHARE = 0.6;

export interface StoryTerm {
  /** Normalised (NFKC, case-folded, accents removed), possessives dropped. */
  readonly text: string;
  /** Written with a capital where a capital tells a name: people, places, organisations. */
  readonly entity: boolean;
  /**
   * The word as an ordinary word would be keyed (stemmed), and whether it was written in lower
   * case here: a capitalised word that texts also write in lower case (`General Assembly`,
   * `Red Notices`, `South`) is a common word, not a name.
   */
  readonly common: string;
  readonly lowercase: boolean;
  /**
   * Asked for (`findFullNames`), not a place, and one of two or more capitalised words in a row (`Cem Aydoğan`, `Faisal
   * al-Khalili`): a person's full name, or an organisation's. A lone capital is often a place
   * (`Santiago`), and places are shared by the many stories of one country or summit.
   */
  readonly inNameRun: boolean;
}

/**
 * The content words of a text: stopwords and numbers out, a light stem so that `elects` and
 * `elected` meet, hyphenated names kept whole (`alraisi`) as well as in parts.
 */
export function storyTerms(
  text: string,
  capitalsMarkNames: boolean,
  findFullNames = false,
  namedElsewhere: ReadonlySet<string> = NONE,
): StoryTerm[] {
  const terms: StoryTerm[] = [];
  const inNameRun = findFullNames ? nameRunWords(text) : () => false;
  for (const token of normalise(text).tokens) {
    if (token.text.length < 2 || STOPWORDS.has(token.text) || /^\d+$/.test(token.text)) continue;
    const first = text.charAt(token.start);
    const capital = first !== first.toLowerCase();
    const place = placeKey(token.text);
    const ofFullName = place === undefined && inNameRun(token.start);
    // A sentence's first word takes a capital whatever it is (`Police held...`), unless it
    // begins a full name (`Idris Hasan, who...`) or is a name an apposition describes
    // (`Habimana, a recognised refugee,`).
    // So is a word the same item writes with a capital inside a sentence (`Kanter's passport
    // was cancelled` after `Enes Kanter`), or with a possessive (`Kanter's`): common nouns
    // opening a sentence rarely take one.
    const named =
      capital &&
      (!startsSentence(text, token.start) ||
        place !== undefined ||
        ofFullName ||
        namedElsewhere.has(token.text) ||
        POSSESSIVE.test(text.slice(token.end, token.end + 3)) ||
        APPOSITION.test(text.slice(token.end, token.end + 8)));
    // Names are not inflected: `Idris` is not a plural.
    const common = place ?? stem(token.text);
    const term = place ?? (capital ? token.text : common);
    terms.push({
      text: term,
      entity: capitalsMarkNames && named,
      common,
      lowercase: !capital,
      inNameRun: ofFullName,
    });
  }
  return terms;
}

const NONE: ReadonlySet<string> = new Set();

/** `Kanter's`, `Kanter’s`: a possessive after the word. */
const POSSESSIVE = /^['’]s\b/;

/**
 * The words (normalised, as `storyTerms` gives them) that the texts write with a capital inside
 * a sentence: names, whose every mention is then a name, even one that opens a sentence.
 */
export function capitalisedInSentences(texts: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const text of texts) {
    for (const token of normalise(text).tokens) {
      const first = text.charAt(token.start);
      if (first !== first.toLowerCase() && !startsSentence(text, token.start)) {
        words.add(token.text);
      }
    }
  }
  return words;
}

/** `Habimana, a recognised refugee`, `Oran, who fled`: a word that an apposition describes. */
const APPOSITION = /^, (?:a|an|who|whose)\b/;

/** A word written with a capital, or a name's particle joined to one (`al-Khalili`). */
const CAPITALISED = /^["'“‘(«]*(?:(?:al|el|bin|ibn|abu|de|da|van|von|du|le)[-‐])?\p{Lu}/u;
/** Particles that stand between the parts of one name (`Osama bin Laden`, `Ursula von der Leyen`). */
const NAME_PARTICLE = /^(?:al|el|bin|bint|ibn|abu|de|da|del|van|von|der|du|le|la)$/i;
/** A word of two or more capitals and no small letter: `INTERPOL`, `ECHR`, `UN`. */
const ACRONYM = /^["'“‘(«]*\p{Lu}{2,}[^\p{Ll}]*$/u;
/** `The ` (a quote between allowed) right before a row of capitals. */
const TITLE_ARTICLE = /\bThe\s+["'“‘«]*$/;
/** `Chile's`, `Chile’s`, `Chile's,`: a possessive. */
const POSSESSIVE_END = /['’]s\W*$/;
/** A word ending a clause: the next capital starts another name. */
const CLAUSE_END = /[.,;:!?)"”’]$/;

/**
 * Words that make a row of capitals an organisation, an office or a place (`Human Rights
 * Watch`, `Supreme Court`, `Zvartnots Airport`, `New York`, `North Rhine-Westphalia`) rather
 * than a person.
 */
const INSTITUTION_WORDS = new Set(
  (
    'new north south east west san santa saint st lake mount port fort ' +
    'act agency airport airways army assembly association audiencia authority bank board ' +
    'bureau capital center centre charter church club college commission committee company ' +
    'conference confederation congress constitutional convention corporation council court ' +
    'declaration defenders department district embassy federal federation forum foundation ' +
    'front fund government group guard house initiative institute international journal ' +
    'league magistrates media ministry movement nacional national network news notice ' +
    'notices office organisation organization parliament party police post press prison ' +
    'project province radio region protocol republic resolution rights service services ' +
    'society square station statement street summit times treaty trials tribunal union ' +
    'university watch'
  ).split(' '),
);

/**
 * Whether the word at an offset of the text is one of two or more capitalised words in a row
 * (particles between them allowed, a comma or a full stop ending the row) that name no
 * institution.
 */
function nameRunWords(text: string): (offset: number) => boolean {
  const inRun: { start: number; end: number }[] = [];
  let run: { start: number; end: number }[] = [];
  let capitals = 0;
  let institution = false;
  const close = (): void => {
    if (capitals >= 2 && !institution && !isSpeaker(text, run)) inRun.push(...run);
    run = [];
    capitals = 0;
    institution = false;
  };
  for (const match of text.matchAll(/\S+/g)) {
    const word = match[0];
    const span = { start: match.index, end: match.index + word.length };
    const bare = word.toLowerCase().replace(/[^\p{L}]/gu, '');
    // `In Lisbon`, `The Hague`: a function word opening a sentence is no part of a name.
    if (CAPITALISED.test(word) && !STOPWORDS.has(bare)) {
      run.push(span);
      capitals++;
      // `United Arab Emirates`, `Abu Dhabi`: a row with a place in it names the place;
      // `Lisbon INTERPOL meeting`, `UN Special Rapporteur`: one with an acronym, a body; `The
      // Back Door`, `The Guardian`: a row after `The`, a title.
      institution ||=
        INSTITUTION_WORDS.has(bare) ||
        placeKey(bare) !== undefined ||
        ACRONYM.test(word) ||
        (capitals === 1 && TITLE_ARTICLE.test(text.slice(Math.max(0, span.start - 5), span.start)));
    } else if (!(capitals > 0 && NAME_PARTICLE.test(word))) {
      close();
      continue;
    }
    // `Chile's Helena Arriola`: a possessive ends a name; the next capital starts another.
    if (CLAUSE_END.test(word) || POSSESSIVE_END.test(word)) close();
  }
  close();
  // Tokens come in text order, so one cursor walks the rows once.
  let next = 0;
  return (offset) => {
    while (next < inRun.length && inRun[next]!.end <= offset) next++;
    const span = inRun[next];
    return span !== undefined && offset >= span.start;
  };
}

/**
 * `said Nadia Sorel`, `according to Nadia Sorel`: the name that follows is who speaks; `a critic
 * of President Emomali Rahmon`: whom the report's subject opposes.
 */
const SPEAKER_BEFORE = /\b(?:said|says|according to|critics? of|opponents? of)\s+$/i;
/**
 * `Nadia Sorel said`, `Nadia Sorel, CPJ's representative, said`, `CPJ's representative, Nadia
 * Sorel, said`: the name is who speaks (an appositive between, within the sentence).
 */
const SPEAKER_AFTER = /^,?\s*(?:[^.;!?"”]{0,120}?,\s*)?(?:said|says|told)\b/i;

/**
 * Whether a row of capitals names who speaks rather than who the report is about: an NGO's
 * director or a prosecutor quoted in the opening (`"...," said Sarah Whitfield, director of the
 * Eurasia Rights Forum`) is not the person its story is about, nor is the ruler a critic
 * criticises.
 */
function isSpeaker(text: string, run: readonly { start: number; end: number }[]): boolean {
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last) return false;
  return (
    SPEAKER_BEFORE.test(text.slice(Math.max(0, first.start - 20), first.start)) ||
    SPEAKER_AFTER.test(text.slice(last.end, last.end + 160))
  );
}

/**
 * One key for the spellings of one name in Latin letters (transliterations, a particle glued
 * on): `Memetimin`, `Mamatimin` and `Maimaitiming`; `Qurbonov` and `Kurbonov`; `el-Shazly` and
 * `al-Shazli`; `Kaptsiukh` and `Koptyukh`; `Alnuaimi` and `al-Nuaimi`. Its consonants, with
 * the sounds that transliterations write differently made one and vowels dropped, as the
 * consonant skeletons of name matching do; a skeleton of fewer than three consonants (`Hamad`,
 * `Kian`) tells too little, and the word is its own key.
 */
export function nameKey(word: string): string {
  let key = nameKeys.get(word);
  if (key === undefined) {
    // Names recur from report to report: the cache saves the replacements; it is emptied when
    // full, so that a long-running worker's memory stays bounded.
    if (nameKeys.size >= NAME_KEYS_CACHED) nameKeys.clear();
    key = skeletonOf(word);
    nameKeys.set(word, key);
  }
  return key;
}

const NAME_KEYS_CACHED = 50_000;
const nameKeys = new Map<string, string>();

function skeletonOf(word: string): string {
  const lower = word.toLowerCase();
  // Only Latin letters have a skeleton here: a name in another script (Cyrillic, Arabic) is its
  // own key, or every such name would share the empty one.
  if (/[^\P{L}a-z]/u.test(lower)) return lower;
  let letters = lower.replace(/[^a-z]/g, '');
  // A particle written into the name: `alnuaimi`, `elshazly`.
  if (/^(?:al|el)/.test(letters) && letters.length >= 6) letters = letters.slice(2);
  const skeleton = letters
    .replace(/x/g, 'ks')
    .replace(/kh/g, 'h')
    .replace(/zh/g, 'j')
    .replace(/sh/g, 's')
    .replace(/ts/g, 't')
    .replace(/ph/g, 'f')
    .replace(/[qc]/g, 'k')
    .replace(/dj/g, 'j')
    .replace(/ng$/, 'n')
    .replace(/[aeiouyhw]/g, '')
    .replace(/(.)\1+/g, '$1');
  return skeleton.length >= 3 ? skeleton : letters;
}

const SENTENCE_END = /[.!?:;]/;
const OPENING = /[\s"'“‘(«]/;

function startsSentence(text: string, offset: number): boolean {
  let index = offset - 1;
  while (index >= 0 && OPENING.test(text.charAt(index))) index--;
  return index < 0 || SENTENCE_END.test(text.charAt(index));
}

/**
 * The labels outlets put before the headline of a piece about the news rather than the news
 * itself (`Analysis: ...`, `OPINION | ...`, `Explainer - ...`, as wires slug them), or the
 * masthead's editorial (`The Guardian view on ...`). Only an explicit label counts: a question
 * or a `why` in a headline is as often the news told.
 */
const COMMENTARY_LABEL =
  /^\s*(?:(?:analysis|opinion|explainer|comment|commentary|editorial|factbox|fact check|q&a|in depth|view|perspective)\s*[:|\-–—]|the \p{L}+(?: \p{L}+)? view on\b)/iu;

/** Whether the headline labels its piece an analysis, an opinion, an explainer or the like. */
export function isCommentary(title: string): boolean {
  return COMMENTARY_LABEL.test(title);
}

/** Headlines in title case capitalise every word, so their capitals name nothing. */
export function isHeadlineCase(title: string): boolean {
  const words = title.split(/\s+/).filter((word) => /^\p{L}/u.test(word));
  if (words.length < 3) return false;
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
  return capitalised / words.length > HEADLINE_CASE_SHARE;
}

/**
 * Crude suffix stripping, enough to join inflections in news English (elects, elected,
 * election stay apart from each other's stem only where it matters little).
 */
function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of ['ings', 'ing', 'ied', 'ies', 'ed', 'es', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

/** Hashes of the text's word triples: syndicated copies share nearly all of them. */
export function shingles(text: string): Set<number> {
  const words = normalise(text)
    .tokens.filter((token) => token.span === 1)
    .map((token) => token.text);
  const result = new Set<number>();
  for (let index = 0; index + 2 < words.length; index++) {
    result.add(fnv1a(`${words[index]} ${words[index + 1]} ${words[index + 2]}`));
  }
  return result;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * |a ∩ b| / |a ∪ b| when it is at least `least`, else 0 (and 0 when both are empty). A report is
 * compared with every report of the open stories, nearly all far from a copy: the count stops as
 * soon as what is left of the smaller set can no longer reach `least`, since
 * |a ∩ b| / |a ∪ b| ≥ t needs |a ∩ b| ≥ t (|a| + |b|) / (1 + t).
 */
export function jaccardAtLeast(
  a: ReadonlySet<number>,
  b: ReadonlySet<number>,
  least: number,
): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  // A hair under the bound, so that rounding never stops a count that would reach it.
  const needed = (least * (a.size + b.size)) / (1 + least) - 1e-9;
  if (small.size < needed) return 0;
  let shared = 0;
  let left = small.size;
  for (const value of small) {
    if (large.has(value)) shared++;
    left--;
    if (shared + left < needed) return 0;
  }
  const overlap = shared / (a.size + b.size - shared);
  return overlap >= least ? overlap : 0;
}
