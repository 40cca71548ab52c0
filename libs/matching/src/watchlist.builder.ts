import { nlp } from './compromise.loader.js';
import {
  documentNames,
  isInstitutionWord,
  isOrdinaryWord,
  type DocumentNames,
  type NameKind,
  type NameMention,
} from './corpus-names.js';
import type { Matcher } from './matcher.js';
import { normalise } from './text.normaliser.js';
import { nameKey, nameVariants, shortFormContext } from './name-variants.js';
import { compileWatchlist, type WatchlistDefinition } from './watchlist.compiler.js';
import { WatchlistCoverage } from './watchlist.coverage.js';

export interface CorpusDocument {
  readonly name: string;
  readonly text: string;
}

export interface ProposedEntity {
  /** The fullest form the corpus writes: "Ahmed Nasser al-Raisi". */
  readonly name: string;
  readonly kind: NameKind;
  /** Forms that name it alone: spellings seen, acronyms, transliterations, without middle names. */
  readonly variants: readonly string[];
  /** Forms that name it only beside `anchors`: a surname, a generic body, a common-word operation. */
  readonly contextual: readonly string[];
  /** What the corpus writes near it: its owner, the bodies and places of its paragraphs. */
  readonly anchors: readonly string[];
  /** Paragraphs that name it, in how many documents. */
  readonly mentions: number;
  readonly documents: number;
  /** The reference watchlist's topics its paragraphs match; empty when none did. */
  readonly topics: readonly string[];
  /** The query of its rule, valid with the proposal's aliases. */
  readonly query: string;
  /** Its alias in the proposal. */
  readonly alias: string;
}

export interface ProposedPhrase {
  readonly text: string;
  readonly mentions: number;
  readonly documents: number;
}

export interface WatchlistProposal {
  readonly entities: readonly ProposedEntity[];
  readonly phrases: readonly ProposedPhrase[];
  /** The proposal as config/watchlist.yaml, with counts in comments, for a person to edit. */
  readonly yaml: string;
}

export interface ProposalOptions {
  /**
   * The watchlist in force: its topics group the proposal (a name goes to the topics its
   * paragraphs match), its look-alike exclusions are carried over, and the proposal says which
   * names it already covers.
   */
  readonly reference?: WatchlistDefinition;
  /** Called after each document is read, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Topic of names whose paragraphs match no topic of the reference (or when there is none). */
const UNPLACED_TOPIC = { id: 'unplaced', title: 'Named in the corpus, topic to choose' };
const MAX_PHRASES = 20;
/** Rules that only name someone support a topic; rules that describe an event carry it. */
const NAME_RULE_WEIGHT = 0.5;
const KIND_RANK: Record<NameKind | 'name' | 'short', number> = {
  operation: 4,
  organisation: 3,
  person: 2,
  name: 1,
  short: 0,
};

interface Occurrence {
  readonly document: number;
  readonly mention: NameMention;
}

interface Group {
  kind: NameKind | 'name' | 'short';
  readonly forms: Map<string, number>;
  readonly acronyms: Set<string>;
  readonly owners: Map<string, number>;
  readonly shortForms: Set<string>;
  readonly affiliations: Map<string, number>;
}

const increment = (map: Map<string, number>, text: string, by = 1) =>
  map.set(text, (map.get(text) ?? 0) + by);
const mostFrequent = (map: ReadonlyMap<string, number>) =>
  [...map.entries()].sort(
    (a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]),
  )[0]?.[0];
/** Last and first words of a person's name, without "al-": the forms a surname takes. */
const nameEnds = (text: string) => {
  const words = nameKey(text)
    .split(' ')
    .filter((word) => !['al', 'el', 'bin', 'de', 'von', 'van'].includes(word));
  return [words[0], words.at(-1)].filter((word): word is string => word !== undefined);
};

/**
 * Proposes a watchlist from a corpus of reports, as an analyst would after reading it: every
 * person, organisation and operation the reports name (compromise tags the words; see
 * corpus-names.ts), each with its spellings, acronyms, transliterations and short forms,
 * grouped into the reference watchlist's topics by what their paragraphs match. Ambiguous
 * short forms ("Hu", "Executive Committee", "Fox Hunt") need their context NEAR them; the
 * reference's exclusions of look-alikes are kept as NOT. Key phrases are listed for the
 * analyst, not made into rules. Deterministic: the same corpus gives the same proposal.
 */
