import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { buildVocabulary, feedEntries, RuleGenerator, SeededRandom } from '@app/bench-kit';

const CONFIG = fileURLToPath(new URL('../../../config/', import.meta.url));
/** bench/match's seeds, so that the generated rules are the ones it measures. */
const VOCABULARY_SEED = 0x5eed_0001;
const RULES_SEED = 0x5eed_0003;

export interface ConfigFiles {
  readonly feedsFile: string;
  readonly watchlistFile: string;
  readonly settingsFile: string;
}

/**
 * The files Vigil reads, written under `dir`: the bench's feeds (each allowed on loopback),
 * the default watchlist (config/watchlist.yaml) plus `generatedRules` rules of bench/match's
 * generator in topics of their own, and config/vigil.yaml with rate limits out of reach (the bench
 * subscribes 120 endpoints from one address) and feeds polled as often as allowed.
 */
export function writeConfigFiles(
  dir: string,
  feedServerUrl: string,
  feeds: number,
  generatedRules: number,
): ConfigFiles {
  const feedsFile = join(dir, 'feeds.yaml');
  writeFileSync(
    feedsFile,
    stringify({
      feeds: feedEntries(feeds).map((feed) => ({
        id: feed.id,
        url: `${feedServerUrl}${feed.path}`,
        title: `Bench wire ${feed.id}`,
        allowPrivateNetwork: true,
      })),
    }),
  );

  const watchlist = parse(readFileSync(join(CONFIG, 'watchlist.yaml'), 'utf8')) as {
    topics: unknown[];
  };
  if (generatedRules > 0) {
    const vocabulary = buildVocabulary(new SeededRandom(VOCABULARY_SEED));
    const { definition } = new RuleGenerator(vocabulary, new SeededRandom(RULES_SEED)).watchlist(
      generatedRules,
    );
    watchlist.topics.push(...definition.topics);
  }
  const watchlistFile = join(dir, 'watchlist.yaml');
  writeFileSync(watchlistFile, stringify(watchlist));

  const settings = parse(readFileSync(join(CONFIG, 'vigil.yaml'), 'utf8')) as {
    feeds: Record<string, unknown>;
    rateLimits: Record<string, { limit: number }>;
  };
  // On (the same code runs) but out of reach, as in the tests.
  for (const limit of ['publicWrites', 'failedAuthentication']) {
    const section = settings.rateLimits[limit];
    if (section) section.limit = 1_000_000;
  }
  settings.feeds.minIntervalSeconds = 60;
  settings.feeds.concurrency = 50;
  const settingsFile = join(dir, 'vigil.yaml');
  writeFileSync(settingsFile, stringify(settings));
  return { feedsFile, watchlistFile, settingsFile };
}
