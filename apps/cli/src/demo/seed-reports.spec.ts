import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSeedReports, toSeedReport } from './seed-reports.js';

/** Invented reports in the shapes pages are copied in; no corpus text. */
const WITH_LABEL_AND_DATELINE = [
  'World News',
  'Harbour city council elects a new mayor after a long count',
  'March 3, 2024 9:15am',
  'Updated: March 3, 2024 11:02am',
  'The council of the harbour city elected Ana Ruiz as mayor on Sunday.',
  'A city hall photo of the vote (Press Office/Released)',
  '“We will start at once,” she said.',
].join('\n');

const WITH_BANNER = [
  'Follow our new channel and never miss a story!',
  '',
  'Harbour city council elects a new mayor after a long count',
  '',
  'The council elected Ana Ruiz on Sunday.',
].join('\n');

const WITHOUT_HEADLINE = [
  'The council of the harbour city elected Ana Ruiz as its mayor on Sunday after a count that took most of the night and two recounts demanded by the opposition.',
  '',
  'She takes office on Monday.',
].join('\n');

describe('toSeedReport', () => {
  it('takes the first short non-sentence line as headline and keeps only the sentences after it', () => {
    expect(toSeedReport('a.txt', WITH_LABEL_AND_DATELINE)).toEqual({
      file: 'a.txt',
      title: 'Harbour city council elects a new mayor after a long count',
      body: 'The council of the harbour city elected Ana Ruiz as mayor on Sunday.\n\n“We will start at once,” she said.',
    });
  });

  it('skips a banner that ends like a sentence before the headline', () => {
    const report = toSeedReport('b.txt', WITH_BANNER);
    expect(report.title).toBe('Harbour city council elects a new mayor after a long count');
    expect(report.body).toBe('The council elected Ana Ruiz on Sunday.');
  });

  it('leaves the title out when no line looks like a headline, keeping every sentence', () => {
    expect(toSeedReport('c.txt', WITHOUT_HEADLINE)).toEqual({
      file: 'c.txt',
      title: undefined,
      body: `${WITHOUT_HEADLINE.split('\n')[0]}\n\nShe takes office on Monday.`,
    });
  });
});

describe('readSeedReports', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-seeds-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the .txt files in name order and nothing else', async () => {
    await writeFile(join(dir, '2-second.txt'), WITH_BANNER);
    await writeFile(join(dir, '1-first.txt'), WITH_LABEL_AND_DATELINE);
    await writeFile(join(dir, 'README.md'), '# not a report');
    const reports = await readSeedReports(dir);
    expect(reports.map((report) => report.file)).toEqual(['1-first.txt', '2-second.txt']);
  });

  it('says in one line where the seeds are and how to point at others when there are none', async () => {
    for (const missing of [dir, join(dir, 'absent')]) {
      const refusal = readSeedReports(missing);
      await expect(refusal).rejects.toThrow(`no seed reports (.txt files) in ${missing}`);
      const message = await refusal.catch((error: Error) => error.message);
      expect(message).toContain('../shared/corpus/seeds');
      expect(message).toContain('--seeds <folder');
      expect(message).not.toContain('\n');
    }
  });
});
