import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** One plain-text news report, as an outlet would publish it in its feed. */
export interface SeedReport {
  /** The file it was read from (its name only). */
  readonly file: string;
  /** Its headline; absent when the text has none, as for some feed items. */
  readonly title: string | undefined;
  /** The story's paragraphs: the text without its headline and the page around the story. */
  readonly body: string;
}

/**
 * Where the seed reports live: Vigil's shared corpus, which sits beside the repository and is
 * never copied into it.
 */
export const SHARED_SEEDS_PATH = '../shared/corpus/seeds';

/** A headline is a short line that is not a sentence: "Law Enforcement" and banners are not. */
const HEADLINE_WORDS = { min: 4, max: 30 } as const;
/** The headline, when there is one, comes before the story starts. */
const HEADLINE_SEARCH_LINES = 5;

/**
 * The `.txt` reports of `dir`, in file-name order. Throws one line that says where to get them
 * when the folder is absent or holds none.
 */
export async function readSeedReports(dir: string): Promise<SeedReport[]> {
  const names = await reportFileNames(dir);
  if (names.length === 0) {
    throw new Error(
      `no seed reports (.txt files) in ${dir}: the demo publishes the three seed reports of ` +
        `Vigil's shared corpus, so put its shared/ folder beside the repository ` +
        `(${SHARED_SEEDS_PATH}) or pass --seeds <folder of plain-text reports>`,
    );
  }
  return Promise.all(
    names.map(async (name) =>
      toSeedReport(basename(name), new TextDecoder().decode(await readFile(join(dir, name)))),
    ),
  );
}

async function reportFileNames(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.txt'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

/**
 * Turns a report copied from a web page into what an outlet's feed carries: a headline and the
 * story's paragraphs. Pages start with whatever preceded the headline (a section label, a "join
 * our channel" banner): the headline is the first short line among the first few that does not
 * end a sentence, and the lines before it are dropped. Of the rest, only sentences are kept:
 * datelines, "Updated:" stamps and photo captions are page furniture, and left in they would
 * stand where a feed summary has its lead, which is what Vigil reads a report's story from. A
 * report without a headline has none; Vigil then titles the item from its summary, as it does
 * for any feed item without a title.
 */
export function toSeedReport(file: string, text: string): SeedReport {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const headline = lines.slice(0, HEADLINE_SEARCH_LINES).findIndex(isHeadline);
  const story = lines.slice(headline + 1).filter(endsSentence);
  return {
    file,
    title: headline < 0 ? undefined : lines[headline],
    body: story.join('\n\n'),
  };
}

function isHeadline(line: string): boolean {
  const words = line.split(/\s+/).length;
  return words >= HEADLINE_WORDS.min && words <= HEADLINE_WORDS.max && !endsSentence(line);
}

/** Ends with a full stop, a question or exclamation mark, or a colon, before closing quotes. */
function endsSentence(line: string): boolean {
  return /[.!?:;][\s"'’”)»]*$/u.test(line);
}
