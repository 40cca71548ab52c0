import { nlp } from './compromise.loader.js';
import { isKnownPlaceName } from './place-names.js';

/**
 * What compromise (the NLP library `vigil watchlist build` uses, docs/decisions/0008) tags a
 * word as; only the tags read here.
 */
interface TaggedTerm {
  readonly text: string;
  readonly pre: string;
  readonly post: string;
  readonly tags: readonly string[];
  readonly normal: string;
  /** Set when the word is not in the lexicon and its tags are a guess; 0.1 for a bare guess. */
  readonly confidence?: number;
}

export type NameKind = 'person' | 'organisation' | 'operation';

/** One name as a paragraph writes it, titles and leading demonyms taken off. */
export interface NameMention {
  readonly text: string;
  /** 'short': one word, maybe a surname; 'name': a proper name of no known kind. */
  readonly kind: NameKind | 'short' | 'name';
  /** The paragraph of the document it is in. */
  readonly paragraph: number;
  /** The acronym the text defines for it: "(IPAC)" after Inter-Parliamentary Alliance on China. */
  readonly acronym?: string;
  /** Whose it is: "Interpol" for "Interpol’s Executive Committee", "Chinese" for "Chinese Ministry". */
  readonly owner?: string;
  /** Another name the text joins to it with a hyphen: "ICPO" in "ICPO-Interpol". */
  readonly joinedWith?: string;
  /** The name as written when a word was taken off: "Operation Fox Hunt" for Fox Hunt. */
  readonly written?: string;
  /** For a person, the organisation nearest in the same sentence: whom they speak for. */
  readonly affiliation?: string;
  /**
   * Written in a paragraph whose words are nearly all capitalised (a Title Case headline), where
   * capitals say nothing: "Missing Interpol Chief", "Faces Deportation".
   */
  readonly inTitleCase?: true;
}

/** A place or demonym a paragraph writes: "China", "Chinese". */
export interface PlaceMention {
  readonly text: string;
  readonly paragraph: number;
}

/** A document's paragraphs, the names each one writes and the places it is about. */
export interface DocumentNames {
  readonly paragraphs: readonly string[];
  readonly mentions: readonly NameMention[];
  readonly places: readonly PlaceMention[];
}

/** Small words that may sit inside a name: "Ministry of Public Security", "al-Raisi". */
const NAME_CONNECTORS = new Set(['of', 'on', 'for', 'the', 'al', 'el', 'bin', 'de', 'von', 'van']);
/**
 * Connectors that join only after a body's word: "Alliance on China", "Commission for the
 * Control of Files", but "Chen Weiguo on Interpol" and "Santiago on Ankara" are two names.
 */
const INSTITUTION_CONNECTORS = new Set(['on', 'for']);
/** Last words that make a name an organisation when the tagger did not say so. */
const ORGANISATION_HEADS = new Set(
  (
    'agency alliance assembly association bureau centre center coalition commission committee ' +
    'congress council court defenders department directorate foundation front government ' +
    'group institute international league ministry movement nations office organisation ' +
    'organization parliament party police project senate service trials union watch'
  ).split(' '),
);
/** First words that make a name an organisation: "Ministry of Public Security", "Radio Free Asia". */
const ORGANISATION_STARTS = new Set(['ministry', 'department', 'office', 'commission', 'council']);
/** "Committee", "Ministry": a word any organisation's name may use. */
export const isInstitutionWord = (word: string) =>
  ORGANISATION_HEADS.has(word.toLowerCase()) || ORGANISATION_STARTS.has(word.toLowerCase());
/** Titles before a person's name, dropped from it. */
const TITLES = new Set(
  (
    'president vice-president secretary general major-general major lieutenant colonel ' +
    'senator minister director chief judge commissioner ambassador dr mr mrs ms sir lord ' +
    'deputy inspector chairman chair co-chair prince king sheikh chancellor bishop archbishop ' +
    'cardinal premier prime queen emperor emir'
  ).split(' '),
);
/** Nouns that, just before a name, say it is a person's: "Uyghur activist Idris Hasan". */
const PERSON_ROLES = new Set(
  (
    'activist activists dissident dissidents journalist journalists official officials ' +
    'lawyer man woman founder director senator president leader minister spokesman ' +
    'spokeswoman student researcher blogger critic critics campaigner wife husband son daughter ' +
    'writer writers poet novelist author presenter hotelier businessman businesswoman opponent ' +
    'exile refugee editor columnist reporter filmmaker artist cleric scholar academic mother ' +
    'father brother sister'
  ).split(' '),
);
/**
 * Words that say what a person or body was or has become, not part of its name: "Former Interpol
 * chief", "Missing Interpol president", "When Idris Hasan was arrested".
 */
