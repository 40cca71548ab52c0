import { readFile, writeFile } from 'node:fs/promises';
import { extname, relative } from 'node:path';
import { htmlToText } from '@app/feeds';
import { readWatchlistFile } from '@app/watchlist';
import { type MatchResult, proposeWatchlist } from '@app/matching';
import { loadConfig } from '@app/platform';
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
      'no corpus files: vigil watchlist build <files...> [--out proposal.yaml]',
    );
  }
  return files;
}

/**
 * `vigil watchlist build <files...> [--out F]`: proposes topics, aliases and rules from a corpus
 * of reports (HTML is reduced to text), as YAML for a person to edit; progress on stderr.
 */
export async function buildWatchlist(
  files: readonly string[],
  out: string | undefined,
): Promise<void> {
  const documents = [];
  for (const [index, file] of files.entries()) {
    process.stderr.write(`reading ${index + 1}/${files.length}: ${file}\n`);
    const raw = await readFile(file, 'utf8');
    const html = ['.html', '.htm'].includes(extname(file).toLowerCase());
    documents.push({ name: file, text: html ? htmlToText(raw) : raw });
  }
  const proposal = proposeWatchlist(documents);
  process.stderr.write(
    `proposed ${proposal.entities.length} names and ${proposal.phrases.length} key phrases\n`,
  );
  if (out) {
    await writeFile(out, proposal.yaml);
    process.stderr.write(`written to ${out}: edit it, then run vigil watchlist check ${out}\n`);
  } else {
    process.stdout.write(proposal.yaml);
  }
}
