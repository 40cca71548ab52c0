import { describe, expect, it } from '@jest/globals';
import type { MatchInput } from './matcher.js';
import type { QueryField, QueryNode } from './query.ast.js';
import { parseQuery } from './query.parser.js';
import { type NormalisedToken, normalise } from './text.normaliser.js';
import { type WatchlistDefinition, compileWatchlist } from './watchlist.compiler.js';

/**
 * The compiled matcher (dictionary, phrase trie, prefix map, inverted index, only the rules
 * whose words occurred evaluated) must agree with the plainest reading of the semantics: the
 * AST evaluated directly over every token of every field, for every rule.
 */

type Random = () => number;

/** mulberry32: a seeded generator, so that a failure replays. */
function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
};
const count = (random: Random, low: number, high: number) =>
  low + Math.floor(random() * (high - low + 1));

const VOCABULARY = [
  'red',
  'notice',
  'interpol',
  'interpolation',
  'hu',
  'bin',
  'chen',
  'binchen',
  'uyghur',
  'dissident',
  'dissidents',
  'lyon',
  'icpo',
  'ürümqi',
];
/** Drawn most of the time, so that phrases, compounds and NEAR find each other often. */
const FREQUENT = ['red', 'hu', 'bin', 'chen', 'binchen'];
const ALIASES = { org: ['Interpol', 'ICPO', 'red notice'], people: ['Hu Bin-chen', 'Uyghur'] };
const word = (random: Random) => pick(random, random() < 0.7 ? FREQUENT : VOCABULARY);
const SEPARATORS = [' ', ' ', ' ', ', ', '-', '-', ' — ', '’s ', '. ', "'s "];

function spelling(random: Random, plain: string): string {
  const roll = random();
  if (roll < 0.2) return plain.toUpperCase();
  if (roll < 0.4) return plain.charAt(0).toUpperCase() + plain.slice(1);
  return plain;
}

function text(random: Random, words: number): string {
  let result = '';
  for (let index = 0; index < words; index++) {
    if (index > 0) result += pick(random, SEPARATORS);
    result += spelling(random, word(random));
  }
  return result;
}

function query(random: Random, depth: number): string {
  const leaf = () => {
    const roll = random();
    if (roll < 0.4) return spelling(random, word(random));
    if (roll < 0.6) {
      const words = Array.from({ length: count(random, 2, 3) }, () => word(random));
      const separated = words.map(
        (each, index) => (index > 0 ? pick(random, [' ', '-']) : '') + each,
      );
      return `"${separated.join('')}"`;
    }
    if (roll < 0.8) {
      const long = pick(
        random,
        VOCABULARY.filter((each) => each.length >= 3),
      );
      return `${long.slice(0, count(random, 3, long.length))}*`;
    }
    return pick(random, ['@org', '@people']);
  };
  if (depth === 0 || random() < 0.3) return leaf();
  const a = () => query(random, depth - 1);
  switch (pick(random, ['and', 'or', 'juxtaposed', 'not', 'near', 'title', 'summary', 'group'])) {
    case 'and':
      return `${a()} AND ${a()}`;
    case 'or':
      return `${a()} OR ${a()}`;
    case 'juxtaposed':
      return `${a()} ${a()}`;
    case 'not':
      return `${a()} NOT ${a()}`;
    case 'near':
      return `${a()} NEAR/${count(random, 1, 5)} ${a()}`;
    case 'title':
      return `title:(${a()})`;
    case 'summary':
      return `summary:(${a()})`;
    default:
      return `(${a()})`;
  }
}

interface Segment {
  readonly field: QueryField;
  readonly category: number;
  readonly tokens: readonly NormalisedToken[];
}

interface Hit {
  readonly segment: number;
  readonly first: number;
  readonly last: number;
  readonly start: number;
  readonly end: number;
}

/** Every occurrence of a word sequence, each next word starting where the previous ends. */
function sequenceHits(words: readonly string[], segments: readonly Segment[]): Hit[] {
  const hits: Hit[] = [];
  segments.forEach(({ tokens }, segment) => {
    const extend = (from: NormalisedToken, next: number, to: NormalisedToken) => {
      if (next === words.length) {
        hits.push({
          segment,
          first: from.position,
          last: to.position + to.span - 1,
          start: from.start,
          end: to.end,
        });
        return;
      }
      for (const token of tokens) {
        if (token.position === to.position + to.span && token.text === words[next]) {
          extend(from, next + 1, token);
        }
      }
    };
    for (const token of tokens) if (token.text === words[0]) extend(token, 1, token);
  });
  return hits;
}