export function proposeWatchlist(
  documents: readonly CorpusDocument[],
  options: ProposalOptions = {},
): WatchlistProposal {
  const read: DocumentNames[] = [];
  for (const document of documents) {
    read.push(documentNames(document.text));
    options.onProgress?.(read.length, documents.length);
  }
  const lowerCaseWords = new Set(
    documents.flatMap(
      (document) => document.text.match(/(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}-]*/gu) ?? [],
    ),
  );
  const ordinary = (word: string) =>
    lowerCaseWords.has(word.toLowerCase()) || isOrdinaryWord(word) || isInstitutionWord(word);
  const groups = groupNames(namesOutsideTitleCase(read));
  const reference = options.reference;
  const coverage = reference ? WatchlistCoverage.of(reference) : undefined;
  const referenceMatcher = reference ? compileReference(reference) : undefined;
  const usedAliases = new Set<string>();
  const drafts = groups.map((group) => {
    const name = canonicalName(group);
    const variants = nameVariants(
      group.kind as NameKind,
      name,
      [...group.forms.keys()],
      [...group.acronyms],
    );
    const short = shortFormContext(
      group.kind as NameKind,
      name,
      variants,
      group.shortForms,
      group.owners,
      ordinary,
    );
    let alias = slugAlias(name);
    for (let n = 2; usedAliases.has(alias); n += 1) alias = `${slugAlias(name)}_${n}`;
    usedAliases.add(alias);
    return { group, name, alias, ...short, variants: short.variants };
  });
  const located = locate(drafts, read);
  const entities: ProposedEntity[] = drafts
    .map((draft, index) => {
      const where = located[index]!;
      const anchors = anchorsOf(draft, where.paragraphs, drafts, located, read);
      const topics = referenceMatcher
        ? topicsOf(
            where.paragraphs.map(([document, paragraph]) => read[document]!.paragraphs[paragraph]!),
            referenceMatcher,
          )
        : [];
      return {
        name: draft.name,
        kind: draft.group.kind as NameKind,
        variants: draft.variants,
        contextual: draft.contextual,
        anchors,
        mentions: where.paragraphs.length,
        documents: new Set(where.paragraphs.map(([document]) => document)).size,
        topics,
        alias: draft.alias,
        query: '',
      };
    })
    .filter((entity) => entity.mentions > 0)
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name))
    .map((entity, _, all) => {
      // Named where no topic matched ("said Peter Dahlin"): the topics of the organisation the
      // person speaks for (his group), else of the bodies named with it, else the topic its
      // documents match most.
      if (entity.topics.length > 0 || !referenceMatcher) return entity;
      const draft = drafts.find((candidate) => candidate.alias === entity.alias)!;
      const affiliated = [...draft.group.affiliations.keys()].flatMap((body) =>
        all.filter(
          (other) =>
            other.variants.some((variant) => nameKey(variant) === nameKey(body)) ||
            nameKey(other.name) === nameKey(body),
        ),
      );
      const anchored = entity.anchors.flatMap((anchor) =>
        all.filter((other) => `@${other.alias}` === anchor),
      );
      const topics =
        [...affiliated, ...anchored]
          .map((other) => other.topics)
          .find((found) => found.length > 0) ??
        documentTopic(located[drafts.indexOf(draft)]!, documents, referenceMatcher);
      return { ...entity, topics };
    })
    .map((entity, _, all) => ({ ...entity, query: ruleQuery(entity, all, coverage) }));
  const phrases = keyPhrases(documents, entities, ordinary);
  return {
    entities,
    phrases,
    yaml: renderYaml(documents.length, entities, phrases, reference, coverage),
  };
}

/**
 * Every mention, but those of Title Case headlines only when the corpus also writes the name
 * in a sentence, where its capitals mean something.
 */
function namesOutsideTitleCase(read: readonly DocumentNames[]): Occurrence[] {
  const occurrences = read.flatMap((names, document) =>
    names.mentions.map((mention) => ({ document, mention })),
  );
  const inSentences = new Set(
    occurrences
      .filter(({ mention }) => !mention.inTitleCase)
      .map(({ mention }) => nameKey(mention.text)),
  );
  return occurrences.filter(
    ({ mention }) => !mention.inTitleCase || inSentences.has(nameKey(mention.text)),
  );
}

