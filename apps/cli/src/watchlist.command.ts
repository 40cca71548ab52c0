import { readFile, writeFile } from 'node:fs/promises';
import { extname, relative } from 'node:path';
import { htmlToText } from '@app/feeds';
import { readWatchlistFile } from '@app/watchlist';
import { type MatchResult, proposeWatchlist } from '@app/matching';
import { loadConfig } from '@app/platform';
import { Presets, SingleBar } from 'cli-progress';
import { CliUsageError } from './cli-usage-error.js';

/** `vigil watchlist check [file]`: validates the file (default WATCHLIST_FILE). */
export function checkWatchlist(file: string | undefined): Promise<void> {
  const path = file ?? loadConfig().watchlistFile;
  const { definition, matcher } = readWatchlistFile(path);
  process.stdout.write(
    `${relative(process.cwd(), path) || path}: valid, ${definition.topics.length} topics, ` +
      `${matcher.ruleCount} rules, ${Object.keys(definition.aliases).length} aliases\n`,
  );
  return Promise.resolve();
}

/** The text `vigil watchlist test` explains: a usage error when there is none. */
export function watchlistTestText(text: string | undefined): string {
  if (!text?.trim()) {
    throw new CliUsageError(
      'no text to test: vigil watchlist test "<text>" [--file watchlist.yaml]',
    );
  }
  return text;
}

/** `vigil watchlist test "<text>" [--file F]`: which rules the text matches, and why. */
export function testWatchlist(text: string, file: string | undefined): Promise<void> {
  const { matcher } = readWatchlistFile(file ?? loadConfig().watchlistFile);
  process.stdout.write(
    `${describeMatches(text, matcher.match({ title: '', summary: text, categories: [] }))}\n`,
  );
  return Promise.resolve();
}

function describeMatches(text: string, result: MatchResult): string {
  if (result.matches.length === 0) return 'no rule matches';
  const lines = Object.entries(result.scores).map(([topic, score]) => `${topic}: score ${score}`);
  for (const match of result.matches) {
    const terms = match.terms.map((term) => `"${text.slice(term.start, term.end)}"@${term.start}`);
    lines.push(`  ${match.topic} / ${match.rule} (weight ${match.weight}): ${terms.join(', ')}`);
  }
  return lines.join('\n');
}

/** The corpus `vigil watchlist build` reads: a usage error when no file is named. */
export function corpusFiles(files: readonly string[]): readonly string[] {
  if (files.length === 0) {
    throw new CliUsageError(
      'no corpus files: vigil watchlist build <files...> [--out proposal.yaml] [--file watchlist.yaml] [--quiet]',
    );
  }
  return files;
}

export interface BuildOptions {
  readonly out: string | undefined;
  /** The watchlist whose topics group the proposal; WATCHLIST_FILE when not given. */
  readonly file: string | undefined;
  /** No progress bar, even on a terminal. */
  readonly quiet: boolean;
}

/**
 * `vigil watchlist build <files...> [--out F] [--file W] [--quiet]`: proposes aliases and rules
 * for every person, organisation and operation a corpus of reports names (HTML is reduced to
 * text), grouped into the topics of the watchlist in force, as YAML for a person to edit. A
 * progress bar on stderr when it is a terminal, unless --quiet.
 */
export async function buildWatchlist(
  files: readonly string[],
  options: BuildOptions,
): Promise<void> {
  const documents = [];
  for (const file of files) {
    const raw = await readFile(file, 'utf8');
    const html = ['.html', '.htm'].includes(extname(file).toLowerCase());
    documents.push({ name: file, text: html ? htmlToText(raw) : raw });
  }
  const { definition } = readWatchlistFile(options.file ?? loadConfig().watchlistFile);
  const bar =
    process.stderr.isTTY && !options.quiet
      ? new SingleBar(
          {
            format: 'reading the corpus [{bar}] {value}/{total} documents',
            stream: process.stderr,
          },
          Presets.shades_classic,
        )
      : undefined;
  bar?.start(documents.length, 0);
  let proposal;
  try {
    proposal = proposeWatchlist(documents, {
      reference: definition,
      onProgress: (done) => bar?.update(done),
    });
  } finally {
    bar?.stop();
  }
  if (proposal.entities.length === 0) {
    throw new Error(
      `found no people, organisations or operations in ${documents.length} documents: ` +
        'nothing to propose',
    );
  }
  const kinds = ['person', 'organisation', 'operation'].map(
    (kind) => proposal.entities.filter((entity) => entity.kind === kind).length,
  );
  process.stderr.write(
    `proposed ${proposal.entities.length} names (${kinds[0]} people, ${kinds[1]} organisations, ` +
      `${kinds[2]} operations) and ${proposal.phrases.length} key phrases from ` +
      `${documents.length} documents\n`,
  );
  if (options.out) {
    await writeFile(options.out, proposal.yaml);
    process.stderr.write(
      `written to ${options.out}: edit it, then run vigil watchlist check ${options.out}\n`,
    );
  } else {
    process.stdout.write(proposal.yaml);
  }
}
