import { isGivenName, type NameKind } from './corpus-names.js';

/**
 * Spellings news uses for the same given name when transliterating it; a doubled letter
 * (Nasser/Naser, Hassan/Hasan) is handled apart, for every word.
 */
const GIVEN_NAME_SPELLINGS: readonly (readonly string[])[] = [
  ['ahmed', 'ahmad'],
  ['mohammed', 'muhammad', 'mohamed', 'mohammad'],
  ['hussein', 'husain', 'hussain'],
  ['abdul', 'abdel'],
  ['yusuf', 'yousef', 'youssef'],
  ['andrew', 'andré'],
  // Russian given names in the systems the wires use (BGN, ISO, the passport's).
  ['sergei', 'sergey'],
  ['alexei', 'alexey', 'aleksei', 'aleksey'],
  ['andrei', 'andrey'],
  ['dmitry', 'dmitriy', 'dmitri'],
  ['yuri', 'yury', 'yuriy'],
  ['alexander', 'aleksandr'],
  ['yevgeny', 'evgeny', 'yevgeniy', 'evgeniy'],
  ['nikolai', 'nikolay'],
  ['vitaly', 'vitaliy'],
  ['anatoly', 'anatoliy'],
  ['tatyana', 'tatiana'],
  ['yulia', 'yuliya', 'iulia'],
  ['natalia', 'natalya'],
  ['sofia', 'sofya'],
  // Uyghur names in Latin script and in pinyin.
  ['dolkun', 'dolqun'],
];
const ARTICLES = /^(al|el)-/iu;

/**
 * Long vowels of Arabic and Punjabi given names, which the wires write both ways: Hakeem/Hakim,
 * Saeed/Said, Hardeep/Hardip, Mansoor/Mansur. Only in the given name: in a surname the same
 * letters are as often a European spelling (Vandecasteele).
 */
