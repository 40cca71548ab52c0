import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { CheckOutcome, CheckReply, CheckRequest } from './check-protocol.js';

/** The built worker, from dist/ and from src/ (the corpus test imports the suite's sources). */
const WORKER_URL = new URL('../dist/feed-check.worker.js', import.meta.url);

/**
 * Far above what parsing a 10 MB feed needs, and below what would take the machine down: a
 * document that wants more is reported as the crash it would be in the worker process.
 */
const HEAP_MB = 1024;
const START_TIMEOUT_MS = 30_000;

/** A file's outcome: the check thread's answer, or the suite's verdict when none came. */
export type FileOutcome = CheckOutcome | { readonly kind: 'hang'; readonly message: string };

type Settle = (outcome: FileOutcome, stopThread: boolean) => void;

/** The suite's handle on one check thread (feed-check.worker.ts). */
export class FeedCheckThread {
  private settle: Settle | undefined;
  private stopped = false;
  /** Why the thread died while it was checking nothing, until someone asks. */
  private idleDeath: string | undefined;

  private constructor(private readonly worker: Worker) {
    // Listeners for the thread's whole life: an error with no listener would kill the suite.
    worker.on('message', (reply: CheckReply) => {
      if (reply.type === 'checked') this.settle?.(reply.outcome, false);
    });
    worker.on('error', (error: Error) =>
      this.died(`the check thread died: ${describeDeath(error)}`),
    );
    worker.on('exit', (code) => this.died(`the check thread exited with code ${code}`));
  }

  static async start(): Promise<FeedCheckThread> {
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    try {
      // `once` rejects on the thread's 'error' event and on the timeout.
      const [reply] = (await once(worker, 'message', {
        signal: AbortSignal.timeout(START_TIMEOUT_MS),
      })) as [CheckReply];
      if (reply.type !== 'ready') throw new Error(`unexpected ${reply.type} at start`);
      return new FeedCheckThread(worker);
    } catch (error) {
      await worker.terminate();
      throw error;
    }
  }

  get usable(): boolean {
    return !this.stopped;
  }

  /** Why the thread died between two checks, if it did: the file checked last caused it. */
  takeIdleDeath(): string | undefined {
    const death = this.idleDeath;
    this.idleDeath = undefined;
    return death;
  }

  /**
   * Resolves with the thread's answer, or, once the thread is gone, with `hang` when no answer
   * came within `watchdogMs` and `crash` when the thread died. Either way a thread that did not
   * answer is never used again.
   */
  check(request: CheckRequest, watchdogMs: number): Promise<FileOutcome> {
    if (this.stopped) return Promise.reject(new Error('the check thread has stopped'));
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.settle?.({ kind: 'hang', message: `no outcome within ${watchdogMs} ms` }, true),
        watchdogMs,
      );
      this.settle = (outcome, stopThread) => {
        this.settle = undefined;
        clearTimeout(timer);
        if (!stopThread) {
          resolve(outcome);
          return;
        }
        const done = (): void => resolve(outcome);
        this.stop().then(done, done);
      };
      this.worker.postMessage(request);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker.terminate();
  }

  private died(message: string): void {
    if (this.stopped) return;
    if (this.settle) {
      this.settle({ kind: 'crash', message }, true);
    } else {
      this.idleDeath = message;
      void this.stop();
    }
  }
}

function describeDeath(error: Error & { code?: string }): string {
  return error.code === 'ERR_WORKER_OUT_OF_MEMORY'
    ? `it needed more than ${HEAP_MB} MB of heap`
    : `${error.name}: ${error.message}`;
}
