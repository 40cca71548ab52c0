import { type SeededRandom, type Term, type Vocabulary, ZipfSampler } from '@app/bench-kit';

export interface NewsItem {
  readonly title: string;
  readonly summary: string;
  /** UTF-8 bytes of title and summary: what MB/s is counted in. */
  readonly bytes: number;
  readonly words: number;
}

/** Share of an item's words drawn from its story rather than from the language at large. */
const TITLE_TOPIC_SHARE = 0.4;
const SUMMARY_TOPIC_SHARE = 0.2;
const POSSESSIVE_SHARE = 0.05;
const NUMBER_SHARE = 0.02;

/** Items about a few hundred stories, words Zipf-distributed over the vocabulary. */
export class NewsStream {
  private readonly words: ZipfSampler;
  private readonly stories: ZipfSampler;

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly random: SeededRandom,
  ) {
    this.words = new ZipfSampler(vocabulary.terms.length);
    this.stories = new ZipfSampler(vocabulary.topics.length, 0.8);
  }

  items(count: number): NewsItem[] {
    return Array.from({ length: count }, () => this.item());
  }

  private item(): NewsItem {
    const topic = this.vocabulary.topics[this.stories.sample(this.random)] ?? [];
    const titleWords = this.wordsOf(this.random.int(7, 13), topic, TITLE_TOPIC_SHARE);
    const title = capitaliseFirst(titleWords.join(' '));
    const summaryLength = this.random.int(120, 200);
    const sentences: string[] = [];
    let words = 0;
    while (words < summaryLength) {
      const sentence = this.wordsOf(
        Math.min(this.random.int(8, 26), summaryLength - words),
        topic,
        SUMMARY_TOPIC_SHARE,
      );
      words += sentence.length;
      const comma = sentence.length > 10 ? this.random.int(3, sentence.length - 4) : -1;
      if (comma > 0) sentence[comma] += ',';
      sentences.push(`${capitaliseFirst(sentence.join(' '))}.`);
    }
    const summary = sentences.join(' ');
    return {
      title,
      summary,
      bytes: Buffer.byteLength(title) + Buffer.byteLength(summary),
      words: titleWords.length + words,
    };
  }

  /** At least `count` words; a term of several words is never cut. */
  private wordsOf(count: number, topic: readonly number[], topicShare: number): string[] {
    const result: string[] = [];
    while (result.length < count) {
      if (this.random.chance(NUMBER_SHARE)) {
        result.push(String(this.random.int(2, 2_000)));
        continue;
      }
      const rank =
        topic.length > 0 && this.random.chance(topicShare)
          ? this.random.pick(topic)
          : this.words.sample(this.random);
      const term: Term | undefined = this.vocabulary.terms[rank];
      if (!term) continue;
      const last = term[term.length - 1] ?? '';
      const possessive = /^[A-Z]/.test(last) && this.random.chance(POSSESSIVE_SHARE);
      result.push(...term.slice(0, -1), possessive ? `${last}’s` : last);
    }
    return result;
  }
}

function capitaliseFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
