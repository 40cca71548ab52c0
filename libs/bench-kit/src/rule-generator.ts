import type { WatchlistDefinition } from '@app/matching';
import type { SeededRandom } from './seeded-random.js';
import type { Term, Vocabulary } from './vocabulary.js';

/** What a rule looks for, kept beside its query so the baseline can build its RegExp. */
export type Pattern =
  | { readonly kind: 'words'; readonly words: Term }
  | { readonly kind: 'prefix'; readonly prefix: string };

export type RuleShape = 'word' | 'phrase' | 'prefix' | 'and' | 'or' | 'near';

export interface GeneratedRule {
  readonly shape: RuleShape;
  readonly patterns: readonly Pattern[];
  /** For NEAR: at most this many words apart. */
  readonly distance: number;
  readonly titleOnly: boolean;
  readonly query: string;
}

/** The mix: words, phrases, prefixes, AND/OR, NEAR. */
const SHAPES: readonly (readonly [RuleShape, number])[] = [
  ['word', 0.4],
  ['phrase', 0.25],
  ['prefix', 0.15],
  ['and', 0.05],
  ['or', 0.05],
  ['near', 0.1],
];
/**
 * Share of patterns taken from words the stream contains; the rest name entities absent from
 * it, as most of a large watchlist is on any given day.
 */
const SEEN_SHARE = 0.4;
/** Real news terms are frequent; most seen patterns come from the rarer generated tail. */
const REAL_SHARE = 0.15;
const TITLE_ONLY_SHARE = 0.1;
const MIN_PREFIX = 4;
const RULES_PER_TOPIC = 10;
/** A prefix of one of these would hit nearly every item, which nobody writes on purpose. */
const FREQUENT_RANKS = 400;

export class RuleGenerator {
  private readonly seenWords: readonly Term[];
  private readonly seenPhrases: readonly Term[];
  private readonly frequentWords: readonly string[];
  /** Every word of the stream's vocabulary: a silent rule's prefix must start none of them. */
  private readonly streamWords: readonly string[];

