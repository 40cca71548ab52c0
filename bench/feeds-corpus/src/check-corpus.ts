import type { CorpusFile } from './corpus-file.js';
import { FeedCheckThread, type FileOutcome } from './feed-check-thread.js';

/**
 * Longer than the fetch (10 s) and the parse (10 s) budgets together, so a file is called a
 * hang only when neither budget stopped it.
 */
const WATCHDOG_MS = 25_000;

export interface FileResult {
  readonly file: CorpusFile;
  readonly outcome: FileOutcome;
  readonly milliseconds: number;
}

/**
 * Checks every file, `concurrency` check threads at a time, each file in its turn through one
 * thread; a thread that hung or died is replaced before the next file. Results keep the order
 * of `files`.
 */
export async function checkCorpus(
  files: readonly CorpusFile[],
  urlOf: (file: CorpusFile) => string,
  concurrency: number,
  signal: AbortSignal,
): Promise<FileResult[]> {
  const results: FileResult[] = [];
  const failed = new AbortController();
  const stopping = AbortSignal.any([signal, failed.signal]);
  let next = 0;
  let done = 0;
  let reportedTenths = 0;

  /** A thread that died between files was killed by the one it checked last. */
  const blameIdleDeath = (thread: FeedCheckThread, last: number | undefined): void => {
    const death = thread.takeIdleDeath();
    const previous = last === undefined ? undefined : results[last];
    if (death === undefined || last === undefined || !previous) return;
    const message = `after its outcome (${previous.outcome.kind}): ${death}`;
    results[last] = { ...previous, outcome: { kind: 'crash', message } };
  };

  const lane = async (): Promise<void> => {
    let thread = await FeedCheckThread.start();
    let last: number | undefined;
    try {
      for (let index = next++; index < files.length && !stopping.aborted; index = next++) {
        blameIdleDeath(thread, last);
        if (!thread.usable) thread = await FeedCheckThread.start();
        const file = files[index] as CorpusFile;
        const started = performance.now();
        const outcome = await thread.check(
          { url: urlOf(file), declaresCharset: file.declaresCharset },
          WATCHDOG_MS,
        );
        results[index] = { file, outcome, milliseconds: performance.now() - started };
        last = index;
        done += 1;
        const tenths = Math.floor((done * 10) / files.length);
        if (tenths > reportedTenths) {
          reportedTenths = tenths;
          process.stderr.write(`  checked ${done}/${files.length}\n`);
        }
      }
      blameIdleDeath(thread, last);
    } catch (error) {
      failed.abort(error);
      throw error;
    } finally {
      await thread.stop();
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, lane));
  signal.throwIfAborted();
  return results;
}
