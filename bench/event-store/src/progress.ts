import { setImmediate as nextMacrotask } from 'node:timers/promises';

/** How often a long run hands the event loop a turn; small beside any operation measured. */
const YIELD_EVERY_MS = 100;

/** Reports each further tenth of an operation on stderr, so a run of several minutes shows life. */
export class Progress {
  private done = 0;
  private reportedTenths = 0;
  private lastYield = performance.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly signal: AbortSignal,
  ) {}

  async advance(count: number): Promise<void> {
    // PGlite answers through microtasks alone, so a loop of appends would never let the
    // SIGINT handler run; the occasional yield lets Ctrl-C unwind through the clean-up.
    if (performance.now() - this.lastYield >= YIELD_EVERY_MS) {
      await nextMacrotask();
      this.lastYield = performance.now();
    }
    this.signal.throwIfAborted();
    this.done += count;
    const tenths = Math.floor((this.done * 10) / this.total);
    if (tenths <= this.reportedTenths) return;
    this.reportedTenths = tenths;
    process.stderr.write(`  ${this.label}: ${tenths * 10}% (${this.done}/${this.total})\n`);
  }
}