  /**
   * @param seenShare share of patterns taken from words the stream contains; 0 gives rules
   *   that never fire, to grow a watchlist without changing what matches.
   */
  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly random: SeededRandom,
    private readonly seenShare = SEEN_SHARE,
  ) {
    const content = vocabulary.terms.slice(vocabulary.firstContentRank);
    this.seenWords = content.filter((term) => term.length === 1);
    this.seenPhrases = content.filter((term) => term.length > 1);
    this.frequentWords = vocabulary.terms
      .slice(0, FREQUENT_RANKS)
      .flat()
      .map((word) => word.toLowerCase());
    this.streamWords = [...new Set(vocabulary.terms.flat().map((word) => word.toLowerCase()))];
  }

  /**
   * Rules in topics of ten; rule ids are their index in the list (from `firstId`), which the
   * bench relies on.
   */
  watchlist(
    count: number,
    firstId = 0,
  ): { definition: WatchlistDefinition; rules: GeneratedRule[] } {
    const rules = Array.from({ length: count }, () => this.rule());
    const topics = Array.from({ length: Math.ceil(count / RULES_PER_TOPIC) }, (_, topic) => ({
      id: `topic-${(firstId + topic * RULES_PER_TOPIC) / RULES_PER_TOPIC}`,
      title: `Topic ${topic}`,
      rules: rules
        .slice(topic * RULES_PER_TOPIC, (topic + 1) * RULES_PER_TOPIC)
        .map((rule, index) => ({
          id: String(firstId + topic * RULES_PER_TOPIC + index),
          query: rule.query,
        })),
    }));
    return { definition: { topics }, rules };
  }

  private rule(): GeneratedRule {
    const shape = this.shape();
    const titleOnly =
      (shape === 'word' || shape === 'phrase' || shape === 'prefix') &&
      this.random.chance(TITLE_ONLY_SHARE);
    const patterns = this.patterns(shape);
    const distance = shape === 'near' ? this.random.int(5, 15) : 0;
    const written = patterns.map(queryText);
    let query: string;
    if (shape === 'and') query = written.join(this.random.chance(0.5) ? ' AND ' : ' ');
    else if (shape === 'or') query = written.join(' OR ');
    else if (shape === 'near') query = written.join(` NEAR/${distance} `);
    else query = written[0] ?? '';
    return { shape, patterns, distance, titleOnly, query: titleOnly ? `title:(${query})` : query };
  }

  private shape(): RuleShape {
    let draw = this.random.next();
    for (const [shape, share] of SHAPES) {
      if (draw < share) return shape;
      draw -= share;
    }
    return 'word';
  }

  private patterns(shape: RuleShape): Pattern[] {
    switch (shape) {
      case 'word':
        return [{ kind: 'words', words: this.word() }];
      case 'phrase':
        return [{ kind: 'words', words: this.phrase() }];
      case 'prefix':
        return [{ kind: 'prefix', prefix: this.prefix() }];
      case 'or':
        return Array.from({ length: this.random.int(2, 4) }, () => this.anyPattern());
      case 'and':
      case 'near':
        return this.storyPair();
    }
  }

  private word(): Term {
    if (!this.random.chance(this.seenShare)) return [this.random.pick(this.vocabulary.unseenWords)];
    if (this.random.chance(REAL_SHARE)) {
      const term = this.termAt(this.random.pick(this.vocabulary.realRanks));
      if (term.length === 1) return term;
    }
    return this.random.pick(this.seenWords);
  }

  /** Names and set phrases mostly; now and then two words that never stand side by side. */
  private phrase(): Term {
    if (!this.random.chance(this.seenShare)) {
      return this.random.chance(0.5)
        ? this.random.pick(this.vocabulary.unseenNames)
        : [this.random.pick(this.vocabulary.unseenWords), this.random.pick(this.seenWords)[0]];
    }
    return this.random.chance(0.8)
      ? this.random.pick(this.seenPhrases)
      : [this.random.pick(this.seenWords)[0], this.random.pick(this.seenWords)[0]];
  }

  private prefix(): string {
    for (;;) {
      const [word] = this.word();
      if (word.length < MIN_PREFIX + 3) continue;
      // A stem, as people write them (extradit*, sanction*): the word less its last few letters.
      const length = Math.max(MIN_PREFIX, word.length - this.random.int(1, 3));
      const prefix = word.slice(0, length).toLowerCase();
      const avoided = this.seenShare === 0 ? this.streamWords : this.frequentWords;
      if (/^[a-z]+$/.test(prefix) && !avoided.some((each) => each.startsWith(prefix))) {
        return prefix;
      }
    }
  }

  private anyPattern(): Pattern {
    const draw = this.random.next();
    if (draw < 0.6) return { kind: 'words', words: this.word() };
    if (draw < 0.85) return { kind: 'words', words: this.phrase() };
    return { kind: 'prefix', prefix: this.prefix() };
  }

  /** Two terms of one story, which do turn up in the same items, or names absent from all. */
  private storyPair(): Pattern[] {
    if (!this.random.chance(this.seenShare)) {
      return [
        { kind: 'words', words: this.word() },
        { kind: 'words', words: [this.random.pick(this.vocabulary.unseenWords)] },
      ];
    }
    const topic = this.random.pick(this.vocabulary.topics);
    const first = this.random.pick(topic);
    let second = this.random.pick(topic);
    while (second === first) second = this.random.pick(topic);
    return [first, second].map((rank) => ({ kind: 'words', words: this.termAt(rank) }));
  }

  private termAt(rank: number): Term {
    const term = this.vocabulary.terms[rank];
    if (!term) throw new RangeError(`no term at rank ${rank}`);
    return term;
  }
}

function queryText(pattern: Pattern): string {
  if (pattern.kind === 'prefix') return `${pattern.prefix}*`;
  return pattern.words.length === 1 ? pattern.words[0] : `"${pattern.words.join(' ')}"`;
}