const LEADING_QUALIFIERS = new Set(
  'former late missing jailed exiled detained veteran ex then why when how what where who'.split(
    ' ',
  ),
);
/** Lines that are the page around a report, not the report: calls to act, syndication notes. */
const PAGE_FURNITURE =
  /\b(sign up|subscribe|newsletter|telegram channel|reprinted with permission|originally published by|agree to the terms|all rights reserved)\b/i;
const ACRONYM = /^\p{Lu}[\p{Lu}\d]{1,7}$/u;
const CAPITALISED = /^[\p{Lu}]/u;
const POSSESSIVE = /['’]s$/u;

const clean = (word: string) => word.replace(POSSESSIVE, '').replace(/[’']$/u, '');
const has = (term: TaggedTerm, tag: string) => term.tags.includes(tag);
/** Each word as compromise tags it read on its own: the builder asks of a word many times. */
const wordTags = new Map<string, TaggedTerm | undefined>();

/** How compromise tags a word read on its own. */
function tagWord(word: string): TaggedTerm | undefined {
  if (!wordTags.has(word)) {
    const sentences = nlp(word).json() as { terms: TaggedTerm[] }[];
    wordTags.set(word, sentences[0]?.terms[0]);
  }
  return wordTags.get(word);
}

/**
 * A word the tagger knows as ordinary English, not a name: "hunt", "hedges", "security". Its
 * lexicon lacks many common nouns ("committee", "fox"), so the builder also counts as ordinary
 * any word its corpus writes in lower case.
 */
export function isOrdinaryWord(word: string): boolean {
  const term = tagWord(word.toLowerCase());
  const nameTags = ['ProperNoun', 'Person', 'Place', 'Organization'];
  // Known to the lexicon, or guessed from an ending common words have ("-ity", "-tion"); a
  // bare guess (confidence 0.1) is what names get.
  return (
    term !== undefined &&
    (term.confidence === undefined || term.confidence >= 0.5) &&
    !nameTags.some((tag) => has(term, tag))
  );
}

/**
 * The people, organisations and operations a document names, by paragraph. compromise tags
 * each word (person, organisation, place, date, demonym, title...); names are runs of words it
 * tags as proper nouns, acronyms, people or organisations, joined by small connectors, cut at
 * punctuation and possessives. Places, dates and months are never names; text in parentheses
 * is dropped (photo credits) once the acronyms it defines are read.
 */
export function documentNames(text: string): DocumentNames {
  const paragraphs = text
    .split(/\n\s*\n|\n/u)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0 && !PAGE_FURNITURE.test(paragraph));
  const mentions: NameMention[] = [];
  const places: PlaceMention[] = [];
  paragraphs.forEach((paragraph, index) => {
    const definitions = acronymDefinitions(paragraph);
    const titleCase = isTitleCase(paragraph);
    const withoutParentheses = withoutDateline(paragraph).replace(/\s*\([^)]*\)/gu, ',');
    for (const sentence of nlp(withoutParentheses).json() as { terms: TaggedTerm[] }[]) {
      const named = nameRuns(sentence.terms).flatMap((run) => {
        const mention = classify(run, index, definitions);
        if (!mention) return [];
        return titleCase ? [{ ...mention, inTitleCase: true as const }] : [mention];
      });
      mentions.push(...named.map((mention, at) => withAffiliation(mention, at, named)));
      for (const place of placeRuns(sentence.terms)) places.push({ text: place, paragraph: index });
    }
  });
  return { paragraphs, mentions, places };
}

/**
 * A Title Case headline ("Tajik Opposition Activist Detained In Poland On Dushanbe's Interpol
 * Request"): a short paragraph whose words of four letters or more after the first are nearly
 * all capitalised, ordinary words among them. A sentence naming many people is not one.
 */
function isTitleCase(paragraph: string): boolean {
  const words = paragraph.split(/\s+/u);
  if (words.length > 25) return false;
  const long = words.slice(1).filter((word) => /^\p{L}{4}/u.test(word));
  const capitalised = long.filter((word) => CAPITALISED.test(word));
  const ordinary = capitalised.filter((word) => isOrdinaryWord(word.replace(/\P{L}+$/u, '')));
  return long.length >= 3 && capitalised.length >= 0.75 * long.length && ordinary.length >= 2;
}

/** "MANAGUA — ", "BEIJING, Dec 3 (Reuters) - ": the place and date a wire report starts with. */
function withoutDateline(paragraph: string): string {
  return paragraph.replace(/^\p{Lu}{2,}(?:[ ,.]+[\p{L}\d]+){0,4}\s*(?:\([^)]*\)\s*)?[—–-]\s+/u, '');
}

