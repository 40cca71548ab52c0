import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long normalisation holds the caller's thread before letting timers and I/O run. */
const SLICE_MS = 10;

/**
 * The time a parse may take, and the cooperative slicing of the work done on the caller's
 * thread: a feed of thousands of items must not hold back the timers that renew job locks.
 */
export class ParseBudget {
  private readonly deadline: number;
  private sliceStart = performance.now();

  constructor(readonly timeoutMs: number) {
    this.deadline = performance.now() + timeoutMs;
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - performance.now());
  }

  timeoutMessage(): string {
    return `parsing took longer than ${this.timeoutMs} ms`;
  }

  expired(): boolean {
    return performance.now() >= this.deadline;
  }

  /** Yields to the event loop once the current slice is used up; false once time is up. */
  async pause(): Promise<boolean> {
    if (performance.now() - this.sliceStart >= SLICE_MS) {
      await nextTurn();
      this.sliceStart = performance.now();
    }
    return !this.expired();
  }
}
