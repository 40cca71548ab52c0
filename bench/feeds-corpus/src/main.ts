import { stat, writeFile } from 'node:fs/promises';
import { arch, availableParallelism, cpus, platform } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkCorpus, type FileResult } from './check-corpus.js';
import { listCorpusFiles } from './corpus-file.js';
import { formatReport } from './corpus-report.js';
import { CorpusServer } from './corpus-server.js';
import { type CorpusSummary, summarise } from './corpus-summary.js';
import { FEEDPARSER_EXCEPTIONS } from './feedparser-exceptions.js';
import { DEFAULT_REFERENCE_PATH, loadReference } from './feedparser-reference.js';

/** Where issue 3 puts the corpus: beside the repository, in the shared folder. */
const DEFAULT_DIR = '../shared/corpus/feeds';
/** Parsing is CPU work: more threads than cores would only stretch each file's time. */
const DEFAULT_CONCURRENCY = Math.min(4, availableParallelism());
/** A run that checked nothing must not look green, nor like a run that failed its targets. */
const EXIT_NOTHING_CHECKED = 2;

interface Options {
  readonly dir: string;
  readonly json: string | undefined;
  readonly reference: URL | string;
  readonly concurrency: number;
}

async function main(args: readonly string[], signal: AbortSignal): Promise<number> {
  const started = performance.now();
  const options = parseOptions(args);
  const dir = resolve(process.cwd(), options.dir);
  if (!(await isDirectory(dir))) {
    process.stderr.write(`feeds corpus: ${dir} does not exist; nothing checked\n`);
    return EXIT_NOTHING_CHECKED;
  }
  const reference = await loadReference(options.reference);
  const files = await listCorpusFiles(dir);
  if (files.length === 0) {
    process.stderr.write(`feeds corpus: ${dir} holds no files; nothing checked\n`);
    return EXIT_NOTHING_CHECKED;
  }

  const server = await CorpusServer.start(files);
  let results: FileResult[];
  try {
    const cpuList = cpus();
    process.stdout.write(
      [
        `feeds corpus: ${files.length} files in ${dir}, served on ${server.origin}, ` +
          `${options.concurrency} check threads`,
        `machine: ${cpuList.length} CPUs (${cpuList[0]?.model ?? 'unknown'}), node ` +
          `${process.version}, ${platform()}-${arch()}`,
        '',
      ].join('\n'),
    );
    results = await checkCorpus(files, (file) => server.urlOf(file), options.concurrency, signal);
  } finally {
    await server.close();
  }

  const summary = summarise(results, reference, FEEDPARSER_EXCEPTIONS);
  process.stdout.write(`${formatReport(summary, results)}\n`);
  if (options.json !== undefined) {
    const path = resolve(process.cwd(), options.json);
    await writeFile(path, `${JSON.stringify(jsonReport(dir, summary, results), null, 2)}\n`);
    process.stdout.write(`per-file results: ${path}\n`);
  }
  process.stdout.write(`total wall time: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return summary.passed ? 0 : 1;
}

function jsonReport(dir: string, summary: CorpusSummary, results: readonly FileResult[]) {
  return {
    dir,
    summary,
    files: results.map(({ file, outcome, milliseconds }) => ({
      name: file.name,
      hostile: file.hostile,
      declaresCharset: file.declaresCharset,
      declaredCharset: file.declaredCharset,
      milliseconds: Math.round(milliseconds * 10) / 10,
      outcome,
    })),
  };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function parseOptions(args: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...args],
    options: {
      dir: { type: 'string' },
      json: { type: 'string' },
      reference: { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
  const concurrency = Number(values.concurrency ?? DEFAULT_CONCURRENCY);
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`--concurrency must be a positive integer, got ${values.concurrency}`);
  }
  return {
    dir: values.dir ?? DEFAULT_DIR,
    json: values.json,
    reference: values.reference === undefined ? DEFAULT_REFERENCE_PATH : resolve(values.reference),
    concurrency,
  };
}

const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort(new Error('interrupted by SIGINT')));
main(process.argv.slice(2), interrupt.signal).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(
      `feeds corpus failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
