import { FUNCTION_WORDS, NEWS_PHRASES, NEWS_WORDS } from './news-words.js';
import type { SeededRandom } from './seeded-random.js';

const ONSETS = 'b c d f g h k l m n p r s t v z br cr dr gr pr st tr sh ch th pl cl fl sk'.split(
  ' ',
);
const VOWELS = 'a e i o u a e o ai ea ou io'.split(' ');
/** Open syllables about half the time, so the words stay pronounceable. */
const CODAS = ['', '', '', '', '', '', '', '', 'n', 'r', 'l', 's', 't', 'm', 'nd', 'rk', 'st'];

const PSEUDO_WORDS = 3_000;
const PSEUDO_SURNAMES = 600;
const PSEUDO_FIRST_NAMES = 150;
const PSEUDO_FULL_NAMES = 500;
/**
 * Words and names no item contains: most entities a large watchlist names are not in today's
 * news.
 */
const UNSEEN_WORDS = 60_000;
const UNSEEN_FULL_NAMES = 10_000;
const TOPICS = 400;
const TERMS_PER_TOPIC = 12;
const REAL_TERMS_PER_TOPIC = 4;

/** One unit of the vocabulary: a word, or a name or set phrase of several. */
export type Term = readonly [string, ...string[]];

export interface Vocabulary {
  /** By frequency rank: function words first, then real news terms, then generated ones. */
  readonly terms: readonly Term[];
  /** Ranks below this are function words, never used in rules. */
  readonly firstContentRank: number;
  /** Ranks of the hand-written news terms, more frequent than the generated ones. */
  readonly realRanks: readonly number[];
  /** Ranks of the generated terms: the long tail. */
  readonly tailRanks: readonly number[];
  /** Stories: ranks of terms that turn up together in an item. */
  readonly topics: readonly (readonly number[])[];
  readonly unseenWords: readonly string[];
  readonly unseenNames: readonly Term[];
}

/** Pronounceable non-words, so generated text tokenises and compresses like English. */
class PseudoWords {
  private readonly taken: Set<string>;

  constructor(
    private readonly random: SeededRandom,
    taken: Iterable<string>,
  ) {
    this.taken = new Set([...taken].map((word) => word.toLowerCase()));
  }

  next(syllablesMin: number, syllablesMax: number): string {
    for (;;) {
      let word = '';
      const syllables = this.random.int(syllablesMin, syllablesMax);
      for (let index = 0; index < syllables; index++) {
        word += this.random.pick(ONSETS) + this.random.pick(VOWELS) + this.random.pick(CODAS);
      }
      if (word.length >= 4 && !this.taken.has(word)) {
        this.taken.add(word);
        return word;
      }
    }
  }

  many(count: number, syllablesMin: number, syllablesMax: number): string[] {
    return Array.from({ length: count }, () => this.next(syllablesMin, syllablesMax));
  }
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function shuffled<T>(values: readonly T[], random: SeededRandom): T[] {
  const result = [...values];
  for (let index = result.length - 1; index > 0; index--) {
    const other = random.int(0, index);
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

function asTerm(text: string): Term {
  const [first = text, ...rest] = text.split(' ');
  return [first, ...rest];
}

export function buildVocabulary(random: SeededRandom): Vocabulary {
  const functionWords = [...new Set(FUNCTION_WORDS)];
  const lowerFunctionWords = new Set(functionWords);
  const realWords = [
    ...new Map(NEWS_WORDS.map((word) => [word.toLowerCase(), word])).values(),
  ].filter((word) => !lowerFunctionWords.has(word.toLowerCase()));
  const pseudo = new PseudoWords(random, [
    ...functionWords,
    ...realWords,
    ...NEWS_PHRASES.flatMap((phrase) => phrase.split(' ')),
  ]);
  const firstNames = pseudo.many(PSEUDO_FIRST_NAMES, 2, 2).map(capitalised);
  const surnames = pseudo.many(PSEUDO_SURNAMES, 2, 3).map(capitalised);
  const fullNames = Array.from({ length: PSEUDO_FULL_NAMES }, (): Term => [
    random.pick(firstNames),
    random.pick(surnames),
  ]);
  const real = shuffled([...realWords, ...NEWS_PHRASES], random).map(asTerm);
  const tail = shuffled(
    [...pseudo.many(PSEUDO_WORDS, 2, 3).map((word): Term => [word]), ...surnames.map(asTerm)],
    random,
  );
  tail.push(...fullNames);
  const terms: Term[] = [...functionWords.map(asTerm), ...real, ...shuffled(tail, random)];
  const firstContentRank = functionWords.length;
  const realRanks = real.map((_, index) => firstContentRank + index);
  const tailRanks = Array.from(
    { length: terms.length - firstContentRank - real.length },
    (_, index) => firstContentRank + real.length + index,
  );
  const topics = Array.from({ length: TOPICS }, () => [
    ...Array.from({ length: REAL_TERMS_PER_TOPIC }, () => random.pick(realRanks)),
    ...Array.from({ length: TERMS_PER_TOPIC - REAL_TERMS_PER_TOPIC }, () => random.pick(tailRanks)),
  ]);
  const unseenWords = pseudo.many(UNSEEN_WORDS, 2, 3);
  const unseenSurnames = pseudo.many(UNSEEN_FULL_NAMES, 2, 3).map(capitalised);
  const unseenNames = unseenSurnames.map((surname): Term => [random.pick(firstNames), surname]);
  return { terms, firstContentRank, realRanks, tailRanks, topics, unseenWords, unseenNames };
}