/**
 * Mentions of one name, merged: a body with its acronym and hyphenated partner ("ICPO-Interpol"),
 * a person with the surname used alone, spellings of one name ("Naser"/"Nasser").
 */
function groupNames(occurrences: readonly Occurrence[]): Group[] {
  const byKey = new Map<string, Group>();
  const byAcronym = new Map<string, Group>();
  const ensure = (text: string) => {
    const found = byKey.get(nameKey(text));
    if (found) return found;
    const group: Group = {
      kind: 'name',
      forms: new Map(),
      acronyms: new Set(),
      owners: new Map(),
      shortForms: new Set(),
      affiliations: new Map(),
    };
    byKey.set(nameKey(text), group);
    return group;
  };
  // Names the text writes whole come first, so "Communist Party" after "Chinese" finds the
  // Chinese Communist Party.
  const full = occurrences
    .filter(({ mention }) => mention.kind !== 'short' && !isAcronymText(mention.text))
    .sort((a, b) => Number(a.mention.owner !== undefined) - Number(b.mention.owner !== undefined));
  for (const { mention } of full) {
    const qualified = mention.owner
      ? byKey.get(nameKey(`${mention.owner} ${mention.text}`))
      : undefined;
    const group =
      (mention.acronym && byAcronym.get(mention.acronym)) || qualified || ensure(mention.text);
    const form = qualified ? `${mention.owner} ${mention.text}` : mention.text;
    byKey.set(nameKey(form), group);
    increment(group.forms, form);
    if (mention.written) increment(group.forms, mention.written);
    if (KIND_RANK[mention.kind] > KIND_RANK[group.kind]) group.kind = mention.kind;
    if (mention.owner && !qualified) increment(group.owners, mention.owner);
    if (mention.affiliation) increment(group.affiliations, mention.affiliation);
    for (const acronym of [mention.acronym, mention.joinedWith]) {
      if (!acronym) continue;
      group.acronyms.add(acronym);
      byAcronym.set(acronym, group);
    }
  }
  const merged = mergeSpellings([...new Set(byKey.values())]);
  // Acronyms and single words: an acronym the corpus defined, else a surname or the last word of
  // a longer name ("Defenders"), else a body of its own when the tagger calls it one (INTERPOL).
  for (const { mention } of occurrences) {
    if (mention.kind !== 'short' && !isAcronymText(mention.text)) continue;
    const acronymGroup = byAcronym.get(mention.text);
    if (acronymGroup) continue;
    const word = nameKey(mention.text);
    const owners = merged.filter((group) =>
      group.kind === 'person'
        ? [...group.forms.keys()].some((form) => nameEnds(form).includes(word))
        : [...group.forms.keys()].some(
            (form) => nameKey(form).split(' ').at(-1) === word && nameKey(form).includes(' '),
          ),
    );
    if (owners.length === 1) owners[0]!.shortForms.add(mention.text.replace(/['’]s$/u, ''));
    else if (owners.length === 0 && mention.kind === 'organisation') {
      const group = byKey.get(word) ?? ensure(mention.text);
      group.kind = 'organisation';
      increment(group.forms, mention.text);
      if (!merged.includes(group)) merged.push(group);
    }
  }
  return merged.filter((group) => {
    if (group.kind === 'name' || group.kind === 'short') return false;
    // A single word (INTERPOL) is a name when repeated or defined; once, it may be a stray word.
    const total = [...group.forms.values()].reduce((sum, count) => sum + count, 0);
    return (
      group.kind === 'operation' ||
      [...group.forms.keys()].some((form) => form.includes(' ')) ||
      total >= 2 ||
      group.acronyms.size > 0
    );
  });
}

const isAcronymText = (text: string) => /^\p{Lu}[\p{Lu}\d]{1,7}$/u.test(text);

/** Two people with the same first and last names ("Ahmed Nasser al-Raisi", "Ahmed Naser Al-Raisi"). */
function mergeSpellings(groups: Group[]): Group[] {
  const result: Group[] = [];
  for (const group of groups) {
    const same =
      group.kind === 'person'
        ? result.find(
            (other) =>
              other.kind === 'person' &&
              [...other.forms.keys()].some((a) =>
                [...group.forms.keys()].some(
                  (b) => nameEnds(a).join(' ') === nameEnds(b).join(' '),
                ),
              ),
          )
        : undefined;
    if (!same) {
      result.push(group);
      continue;
    }
    for (const [form, count] of group.forms)
      same.forms.set(form, (same.forms.get(form) ?? 0) + count);
    for (const [owner, count] of group.owners)
      same.owners.set(owner, (same.owners.get(owner) ?? 0) + count);
    for (const [body, count] of group.affiliations) increment(same.affiliations, body, count);
  }
  return result;
}

function canonicalName(group: Group): string {
  const forms = [...group.forms.keys()].filter((form) => !isAcronymText(form));
  const longest =
    group.kind === 'person'
      ? forms.sort(
          (a, b) =>
            b.split(' ').length - a.split(' ').length ||
            (group.forms.get(b) ?? 0) - (group.forms.get(a) ?? 0) ||
            a.localeCompare(b),
        )[0]
      : mostFrequent(new Map(forms.map((form) => [form, group.forms.get(form) ?? 0])));
  return longest ?? [...group.acronyms][0] ?? mostFrequent(group.forms) ?? '';
}

/** An alias name: the name's words as the matcher folds them ("Akhanlı" is akhanli), ASCII only. */
const slugAlias = (text: string) =>
  normalise(text)
    .tokens.filter((token) => token.span === 1)
    .map((token) => token.text.replace(/ı/gu, 'i').replace(/[^a-z0-9]/g, ''))
    .filter((word) => word.length > 0)
    .join('_')
    .slice(0, 48) || 'name';

/** The paragraphs that name each draft, found with the matcher, so lower case counts too. */
function locate(
  drafts: readonly { alias: string; variants: readonly string[]; contextual: readonly string[] }[],
  read: readonly DocumentNames[],
): { paragraphs: [number, number][] }[] {
  const rules = drafts.flatMap((draft, index) => {
    const forms = [...draft.variants, ...draft.contextual]
      .map(phrase)
      .filter((form) => form !== '""');
    return forms.length === 0 ? [] : [{ id: `name-${index}`, query: forms.join(' OR ') }];
  });
  // A name the query language cannot hold is left out, not the whole corpus with it.
  const first = compileWatchlist({ topics: [{ id: 'names', title: 'names', rules }] });
  const refused = new Set(first.ok ? [] : first.errors.map((error) => error.rule));
  const compiled = first.ok
    ? first
    : compileWatchlist({
        topics: [
          { id: 'names', title: 'names', rules: rules.filter((rule) => !refused.has(rule.id)) },
        ],
      });
  const found = drafts.map(() => ({ paragraphs: [] as [number, number][] }));
  if (!compiled.ok) return found;
  read.forEach((names, document) =>
    names.paragraphs.forEach((text, paragraph) => {
      for (const match of compiled.matcher.match({ title: '', summary: text, categories: [] })
        .matches) {
        found[Number(match.rule.slice('name-'.length))]?.paragraphs.push([document, paragraph]);
      }
    }),
  );
  return found;
}

/** A query phrase of the words only: punctuation in a name cannot break the query. */
const phrase = (text: string) =>
  `"${text
    .replace(/[^\p{L}\p{N}\s'’-]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()}"`;

/**
 * What the corpus writes close to a name, for the NEAR of its ambiguous forms: its owner
 * ("INTERPOL" for the Executive Committee), then the bodies and places that share its
 * paragraphs most often.
 */
function anchorsOf(
  draft: { group: Group; alias: string },
  paragraphs: readonly [number, number][],
  drafts: readonly { group: Group; alias: string; name: string }[],
  located: readonly { paragraphs: [number, number][] }[],
  read: readonly DocumentNames[],
): string[] {
  const counts = new Map<string, number>();
  const here = new Set(paragraphs.map(([document, paragraph]) => `${document}:${paragraph}`));
  drafts.forEach((other, index) => {
    if (other === draft || other.group.kind !== 'organisation') return;
    const shared = located[index]!.paragraphs.filter(([d, p]) => here.has(`${d}:${p}`)).length;
    const owned = [...draft.group.owners.keys()].some((owner) =>
      [...other.group.forms.keys(), ...other.group.acronyms].some(
        (form) => nameKey(form) === nameKey(owner),
      ),
    );
    // Bodies outrank places: "Hu" near INTERPOL, not near China (Hu Jintao).
    if (shared > 0 || owned) counts.set(`@${other.alias}`, shared * 10 + (owned ? 1000 : 0));
  });
  for (const owner of draft.group.owners.keys()) {
    if (![...counts.values()].some((count) => count >= 1000)) counts.set(phrase(owner), 500);
  }
  if (draft.group.kind !== 'person') {
    read.forEach((names, document) =>
      names.places.forEach((place) => {
        if (here.has(`${document}:${place.paragraph}`)) increment(counts, phrase(place.text));
      }),
    );
  }
  // Ties go to the more specific body: Peter Dahlin's group before INTERPOL.
  const named = (anchor: string) =>
    located[drafts.findIndex((other) => `@${other.alias}` === anchor)]?.paragraphs.length ?? 0;
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || named(a[0]) - named(b[0]) || a[0].localeCompare(b[0]))
    .slice(0, 4)
    .map(([anchor]) => anchor);
}

function compileReference(reference: WatchlistDefinition): Matcher | undefined {
  const compiled = compileWatchlist(reference);
  return compiled.ok ? compiled.matcher : undefined;
}

/**
 * The reference topics an entity belongs to: those matched by at least half as many of the
 * paragraphs naming it as the topic matched most (INTERPOL is named in paragraphs of every
 * topic, but mostly in leadership ones).
 */
function topicsOf(paragraphs: readonly string[], matcher: Matcher): string[] {
  const counts = new Map<string, number>();
  for (const text of paragraphs) {
    for (const topic of Object.keys(
      matcher.match({ title: '', summary: text, categories: [] }).scores,
    )) {
      increment(counts, topic);
    }
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = ranked[0]?.[1] ?? 0;
  return ranked.filter(([, count]) => count * 2 >= top).map(([topic]) => topic);
}

/** The topic with the highest score over the documents that name an entity. */
function documentTopic(
  where: { paragraphs: [number, number][] },
  documents: readonly CorpusDocument[],
  matcher: Matcher,
): string[] {
  const scores = new Map<string, number>();
  for (const document of new Set(where.paragraphs.map(([index]) => index))) {
    const text = documents[document]!.text;
    for (const [topic, score] of Object.entries(
      matcher.match({ title: '', summary: text, categories: [] }).scores,
    )) {
      scores.set(topic, (scores.get(topic) ?? 0) + score);
    }
  }
  const best = [...scores.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return best ? [best[0]] : [];
}

/**
 * `@alias OR (short NEAR/n (anchors))`, and NOT the look-alikes the reference excludes from
 * rules about the same names ("Fox Hunt" keeps out hounds and riders).
 */
function ruleQuery(
  entity: Omit<ProposedEntity, 'query'>,
  all: readonly Omit<ProposedEntity, 'query'>[],
  coverage: WatchlistCoverage | undefined,
): string {
  const anchors = entity.anchors.filter(
    (anchor) => all.some((other) => `@${other.alias}` === anchor) || !anchor.startsWith('@'),
  );
  const distance = entity.kind === 'operation' ? 15 : entity.kind === 'person' ? 10 : 6;
  const contextual =
    entity.contextual.length > 0 && anchors.length > 0
      ? [
          `((${entity.contextual.map(phrase).join(' OR ')}) NEAR/${distance} (${anchors.join(' OR ')}))`,
        ]
      : [];
  const positive = [...(entity.variants.length > 0 ? [`@${entity.alias}`] : []), ...contextual];
  const exclusions = coverage
    ? coverage.exclusionsFor([entity.name, ...entity.variants, ...entity.contextual])
    : [];
  const query = positive.length > 1 ? positive.join(' OR ') : (positive[0] ?? `@${entity.alias}`);
  return exclusions.length === 0
    ? query
    : `(${query}) ${exclusions.map((clause) => `NOT ${clause}`).join(' ')}`;
}

/**
 * Pairs of adjacent ordinary words inside the noun phrases compromise finds ("red notice",
 * "extradition treaties"), that several documents use; names, dates and numbers left out.
 */
function keyPhrases(
  documents: readonly CorpusDocument[],
  entities: readonly Omit<ProposedEntity, 'query'>[],
  ordinary: (word: string) => boolean,
): ProposedPhrase[] {
  const nameWords = new Set(
    entities.flatMap((entity) =>
      [entity.name, ...entity.variants, ...entity.contextual].flatMap((text) =>
        nameKey(text).split(' '),
      ),
    ),
  );
  const skipped = [
    'Date',
    'Value',
    'Pronoun',
    'Determiner',
    'Preposition',
    'Conjunction',
    'Possessive',
    'ProperNoun',
  ];
  const mentions = new Map<string, number>();
  const documentsWith = new Map<string, number>();
  for (const document of documents) {
    const seen = new Set<string>();
    const nounPhrases = nlp(document.text).nouns().json() as {
      terms: { normal: string; tags: string[] }[];
    }[];
    for (const nounPhrase of nounPhrases) {
      const words = nounPhrase.terms.map((term) =>
        skipped.some((tag) => term.tags.includes(tag)) ? '' : nameKey(term.normal),
      );
      words.forEach((word, at) => {
        const next = words[at + 1];
        if (!word || !next || word.includes(' ') || next.includes(' ')) return;
        if (nameWords.has(word) || nameWords.has(next) || !ordinary(word) || !ordinary(next))
          return;
        const pair = `${word} ${next}`;
        increment(mentions, pair);
        if (!seen.has(pair)) increment(documentsWith, pair);
        seen.add(pair);
      });
    }
  }
  return [...mentions.entries()]
    .map(([text, count]) => ({ text, mentions: count, documents: documentsWith.get(text) ?? 0 }))
    .filter((phrase) => phrase.documents >= Math.min(2, documents.length))
    .sort(
      (a, b) =>
        b.documents - a.documents || b.mentions - a.mentions || a.text.localeCompare(b.text),
    )
    .slice(0, MAX_PHRASES);
}

function renderYaml(
  documentCount: number,
  entities: readonly ProposedEntity[],
  phrases: readonly ProposedPhrase[],
  reference: WatchlistDefinition | undefined,
  coverage: WatchlistCoverage | undefined,
): string {
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const referenceTopics = reference?.topics ?? [];
  const topicIds = [...referenceTopics.map((topic) => topic.id), UNPLACED_TOPIC.id];
  const titleOf = (id: string) =>
    referenceTopics.find((topic) => topic.id === id)?.title ?? UNPLACED_TOPIC.title;
  const copied = new Map<string, readonly string[]>();
  for (const entity of entities) {
    for (const name of entity.query.matchAll(/@([a-z0-9_-]+)/g)) {
      const referenced = reference?.aliases?.[name[1]!];
      if (referenced && !entities.some((other) => other.alias === name[1]))
        copied.set(name[1]!, referenced);
    }
  }
  const lines = [
    `# Proposed by \`vigil watchlist build\` from ${documentCount} document(s): a starting point.`,
    '# Each name is an alias; its rule adds the short forms it needs context for (NEAR) and the',
    '# look-alikes the watchlist in force keeps out (NOT). Review, merge into your watchlist,',
    '# then check it with `vigil watchlist check <file>`.',
    'aliases:',
    ...(entities.length === 0 && copied.size === 0 ? ['  {}'] : []),
    ...entities
      .filter((entity) => entity.variants.length > 0)
      .map((entity) => `  ${entity.alias}: [${entity.variants.map(quote).join(', ')}]`),
    ...[...copied.entries()].map(
      ([name, entries]) =>
        `  ${name}: [${entries.map(quote).join(', ')}] # from the watchlist in force`,
    ),
    'topics:',
  ];
  for (const id of topicIds) {
    const members = entities.filter((entity) =>
      entity.topics.length === 0 ? id === UNPLACED_TOPIC.id : entity.topics.includes(id),
    );
    if (members.length === 0) continue;
    lines.push(`  - id: ${id}`, `    title: ${quote(titleOf(id))}`, '    rules:');
    for (const entity of members) {
      const covered =
        coverage && id !== UNPLACED_TOPIC.id
          ? coverage.covers(id, entity.name)
            ? '; the watchlist in force names it here'
            : '; new to this topic'
          : '';
      lines.push(
        `      # ${entity.name} (${entity.kind}): ${entity.mentions} paragraph(s) in ${entity.documents} document(s)${covered}`,
        `      - id: ${entity.alias.replaceAll('_', '-').slice(0, 64)}`,
        `        query: ${quote(entity.query)}`,
        `        weight: ${NAME_RULE_WEIGHT}`,
      );
    }
  }
  if (phrases.length > 0) {
    lines.push('# Key phrases the documents share (not rules: alone they would match too much):');
    for (const phrase of phrases) {
      lines.push(
        `#   "${phrase.text}": ${phrase.mentions} mention(s) in ${phrase.documents} document(s)`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
