import { parseArgs } from 'node:util';
import { StoryGrouper, type StoryItem } from '@app/stories';

/**
 * bench:grouping: what one grouping decision costs as the stories open in the window grow, on
 * the stream bench:soak feeds Vigil (each item about a person of its own, in one template, four
 * a second), beside a baseline run in the same process: the same items decided with no story
 * open (the report's own reading: words, names, triples).
 */
const CITIES = ['Istanbul', 'Warsaw', 'Madrid', 'Dubai', 'Bangkok', 'Vienna', 'Lyon', 'Athens'];
const T0 = Date.parse('2026-01-01T00:00:00Z');
/** bench:soak's pace: four new stories a second. */
const ITEM_EVERY_MS = 250;

/** Names are words of their own, apart from the details' words and from each other. */
const GIVEN_NAMES_SEED = 10_000_000;
const SURNAMES_SEED = 20_000_000;
const SYLLABLES = ['ka', 'lo', 'vi', 'mar', 'ten', 'sul', 'dro', 'ne', 'bar', 'quin', 'zo', 'hel'];

/** A word of its own for each seed: `seed` written in syllables. */
function word(seed: number): string {
  let rest = seed;
  let written = '';
  do {
    written += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  return written;
}

/**
 * The details a report of its own carries (the charge, the court, the people around): words of
 * its own, so that no two items are copies of one another.
 */
function details(index: number): string {
  const words = Array.from({ length: 16 }, (_, offset) => word(index * 16 + offset));
  return `The file cites ${words.slice(0, 8).join(' ')}. Relatives named ${words.slice(8).join(' ')}.`;
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function item(index: number): StoryItem {
  const name = `${capitalised(word(GIVEN_NAMES_SEED + index))} ${capitalised(word(SURNAMES_SEED + index))}`;
  const city = CITIES[index % CITIES.length] ?? 'Lyon';
  return {
    itemId: `item-${index}`,
    feedId: `feed-${index % 50}`,
    title: `Exiled activist ${name} detained in ${city} on Interpol red notice`,
    summary:
      `Police in ${city} detained ${name}, an exiled critic of the government, on a red notice ` +
      `requested by the authorities he fled, his lawyer said. ${details(index)} Rights groups ` +
      'urged the authorities not to extradite him, saying he faces torture if returned.',
    at: T0 + index * ITEM_EVERY_MS,
    topics: ['red-notice-abuse'],
    matchedTerms: ['red notice', 'Interpol'],
  };
}

function place(grouper: StoryGrouper, each: StoryItem): void {
  const decision = grouper.decide(each);
  if (decision.kind === 'same-story') grouper.joinStory(decision.storyId, each);
  else grouper.startStory(`story-${each.itemId}`, each);
}

function main(args: readonly string[]): void {
  const { values } = parseArgs({
    args: [...args],
    options: { reports: { type: 'string', default: '6000' }, block: { type: 'string' } },
  });
  const reports = Number(values.reports);
  const block = Number(values.block ?? Math.max(100, Math.floor(reports / 6)));
  if (!Number.isInteger(reports) || reports < block || !Number.isInteger(block) || block < 1) {
    throw new Error('--reports and --block must be whole numbers, --reports at least --block');
  }
  const items = Array.from({ length: reports }, (_, index) => item(index));

  // Baseline: each item decided by a grouper with no story open, then dropped.
  const baselineStarted = performance.now();
  for (const each of items.slice(0, block)) new StoryGrouper().decide(each);
  const baselineMs = (performance.now() - baselineStarted) / block;

  const grouper = new StoryGrouper();
  const rows: string[] = [];
  let stories = 0;
  for (let start = 0; start < reports; start += block) {
    const started = performance.now();
    for (const each of items.slice(start, start + block)) place(grouper, each);
    const msPerReport = (performance.now() - started) / Math.min(block, reports - start);
    const openAfter = new Set(
      items.slice(0, start + block).map((each) => grouper.storyOf(each.itemId)),
    ).size;
    const openMid = (stories + openAfter) / 2;
    stories = openAfter;
    rows.push(
      `| ${start + 1}-${Math.min(start + block, reports)} | ${openAfter} | ${msPerReport.toFixed(2)} | ` +
        `${(((msPerReport - baselineMs) * 1_000) / Math.max(1, openMid)).toFixed(2)} | ` +
        `${(msPerReport / baselineMs).toFixed(1)} |`,
    );
  }
  process.stdout.write(
    [
      `grouping bench: ${reports} reports, one new story each unless the grouper joins them, ` +
        `${ITEM_EVERY_MS} ms apart (bench:soak's pace; all within one 72 h window)`,
      `baseline, no story open: ${baselineMs.toFixed(3)} ms per report`,
      '',
      '| reports | open stories after | ms per report | µs per open story | ÷ baseline |',
      '|---|--:|--:|--:|--:|',
      ...rows,
      '',
    ].join('\n'),
  );
}

main(process.argv.slice(2));
