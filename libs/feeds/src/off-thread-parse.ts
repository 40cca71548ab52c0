import { Worker } from 'node:worker_threads';
import type { ParseBudget } from './parse-budget.js';
import type { RawParseOutcome, SniffedDocument } from './raw-feed-document.parser.js';

/**
 * Plain JavaScript beside this file, in src/ and in dist/ alike: a worker runs outside jest's
 * module system and cannot load TypeScript, so the code it runs must not need compiling.
 */
const WORKER_URL = new URL('./raw-feed-document.worker.js', import.meta.url);

/** A parse that needs more than this is a hostile or absurd document, not a feed. */
const WORKER_HEAP_MB = 512;

export type TimedOut = { readonly status: 'timeout'; readonly message: string };

/**
 * Parses in a worker thread, so a large document never blocks the caller's event loop, and a
 * runaway parse can be stopped: terminating its thread is the only way to interrupt synchronous
 * code. Resolves only once the thread is gone, so nothing outlives the call.
 */
export function parseOffThread(
  document: SniffedDocument,
  budget: ParseBudget,
): Promise<RawParseOutcome | TimedOut> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_URL, {
      workerData: document,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    const settle = (outcome: RawParseOutcome | TimedOut): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const done = (): void => resolve(outcome);
      worker.terminate().then(done, done);
    };
    const timer = setTimeout(
      () => settle({ status: 'timeout', message: budget.timeoutMessage() }),
      budget.remainingMs(),
    );
    worker.once('message', (outcome: RawParseOutcome) => settle(outcome));
    worker.once('error', (error: Error & { code?: string }) =>
      settle({
        status: 'parse_error',
        message:
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `the document needs more than ${WORKER_HEAP_MB} MB to parse`
            : error.message,
      }),
    );
    worker.once('exit', (code) =>
      settle({ status: 'parse_error', message: `the parser thread exited with code ${code}` }),
    );
  });
}
