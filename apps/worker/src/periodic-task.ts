import type { Logger } from '@nestjs/common';

/**
 * A task a worker runs every so often (a reconcile, a scheduler's tick): one run at a time, so a
 * slow run is not stacked on by the next tick; a failed run is logged and the next tick tries
 * again; the timer never keeps the process alive, and `stop` waits for the run in flight.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    /** What the task does, for the log line of a failure: `reconcile`, `email scheduling`. */
    private readonly what: string,
    private readonly logger: Logger,
    private readonly run: () => Promise<unknown>,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.run()
        .catch((error: unknown) => this.logger.error({ err: error }, `${this.what} failed`))
        .finally(() => {
          this.running = undefined;
        });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
