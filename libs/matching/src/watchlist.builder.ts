export interface CorpusDocument {
  readonly name: string;
  readonly text: string;
}

export interface ProposedEntity {
  readonly text: string;
  readonly mentions: number;
  readonly documents: number;
  /** Acronyms the corpus uses for it (ICPO for International Criminal Police Organization). */
  readonly acronyms: readonly string[];
}

export interface ProposedPhrase {
  readonly text: string;
  readonly mentions: number;
  readonly documents: number;
  readonly score: number;
}

export interface WatchlistProposal {
  readonly entities: readonly ProposedEntity[];
  readonly phrases: readonly ProposedPhrase[];
  /** The proposal as config/watchlist.yaml, with counts in comments, for a person to edit. */
  readonly yaml: string;
}

/**
 * Ordinary English words: the background against which a corpus's own vocabulary stands out.
 * They never start or end an entity, and never make a key phrase on their own.
 */
const COMMON_WORDS = new Set(
  (
    'a about above after again against all also although am an and any are as at be because been ' +
    'before being below between both but by can could did do does doing down during each either ' +
    'even ever every few first for from further had has have having he her here hers him his how ' +
    'however i if in into is it its itself just last later least less like made make many may me ' +
    'might more most much must my near never new next no nor not now of off on once one only or ' +
    'other others our out over own part per said same say says she should since so some still ' +
    'such than that the their them then there these they this those though through to too two ' +
    'under until up upon us very was we were what when where whether which while who whom whose ' +
    'why will with within without would year years yet you your according added also around ' +
    'asked became become called came come days did early end former get given go going good ' +
    'great including know known large late left long man men month months next number old open ' +
    'people place put right see seen set several show since small take taken told took under ' +
    'use used way week weeks well went whose work world monday tuesday wednesday thursday friday ' +
    'saturday sunday january february march april may june july august september october ' +
    'november december mr mrs ms dr'
  ).split(' '),
);

/** Lower-case words allowed inside a name: "Commission for the Control of INTERPOL's Files". */
const NAME_CONNECTORS = new Set(['of', 'for', 'the', 'and', 'de', 'del', 'al', 'bin', 'el', 'von']);
const MAX_NAME_WORDS = 7;
const MAX_ENTITIES = 60;
const MAX_PHRASES = 40;

interface Word {
  readonly text: string;
  readonly sentenceStart: boolean;
}

const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);
const isAcronym = (word: string) => /^\p{Lu}{2,6}$/u.test(word);

function words(text: string): Word[] {
  const found: Word[] = [];
  let sentenceStart = true;
  for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}’'-]*|[.!?;:]/gu)) {
    const token = match[0].replace(/['’]s$/u, '');
    if (/^[.!?;:]$/.test(token)) {
      sentenceStart = true;
      continue;
    }
    found.push({ text: token, sentenceStart });
    sentenceStart = false;
  }
  return found;
}

/** Runs of capitalised words, allowing connectors inside: candidate names of people and bodies. */
function capitalisedRuns(list: readonly Word[]): string[] {
  const runs: string[] = [];
  let current: Word[] = [];
  const flush = () => {
    while (current.length > 0 && !isCapitalised(current[current.length - 1]!.text)) current.pop();
    const first = current[0];
    const lonelyCommon =
      current.length === 1 && first && COMMON_WORDS.has(first.text.toLowerCase());
    if (current.length > 0 && current.length <= MAX_NAME_WORDS && !lonelyCommon) {
      // A sentence-initial common word is not part of the name ("The", "After").
      const start =
        first && first.sentenceStart && COMMON_WORDS.has(first.text.toLowerCase()) ? 1 : 0;
      const name = current.slice(start).map((word) => word.text);
      if (name.length > 0) runs.push(name.join(' '));
    }
    current = [];
  };
  for (const word of list) {
    if (isCapitalised(word.text) && !(word.sentenceStart && current.length > 0)) {
      current.push(word);
    } else if (current.length > 0 && NAME_CONNECTORS.has(word.text.toLowerCase())) {
      current.push(word);
    } else {
      flush();
      if (isCapitalised(word.text)) current.push(word);
    }
  }
  flush();
  return runs;
}

function initials(name: string): string {
  return name
    .split(' ')
    .filter((word) => !NAME_CONNECTORS.has(word.toLowerCase()))
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}

function tally(documents: readonly CorpusDocument[], extract: (text: string) => string[]) {
  const mentions = new Map<string, number>();
  const documentsWith = new Map<string, number>();
  for (const document of documents) {
    const seen = new Set<string>();
    for (const item of extract(document.text)) {
      mentions.set(item, (mentions.get(item) ?? 0) + 1);
      if (!seen.has(item)) documentsWith.set(item, (documentsWith.get(item) ?? 0) + 1);
      seen.add(item);
    }
  }
  return { mentions, documentsWith };
}

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48) || 'term';

/** A query phrase: the words only, so any punctuation in a name cannot break the query. */
const phraseQuery = (text: string) =>
  `"${words(text)
    .map((word) => word.text)
    .join(' ')}"`;