function reference(
  node: QueryNode,
  segments: readonly Segment[],
  scope: ReadonlySet<QueryField>,
): Hit[] | null {
  const inScope = (hits: Hit[]) => {
    const kept = hits.filter((hit) => scope.has(segments[hit.segment]?.field ?? 'title'));
    return kept.length > 0 ? kept : null;
  };
  switch (node.kind) {
    case 'term':
      return inScope(sequenceHits([node.word], segments));
    case 'phrase':
      return inScope([
        ...sequenceHits(node.words.flat(), segments),
        ...sequenceHits(
          node.words.map((parts) => parts.join('')),
          segments,
        ),
      ]);
    case 'prefix':
      return inScope(
        segments.flatMap(({ tokens }, segment) =>
          tokens
            .filter((token) => token.text.startsWith(node.prefix))
            .map((token) => ({
              segment,
              first: token.position,
              last: token.position + token.span - 1,
              start: token.start,
              end: token.end,
            })),
        ),
      );
    case 'alias': {
      const entries = ALIASES[node.name as keyof typeof ALIASES];
      const hits = entries.flatMap((entry) => {
        const parsed = parseQuery(`"${entry}"`);
        return parsed.ok ? (reference(parsed.ast, segments, scope) ?? []) : [];
      });
      return hits.length > 0 ? hits : null;
    }
    case 'and': {
      const all = node.children.map((child) => reference(child, segments, scope));
      return all.every((hits) => hits !== null) ? all.flatMap((hits) => hits ?? []) : null;
    }
    case 'or': {
      const all = node.children.map((child) => reference(child, segments, scope));
      return all.some((hits) => hits !== null) ? all.flatMap((hits) => hits ?? []) : null;
    }
    case 'not':
      return reference(node.child, segments, scope) === null ? [] : null;
    case 'field':
      return reference(
        node.child,
        segments,
        new Set([...scope].filter((field) => field === node.field)),
      );
    case 'near': {
      const left = reference(node.left, segments, scope) ?? [];
      const right = reference(node.right, segments, scope) ?? [];
      const near = (a: Hit, b: Hit) =>
        a.segment === b.segment && Math.max(b.first - a.last, a.first - b.last) <= node.distance;
      const hits = [
        ...left.filter((a) => right.some((b) => near(a, b))),
        ...right.filter((b) => left.some((a) => near(a, b))),
      ];
      return hits.length > 0 ? hits : null;
    }
  }
}

const describeHit = (segments: readonly Segment[], hit: Hit) => {
  const segment = segments[hit.segment];
  return `${segment?.field}#${segment?.category}:${hit.start}-${hit.end}`;
};

function randomTopics(random: Random): WatchlistDefinition['topics'] {
  return Array.from({ length: count(random, 1, 3) }, (_, topicIndex) => ({
    id: `t${topicIndex}`,
    title: `Topic ${topicIndex}`,
    rules: Array.from({ length: count(random, 1, 4) }, (_, ruleIndex) => ({
      id: `r${ruleIndex}`,
      query: query(random, 3),
    })).filter((rule) => parseQuery(rule.query).ok),
  }));
}

/** Checks the matcher against the reference on one item; returns how many rules matched. */
function expectAgreement(topics: WatchlistDefinition['topics'], input: MatchInput): number {
  const compiled = compileWatchlist({ aliases: ALIASES, topics });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const segments: Segment[] = [
    { field: 'title', category: -1, tokens: normalise(input.title).tokens },
    { field: 'summary', category: -1, tokens: normalise(input.summary).tokens },
    ...input.categories.map((category, index) => ({
      field: 'categories' as const,
      category: index,
      tokens: normalise(category).tokens,
    })),
  ];
  const expected: string[] = [];
  for (const topic of topics) {
    for (const rule of topic.rules) {
      const parsed = parseQuery(rule.query);
      const hits = parsed.ok
        ? reference(parsed.ast, segments, new Set(['title', 'summary', 'categories']))
        : null;
      if (hits === null) continue;
      const terms = [...new Set(hits.map((hit) => describeHit(segments, hit)))].sort();
      expected.push(`${topic.id}/${rule.id} ${terms.join(' ')}`);
    }
  }
  const actual = compiled.matcher.match(input).matches.map((match) => {
    const terms = match.terms.map((term) =>
      term.field === 'categories'
        ? `categories#${term.category}:${term.start}-${term.end}`
        : `${term.field}#-1:${term.start}-${term.end}`,
    );
    return `${match.topic}/${match.rule} ${terms.sort().join(' ')}`;
  });
  const context = { rules: topics, input };
  expect({ ...context, matches: actual }).toEqual({ ...context, matches: expected });
  return actual.length;
}

describe('Matcher against a direct evaluation of the AST', () => {
  it('agrees on random rule sets and items', () => {
    const random = seeded(20261122);
    let matched = 0;
    let unmatched = 0;
    for (let round = 0; round < 400; round++) {
      const topics = randomTopics(random);
      const rules = topics.reduce((sum, topic) => sum + topic.rules.length, 0);
      for (let itemIndex = 0; itemIndex < 5; itemIndex++) {
        const found = expectAgreement(topics, {
          title: text(random, count(random, 0, 8)),
          summary: text(random, count(random, 0, 25)),
          categories: Array.from({ length: count(random, 0, 2) }, () =>
            text(random, count(random, 1, 2)),
          ),
        });
        matched += found;
        unmatched += rules - found;
      }
    }
    // Both outcomes must be common, or the agreement would prove little.
    expect(matched).toBeGreaterThan(500);
    expect(unmatched).toBeGreaterThan(500);
  });

  it('agrees on long items, past the initial sizes of its reused buffers', () => {
    const random = seeded(20261123);
    for (let round = 0; round < 20; round++) {
      expectAgreement(randomTopics(random), {
        title: text(random, count(random, 100, 300)),
        summary: text(random, count(random, 400, 700)),
        categories: Array.from({ length: count(random, 3, 12) }, () =>
          text(random, count(random, 1, 3)),
        ),
      });
    }
  });
});
