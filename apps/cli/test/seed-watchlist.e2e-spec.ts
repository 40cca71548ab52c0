import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { proposeWatchlist, WatchlistCoverage } from '@app/matching';
import { childProcessEnv, runProcess } from '@app/testing';
import { readWatchlistFile } from '@app/watchlist';
import { readSeedReports, SHARED_SEEDS_PATH } from '../src/demo/seed-reports.js';

/**
 * Issue 16: config/watchlist.yaml is built from the seed reports. Every person and organisation
 * the builder finds in them is named by a rule or an alias of each topic it proposes them for,
 * and each report matches the topics it is about, with the words that made it match.
 */
const WATCHLIST = 'config/watchlist.yaml';
const TOPICS = [
  'interpol-leadership',
  'red-notice-abuse',
  'transnational-repression',
  'extradition',
];

async function seedCorpus() {
  const files = (await readdir(SHARED_SEEDS_PATH)).filter((name) => name.endsWith('.txt')).sort();
  return Promise.all(
    files.map(async (name) => ({
      name,
      text: await readFile(join(SHARED_SEEDS_PATH, name), 'utf8'),
    })),
  );
}

describe('config/watchlist.yaml and the seed reports', () => {
  const { definition, matcher } = readWatchlistFile(WATCHLIST);

  it('covers every person and organisation the builder finds in the seeds, in its topics', async () => {
    const { entities } = proposeWatchlist(await seedCorpus(), { reference: definition });
    const coverage = WatchlistCoverage.of(definition);

    // The names the reports are about are among those found, so the check below is not empty.
    expect(entities.map((entity) => entity.name)).toEqual(
      expect.arrayContaining([
        'Hu Binchen',
        'Meng Hongwei',
        'Ahmed Nasser al-Raisi',
        'Peter Dahlin',
        'Andrew Gattolin',
        'Matthew Hedges',
        'Idris Hasan',
        'Dolkun Isa',
        'Interpol',
        'Chinese Communist Party',
        'Inter-Parliamentary Alliance on China',
        'Ministry of Public Security',
        'Safeguard Defenders',
        'Amnesty International',
        'Fox Hunt',
        'Skynet',
      ]),
    );
    const uncovered = entities.flatMap((entity) => {
      expect(entity.topics.length).toBeGreaterThan(0);
      return entity.topics.flatMap((topic) =>
        [entity.name, ...entity.variants]
          .filter((name) => !coverage.covers(topic, name))
          .map((name) => `${topic}: ${name} (${entity.kind} ${entity.name})`),
      );
    });
    expect(uncovered).toEqual([]);
  });

  it('matches each seed report, as its outlet publishes it, to the four topics, with explanations', async () => {
    const reports = await readSeedReports(SHARED_SEEDS_PATH);
    expect(reports).toHaveLength(3);

    for (const report of reports) {
      const item = { title: report.title ?? '', summary: report.body, categories: [] };
      const result = matcher.match(item);

      expect({ file: report.file, topics: Object.keys(result.scores).sort() }).toEqual({
        file: report.file,
        topics: [...TOPICS].sort(),
      });
      for (const topic of TOPICS) {
        const explained = result.matches.filter((match) => match.topic === topic);
        expect(explained.length).toBeGreaterThan(0);
        for (const term of explained.flatMap((match) => match.terms)) {
          const field = term.field === 'title' ? item.title : item.summary;
          expect(field.slice(term.start, term.end)).toBe(term.text);
        }
      }
    }
  });

  it('vigil watchlist build on the seeds finds nothing the watchlist in force does not name', async () => {
    const files = (await seedCorpus()).map((document) => join(SHARED_SEEDS_PATH, document.name));

    const built = await runProcess(
      process.execPath,
      [join(process.cwd(), 'apps/cli/dist/main.js'), 'watchlist', 'build', ...files],
      { env: childProcessEnv({ WATCHLIST_FILE: WATCHLIST }) },
    );

    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/the watchlist in force names it here/);
    expect(built.stdout).not.toMatch(/new to this topic/);
    expect(built.stdout).not.toContain('id: unplaced');
  });
});