/**
 * Proposes a watchlist from a corpus of reports: the people and organisations it names
 * (capitalised word runs seen in two documents, or three times), the acronyms it uses for
 * them, and its key phrases (word pairs and words weighted by TF-IDF across the documents,
 * ordinary English words excluded). A starting point for a person to edit, not a finished
 * watchlist: it has no NOT clauses for look-alikes and no weights.
 */
export function proposeWatchlist(documents: readonly CorpusDocument[]): WatchlistProposal {
  const names = tally(documents, (text) => capitalisedRuns(words(text)));
  const acronyms = [...names.mentions.keys()].filter(isAcronym);
  const entities: ProposedEntity[] = [...names.mentions.entries()]
    .filter(
      ([name, count]) =>
        !isAcronym(name) && ((names.documentsWith.get(name) ?? 0) >= 2 || count >= 3),
    )
    .map(([name, count]) => ({
      text: name,
      mentions: count,
      documents: names.documentsWith.get(name) ?? 0,
      acronyms: name.includes(' ') ? acronyms.filter((acronym) => initials(name) === acronym) : [],
    }))
    .sort((a, b) => b.mentions - a.mentions || a.text.localeCompare(b.text))
    .slice(0, MAX_ENTITIES);
  // Acronyms standing alone (INTERPOL, OHCHR) are names too when the corpus repeats them.
  for (const acronym of acronyms) {
    const count = names.mentions.get(acronym) ?? 0;
    const used = entities.some((entity) => entity.acronyms.includes(acronym));
    if (!used && count >= 3) {
      entities.push({
        text: acronym,
        mentions: count,
        documents: names.documentsWith.get(acronym) ?? 0,
        acronyms: [],
      });
    }
  }

  const terms = tally(documents, (text) => {
    const lower = words(text).map((word) => word.text.toLowerCase());
    const found: string[] = [];
    lower.forEach((word, index) => {
      const content = !COMMON_WORDS.has(word) && /\p{L}{4,}/u.test(word);
      if (content) found.push(word);
      const next = lower[index + 1];
      if (content && next && !COMMON_WORDS.has(next) && /\p{L}{3,}/u.test(next)) {
        found.push(`${word} ${next}`);
      }
    });
    return found;
  });
  const entityWords = new Set(
    entities.flatMap((entity) =>
      [entity.text, ...entity.acronyms].flatMap((name) => name.toLowerCase().split(' ')),
    ),
  );
  const phrases: ProposedPhrase[] = [...terms.mentions.entries()]
    .filter(([term]) => !term.split(' ').every((word) => entityWords.has(word)))
    .map(([term, count]) => {
      const df = terms.documentsWith.get(term) ?? 1;
      const spread = df / documents.length;
      // Frequent across the corpus scores high, as TF-IDF would against ordinary text, where
      // these words are rare; pairs outrank single words, which are vaguer.
      const score = count * (term.includes(' ') ? 2 : 1) * Math.log(1 + documents.length * spread);
      return { text: term, mentions: count, documents: df, score };
    })
    .filter((phrase) => phrase.documents >= Math.min(2, documents.length))
    .sort((a, b) => b.score - a.score || a.text.localeCompare(b.text))
    .slice(0, MAX_PHRASES);

  return { entities, phrases, yaml: renderYaml(documents.length, entities, phrases) };
}

function renderYaml(
  documentCount: number,
  entities: readonly ProposedEntity[],
  phrases: readonly ProposedPhrase[],
): string {
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const aliased = entities.filter((entity) => entity.acronyms.length > 0);
  const usedIds = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; usedIds.has(id); n += 1) id = `${base}-${n}`;
    usedIds.add(id);
    return id;
  };
  const lines = [
    `# Proposed by \`vigil watchlist build\` from ${documentCount} document(s): a starting point.`,
    '# Group the rules into topics, add NOT clauses for look-alikes and weights, then check it',
    '# with `vigil watchlist check <file>`.',
    'aliases:',
    ...(aliased.length === 0 ? ['  {}'] : []),
    ...aliased.map(
      (entity) =>
        `  ${slug(entity.acronyms[0]!).replaceAll('-', '_')}: [${[entity.text, ...entity.acronyms].map(quote).join(', ')}]`,
    ),
    'topics:',
    ...(entities.length === 0
      ? []
      : [
          '  - id: named-in-corpus',
          '    title: People and organisations the corpus names',
          '    rules:',
        ]),
    ...entities.flatMap((entity) => [
      `      # ${entity.mentions} mentions in ${entity.documents} document(s)`,
      `      - id: ${uniqueId(`entity-${slug(entity.text)}`)}`,
      `        query: ${quote(
        entity.acronyms.length > 0
          ? `@${slug(entity.acronyms[0]!).replaceAll('-', '_')}`
          : phraseQuery(entity.text),
      )}`,
    ]),
    ...(phrases.length === 0
      ? []
      : ['  - id: key-phrases', '    title: Key phrases of the corpus', '    rules:']),
    ...phrases.flatMap((phrase) => [
      `      # ${phrase.mentions} mentions in ${phrase.documents} document(s), score ${phrase.score.toFixed(1)}`,
      `      - id: ${uniqueId(`phrase-${slug(phrase.text)}`)}`,
      `        query: ${quote(phrase.text.includes(' ') ? `"${phrase.text}"` : phrase.text)}`,
    ]),
  ];
  return `${lines.join('\n')}\n`;
}