function withAffiliation(
  mention: NameMention,
  at: number,
  sentence: readonly NameMention[],
): NameMention {
  if (mention.kind !== 'person') return mention;
  const nearest = sentence
    .map((other, index) => ({ other, distance: Math.abs(index - at) }))
    .filter(({ other }) => other.kind === 'organisation')
    .sort((a, b) => a.distance - b.distance)[0];
  return nearest ? { ...mention, affiliation: nearest.other.text } : mention;
}

/** Countries, cities and demonyms, a run of words each: "Hong Kong", "Chinese". */
function placeRuns(terms: readonly TaggedTerm[]): string[] {
  const runs: string[] = [];
  let current: TaggedTerm[] = [];
  terms.forEach((term, at) => {
    const place = ['Country', 'City', 'Region', 'Demonym'].some((tag) => has(term, tag));
    if (place && CAPITALISED.test(term.text)) current.push(term);
    const last = at === terms.length - 1;
    if (current.length > 0 && (!place || last || punctuated(term.post))) {
      runs.push(joinName(current));
      current = [];
    }
  });
  return runs;
}

/** "Chinese Communist Party (CCP)": the capitalised words before an acronym in parentheses. */
function acronymDefinitions(paragraph: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of paragraph.matchAll(/([\p{L}’' -]+?)\s*\((\p{Lu}[\p{Lu}\d]{1,7})\)/gu)) {
    const acronym = match[2]!;
    const words = match[1]!.trim().split(/\s+/u);
    const name: string[] = [];
    for (let at = words.length - 1; at >= 0 && name.length < 10; at -= 1) {
      const word = words[at]!;
      if (CAPITALISED.test(word) || (NAME_CONNECTORS.has(word) && name.length > 0)) {
        name.unshift(clean(word));
      } else break;
    }
    // "Delegates of the International Criminal Police Organization (ICPO)": the name starts at
    // the first capitalised word with the acronym's initial.
    const start = name.findIndex((word) => CAPITALISED.test(word) && word[0] === acronym[0]);
    if (start >= 0) found.set(name.slice(start).join(' '), acronym);
  }
  return found;
}

interface Run {
  readonly terms: TaggedTerm[];
  /** The name just before, when it ended in a possessive: "Interpol" for its Executive Committee. */
  readonly owner?: string;
  /** The words just before the run, lower case: roles and "known as". */
  readonly before: readonly string[];
  readonly sentenceStart: boolean;
}

const NOT_NAME_TAGS = ['Date', 'Month', 'WeekDay', 'Value', 'Pronoun', 'Determiner', 'Preposition'];
const punctuated = (text: string) => /[,.;:!?"“”()[\]]/u.test(text);

function isNameWord(term: TaggedTerm): boolean {
  const word = term.text;
  if (ACRONYM.test(clean(word))) return true;
  if (!word || !CAPITALISED.test(word)) return false;
  if (NOT_NAME_TAGS.some((tag) => has(term, tag))) return false;
  // A capitalised word the lexicon does not know, guessed a noun: a name ("Meng", "Dahlin").
  const unknownNoun = has(term, 'Noun') && (term.confidence ?? 1) < 0.5;
  return (
    unknownNoun ||
    ['ProperNoun', 'Acronym', 'Person', 'Organization', 'Demonym'].some((tag) => has(term, tag))
  );
}

/**
 * A capitalised word the tagger took for a common noun or adjective ("Amnesty", "General")
 * belongs to the name when a name word follows it directly.
 */
function leadsName(term: TaggedTerm, next: TaggedTerm | undefined): boolean {
  const tagged = ['Verb', 'Conjunction', ...NOT_NAME_TAGS].some((tag) => has(term, tag));
  return (
    CAPITALISED.test(term.text) &&
    !tagged &&
    next !== undefined &&
    !punctuated(term.post) &&
    !POSSESSIVE.test(term.text) &&
    isNameWord(next)
  );
}

function nameRuns(terms: readonly TaggedTerm[]): Run[] {
  const runs: Run[] = [];
  let current: TaggedTerm[] = [];
  let start = 0;
  let owner: string | undefined;
  let ownerEnd = -1;
  const flush = (possessive: boolean) => {
    while (
      current.length > 0 &&
      !isNameWord(current.at(-1)!) &&
      !(current.length > 1 && current.at(-2)!.post === '-')
    ) {
      current.pop();
    }
    const adjacentOwner =
      owner !== undefined && terms.slice(ownerEnd + 1, start).every((term) => term.text === '');
    if (current.length > 0) {
      runs.push({
        terms: current,
        ...(adjacentOwner ? { owner } : {}),
        before: terms.slice(Math.max(0, start - 4), start).map((term) => term.normal),
        sentenceStart: start === 0,
      });
    }
    // "Hu Binchen of China’s Ministry": the owner is China, not the person from there.
    const ownerFrom = current.findLastIndex((term) => term.normal === 'of') + 1;
    owner =
      possessive && ownerFrom < current.length ? joinName(current.slice(ownerFrom)) : undefined;
    ownerEnd = start + current.length - 1;
    current = [];
  };
  terms.forEach((term, at) => {
    // compromise reads "CCP’s" as "CCP is" too, adding a word with no text: not a boundary.
    if (term.text === '') return;
    const connector =
      current.length > 0 &&
      NAME_CONNECTORS.has(term.normal) &&
      !punctuated(term.pre) &&
      (!INSTITUTION_CONNECTORS.has(term.normal) || isInstitutionWord(clean(current.at(-1)!.text)));
    // "Kim Jong-yang": the tagger splits at the hyphen and writes the second half in lower case.
    const hyphenated = current.length > 0 && current.at(-1)!.post === '-';
    if (isNameWord(term) || leadsName(term, terms[at + 1]) || connector || hyphenated) {
      if (current.length > 0 && /["“”(]/u.test(term.pre)) flush(false);
      if (current.length === 0) start = at;
      current.push(term);
      const possessive = POSSESSIVE.test(term.text) || has(term, 'Possessive');
      if (possessive || punctuated(term.post)) flush(possessive);
    } else if (current.length > 0) {
      flush(false);
    } else {
      owner = undefined;
    }
  });
  flush(false);
  return runs;
}

function classify(
  run: Run,
  paragraph: number,
  definitions: ReadonlyMap<string, string>,
): NameMention | undefined {
  let terms = [...run.terms];
  let owner = run.owner;
  while (terms.length > 1 && LEADING_QUALIFIERS.has(terms[0]!.normal)) terms = terms.slice(1);
  const words = () => terms.map((term) => clean(term.text).replace(/-$/u, ''));
  const definedAcronym = () =>
    definitions.get(joinName(terms)) ?? definitions.get(words().join(' '));
  // "Emerati Major-General Ahmed Nasser al-Raisi": titles before a person's name are not part
  // of it, and what comes before them says whose the person is. "General Assembly" has no
  // person after "General", so it keeps it.
  const isTitle = (term: TaggedTerm) => has(term, 'Honorific') || TITLES.has(term.normal);
  const lastTitle = terms.findLastIndex(
    (term, at) =>
      isTitle(term) &&
      terms
        .slice(at + 1)
        .some(
          (after) =>
            has(after, 'Person') || (term.normal === 'president' && !has(after, 'Organization')),
        ),
  );
  if (lastTitle >= 0 && lastTitle < terms.length - 1) {
    if (lastTitle > 0 && !isTitle(terms[0]!)) owner = clean(terms[0]!.text);
    terms = terms.slice(lastTitle + 1);
  }
  // "Financier Bill Browder", "Last August Paul Rusesabagina", "Britons Matthew Hedges": words
  // before a person's name that describe the person (an ordinary word, a place, a date, a plural).
  while (
    terms.length > 2 &&
    describesPerson(terms[0]!) &&
    !NAME_CONNECTORS.has(terms[1]!.normal) &&
    terms.slice(1).some((term) => has(term, 'Person'))
  ) {
    terms = terms.slice(1);
  }
  // "UAE-backed INTERPOL notice": a compound of a place qualifies what follows.
  const compound = terms.findIndex((term) => !/^-/u.test(term.post)) + 1;
  if (compound > 1 && compound < terms.length && isPlace(joinName(terms.slice(0, compound)))) {
    terms = terms.slice(compound);
  }
  // "Images of al-Araibi", "Supporters of Hakeem al-Araibi": a person after "of", no body before.
  const ofPerson = terms.findIndex((term) => term.normal === 'of');
  if (
    ofPerson > 0 &&
    terms.slice(ofPerson + 1).some((term) => has(term, 'Person')) &&
    !terms.slice(0, ofPerson).some((term) => has(term, 'Person') || has(term, 'Organization')) &&
    !terms.slice(0, ofPerson).some((term) => isInstitutionWord(clean(term.text)))
  ) {
    terms = terms.slice(ofPerson + 1);
  }
  // "NGO Safeguard Defenders": an acronym the text never defines describes what follows.
  if (terms.length > 1 && ACRONYM.test(terms[0]!.text) && !definitions.size) {
    if (!/-$/u.test(terms[0]!.post) && !has(terms[0]!, 'Organization')) terms = terms.slice(1);
  }
  // A leading demonym or organisation qualifies the name ("Chinese Ministry of Public Security",
  // "INTERPOL Red Notice") unless the text's own acronym spells it ("Chinese Communist Party
  // (CCP)") or the rest is no name of its own.
  const leading = terms[0];
  if (
    leading &&
    terms.length > 1 &&
    !definedAcronym() &&
    !/-$/u.test(leading.post) &&
    (has(leading, 'Demonym') ||
      // "Sofia Sapega": a capital that is also a given name, before a name, is the given name.
      (isPlace(clean(leading.text)) &&
        !(isGivenName(clean(leading.text)) && has(terms[1]!, 'Person'))) ||
      (has(leading, 'Organization') && !terms.slice(1).some((term) => has(term, 'Organization'))))
  ) {
    owner = clean(leading.text);
    terms = terms.slice(1);
  }
  // "Hu Binchen of China", "Ahmed Naser al-Raisi of the UAE": where a person is from is not
  // part of the name.
  const from = terms.findIndex((term) => term.normal === 'of');
  const person = terms.slice(0, from).some((term) => has(term, 'Person'));
  const place = terms.slice(from + 1).filter((term) => term.normal !== 'the');
  if (
    from > 0 &&
    person &&
    place.length > 0 &&
    (place.every((term) => has(term, 'Place')) || isPlace(joinName(place)))
  ) {
    terms = terms.slice(0, from);
  }
  if (terms.length === 0) return undefined;
  const text = joinName(terms);
  const lower = words().map((word) => word.toLowerCase());
  const acronym = definedAcronym();
  const base = { paragraph, ...(owner ? { owner } : {}), ...(acronym ? { acronym } : {}) };
  const hyphenated = text.match(/^(\p{Lu}{2,8})-(\p{Lu}\p{L}+)/u);
  if (hyphenated && !isOrdinaryWord(hyphenated[2]!)) {
    // "ICPO-Interpol": two names of one body.
    return { ...base, text: hyphenated[2]!, kind: 'organisation', joinedWith: hyphenated[1]! };
  }
  if (run.before.at(-1) === 'operation' || lower[0] === 'operation') {
    const name = lower[0] === 'operation' ? joinName(terms.slice(1)) : text;
    const written = lower[0] === 'operation' ? text : `Operation ${text}`;
    return name ? { ...base, text: name, kind: 'operation', written } : undefined;
  }
  if (run.before.includes('as') && run.before.includes('known')) {
    return { ...base, text, kind: 'operation' };
  }
  if (terms.every((term) => has(term, 'Place') || has(term, 'Demonym')) || isPlace(text)) {
    return undefined;
  }
  if (terms.length === 1) return singleWord(terms[0]!, run, base);
  const organisation =
    acronym !== undefined ||
    terms.some((term) => has(term, 'Organization')) ||
    ORGANISATION_HEADS.has(lower.at(-1)!) ||
    ORGANISATION_STARTS.has(lower[0]!);
  // "New IRA", "Real IRA": a name ending in an acronym of three letters or more is a body's, even
  // when the tagger reads the acronym as a first name (Ira).
  const endsInAcronym =
    /^\p{Lu}[\p{Lu}\d]{2,7}$/u.test(words().at(-1)!) &&
    !terms.slice(0, -1).some((term) => has(term, 'FirstName'));
  if ((organisation && !terms.some((term) => has(term, 'FirstName'))) || endsInAcronym) {
    return { ...base, text, kind: 'organisation' };
  }
  // A role just before the name, or before "of" ("critic of President Emomali Rahmon"), or a
  // title taken off it.
  const [role, connector] = [run.before.at(-1) ?? '', run.before.at(-2) ?? ''];
  const personal =
    terms.some((term) => has(term, 'Person')) ||
    lastTitle >= 0 ||
    PERSON_ROLES.has(role) ||
    (['of', 'and'].includes(role) && PERSON_ROLES.has(connector));
  return { ...base, text, kind: personal && terms.length <= 5 ? 'person' : 'name' };
}

function singleWord(
  term: TaggedTerm,
  run: Run,
  base: Pick<NameMention, 'paragraph' | 'owner' | 'acronym'>,
): NameMention | undefined {
  const text = clean(term.text);
  if (TITLES.has(text.toLowerCase()) || isPlace(text)) return undefined;
  // An acronym the text does not define is a body when the tagger knows it as one, or when it
  // has three letters or more and is no place ("UAE"); "TV" and "AI" are not bodies.
  const body =
    has(term, 'Organization') || (ACRONYM.test(text) && text.length > 2 && !has(term, 'Place'));
  if (body) return { ...base, text, kind: 'organisation' };
  if (ACRONYM.test(text)) return undefined;
  // A surname on its own ("Hu’s election"), or any capitalised word: the builder keeps it only
  // as the short form of a full name the corpus writes.
  return { ...base, text, kind: 'short' };
}

/** A word before a person's name that is no part of it: "Financier", "Last", "August", "Britons". */
function describesPerson(term: TaggedTerm): boolean {
  if (has(term, 'FirstName')) return false;
  const word = clean(term.text);
  const alone = tagWord(word);
  const date = has(term, 'Date') || (alone !== undefined && has(alone, 'Month'));
  return (
    date ||
    isPlace(word) ||
    // Read alone: in a run of names the tagger takes "Britons" for one too.
    (alone !== undefined && has(alone, 'Plural')) ||
    (!has(term, 'Person') && !has(term, 'ProperNoun') && isOrdinaryWord(word))
  );
}

/** "John", "Mohammed": tagged a first name when read on its own. */
export function isGivenName(word: string): boolean {
  const term = tagWord(word);
  return term !== undefined && has(term, 'FirstName');
}

/**
 * "Chinese", "Turkey", "Tajik", "South Korean": a country, capital, people or language (the
 * tagger's or the country list's, place-names.ts), or a compound of one ("German-Turkish",
 * "Turkish-born", "Persian-language"), which describes a name and is none.
 */
function isPlace(text: string): boolean {
  if (isKnownPlaceName(text)) return true;
  if (/\s/u.test(text)) return false;
  const parts = text.split('-');
  if (parts.length > 1) {
    const [first, ...rest] = parts;
    return isPlace(first!) && rest.every((part) => isPlace(part) || /^\p{Ll}/u.test(part));
  }
  const term = tagWord(text);
  return term !== undefined && (has(term, 'Place') || has(term, 'Demonym'));
}

/** The words as written, possessives off, hyphens kept: "Ahmed Nasser al-Raisi". */
function joinName(terms: readonly TaggedTerm[]): string {
  return terms
    .map((term, at) => {
      const word = clean(term.text);
      const hyphen = at < terms.length - 1 && term.post.startsWith('-') ? '-' : ' ';
      return `${word}${hyphen}`;
    })
    .join('')
    .trim()
    .replace(/[-\s]+$/u, '');
}