const LONG_VOWELS: readonly (readonly [RegExp, string])[] = [
  [/ee/u, 'i'],
  [/oo/u, 'u'],
];
/** A name compared as the matcher would: no case, accents, possessives or punctuation. */
export const nameKey = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // Turkish dotless ı has no decomposition: "Akhanlı" is written "Akhanli" too.
    .replace(/ı/gu, 'i')
    .replace(/['’]s\b/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function unique(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  return texts.filter((text) => {
    const key = nameKey(text);
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const isAcronym = (text: string) => /^\p{Lu}[\p{Lu}\d]{1,7}$/u.test(text);
const words = (text: string) => text.split(/\s+/u).filter((word) => word.length > 0);
const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * The forms that may name an entity: every spelling the corpus writes, its acronyms, and for a
 * person the name without
 * middle names, without "al-", with transliterated given names and with doubled letters single.
 * The matcher ignores case, accents and possessives, so those need no variant.
 */
export function nameVariants(
  kind: NameKind,
  name: string,
  forms: readonly string[],
  acronyms: readonly string[],
): string[] {
  const written = forms.filter((form) => !isAcronym(form) && words(form).length > 1);
  if (kind === 'person') return unique([name, ...written].flatMap(personSpellings));
  if (kind === 'operation') return unique(written.filter((form) => /^operation /iu.test(form)));
  return unique([name, ...written, ...acronyms]);
}

function personSpellings(name: string): string[] {
  const parts = words(name);
  const first = parts[0] ?? '';
  const last = parts.at(-1) ?? '';
  // "Ahmed al-Raisi", "Peter Smith" for Peter John Smith; not "Kim Yang" for Kim Jong Yang,
  // whose "Jong" is half a given name: the middle goes only before a surname with a particle
  // or when the tagger knows it as a given name.
  const middles = parts.slice(1, -1);
  const droppable = ARTICLES.test(last) || middles.every((middle) => isGivenName(middle));
  const shorter = parts.length > 2 && droppable ? [`${first} ${last}`] : [];
  const withoutArticle = ARTICLES.test(last)
    ? [name, ...shorter].map((form) => form.replace(/\b(al|el)-/giu, ''))
    : [];
  const base = [name, ...shorter, ...withoutArticle];
  const transliterated = base.flatMap((form) => {
    const given = GIVEN_NAME_SPELLINGS.find((spellings) =>
      spellings.includes(words(form)[0]?.toLowerCase() ?? ''),
    );
    const respelled = (given ?? [])
      .filter((spelling) => spelling !== words(form)[0]?.toLowerCase())
      .map((spelling) => [capitalise(spelling), ...words(form).slice(1)].join(' '));
    const single = form.replace(/(\p{L})\1/gu, '$1');
    return [...respelled, ...(single !== form ? [single] : []), ...shortVowels(form)];
  });
  return [...base, ...transliterated];
}

/** The name with its given name's long vowel written short ("Hakim al-Araibi"). */
function shortVowels(name: string): string[] {
  const [given, ...rest] = words(name);
  if (given === undefined || rest.length === 0) return [];
  return LONG_VOWELS.flatMap(([pattern, replacement]) => {
    const respelled = given.replace(pattern, replacement);
    return respelled === given ? [] : [[respelled, ...rest].join(' ')];
  });
}

export interface ShortForms {
  /** Forms that name the entity alone. */
  readonly variants: readonly string[];
  /** Forms that name it only with context nearby. */
  readonly contextual: readonly string[];
}

/**
 * Splits the forms into those that name the entity alone and those that need context: a
 * surname used alone ("Hu", "Hedges"), a body whose name every ministry or organisation could
 * have ("Executive Committee" when the corpus writes it as INTERPOL's), a two-letter acronym,
 * an operation named with ordinary words ("Fox Hunt", "Sky Net"). A person seen with the
 * surname first ("Hu Binchen" and "Hu") also gets the Western order ("Binchen Hu").
 */
export function shortFormContext(
  kind: NameKind,
  name: string,
  variants: readonly string[],
  shortForms: ReadonlySet<string>,
  owners: ReadonlyMap<string, number>,
  isOrdinaryWord: (word: string) => boolean,
): ShortForms {
  const shorts = [...shortForms].filter((form) => !isAcronym(form) || form.length <= 2);
  const twoLetterAcronyms = variants.filter((form) => isAcronym(form) && form.length <= 2);
  if (kind === 'person') {
    const parts = words(name);
    // Only when the first word is used alone and the last is not, and the first is no given
    // name: "Roman Protasevich" cut to "Roman" at a line's end is not Protasevich Roman.
    const usedAlone = (word: string) =>
      [...shortForms].some((form) => nameKey(form) === nameKey(word));
    const surnameFirst =
      parts.length === 2 &&
      usedAlone(parts[0]!) &&
      !usedAlone(parts[1]!) &&
      !isGivenName(parts[0]!);
    const reversed = surnameFirst ? [`${parts[1]} ${parts[0]}`] : [];
    const articled = parts.filter((part) => ARTICLES.test(part));
    return {
      variants: unique([...variants, ...reversed]),
      contextual: unique([...articled, ...shorts]),
    };
  }
  const generic = (form: string) =>
    words(form.replace(/-/gu, ' ')).every((word) => isOrdinaryWord(word));
  if (kind === 'operation') {
    const joined = words(name).length === 2 ? [words(name).join('')] : [];
    const split = words(name).length === 1 ? splitCompound(name, isOrdinaryWord) : [];
    const plain = unique([name, ...joined, ...split]);
    const ordinary = plain.some((form) => words(form).some((word) => isOrdinaryWord(word)));
    return ordinary
      ? { variants: variants.filter((form) => /^operation /iu.test(form)), contextual: plain }
      : { variants: unique([...variants, ...plain]), contextual: [] };
  }
  const owned = owners.size > 0;
  const distinctive = variants.filter(
    (form) => !(owned && generic(form)) && !twoLetterAcronyms.includes(form),
  );
  const qualified =
    owned && generic(name)
      ? [...owners.keys()]
          .filter((owner) => !isAcronym(owner) || owner.length > 2)
          .map((owner) => `${owner} ${name}`)
      : [];
  return {
    variants: unique([...distinctive, ...qualified]),
    contextual: unique([
      ...variants.filter((form) => owned && generic(form)),
      ...twoLetterAcronyms,
      ...shorts,
    ]),
  };
}

/** "Skynet" is also written "Sky Net": a word made of two ordinary words. */
function splitCompound(word: string, isOrdinaryWord: (word: string) => boolean): string[] {
  const lower = word.toLowerCase();
  for (let at = 3; at <= lower.length - 3; at += 1) {
    const left = lower.slice(0, at);
    const right = lower.slice(at);
    if (isOrdinaryWord(left) && isOrdinaryWord(right))
      return [`${capitalise(left)} ${capitalise(right)}`];
  }
  return [];
}
