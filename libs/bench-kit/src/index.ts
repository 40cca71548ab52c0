/**
 * Pieces the benches share (bench/*): seeded test data, the generated watchlist of bench/match,
 * the newsroom feeds of bench/poll and the BullMQ no-op baseline of bench/webhooks.
 */
export { serveFromChildProcess } from './child-server.js';
export {
  escapeXml,
  type FeedEntry,
  feedEntries,
  feedEtag,
  renderFeed,
} from './news-feed.fixture.js';
export { FUNCTION_WORDS, NEWS_PHRASES, NEWS_WORDS } from './news-words.js';
export { noopJobsPerSecond } from './noop-baseline.js';
export {
  type GeneratedRule,
  type Pattern,
  RuleGenerator,
  type RuleShape,
} from './rule-generator.js';
export { SeededRandom, ZipfSampler } from './seeded-random.js';
export { buildVocabulary, type Term, type Vocabulary } from './vocabulary.js';
