import type { RecordedEvent } from '@app/contracts';
import type { EventStore } from '@app/event-store';
import type { EventConsumer } from './event-consumer.js';

export interface ConsumerRunnerOptions {
  readonly pageSize: number;
  /** Fallback poll when no append notification arrives (a lost LISTEN connection, say). */
  readonly idlePollMs: number;
  /** Pause before retrying an event whose handler threw. */
  readonly retryDelayMs: number;
}

/** What a runner reports when a handler throws; the runner retries the same event. */
export type ConsumerFailureListener = (failure: {
  readonly consumer: string;
  readonly position: number;
  readonly error: unknown;
}) => void;

/**
 * Feeds one consumer the log from its checkpoint: reads a page, hands each event over, stores
 * the checkpoint after each success. A crash between handling and storing replays that event
 * (at least once); a handler that throws holds the consumer on that event and retries it, so
 * nothing is ever skipped.
 */
export class ConsumerRunner {
  private running = false;
  private loop: Promise<void> | undefined;
  /** Ends the current pause early on an append; set only while pausing for new events. */
  private wake: (() => void) | undefined;
  /** Ends the current pause early on a stop. */
  private stopWaiting: (() => void) | undefined;
  private appendedSinceRead = false;
  private position = 0;

  constructor(
    private readonly store: EventStore,
    private readonly consumer: EventConsumer,
    private readonly options: ConsumerRunnerOptions,
    private readonly onFailure: ConsumerFailureListener = () => undefined,
  ) {}

  get name(): string {
    return this.consumer.name;
  }

  /** The position of the last event this runner handled. */
  get checkpoint(): number {
    return this.position;
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.position = await this.store.loadCheckpoint(this.consumer.name);
    this.running = true;
    const unsubscribe = this.store.onAppended(() => {
      this.appendedSinceRead = true;
      this.wake?.();
    });
    this.loop = this.run().finally(unsubscribe);
  }

  /**
   * Stops after the event in hand. Resolves `false` when the handler did not finish within
   * the timeout: the caller goes on shutting down and the event is replayed at next start.
   */
  async stop(timeoutMs: number): Promise<boolean> {
    if (!this.loop) return true;
    this.running = false;
    this.stopWaiting?.();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.loop.then(() => true as const), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.appendedSinceRead = false;
      const page = await this.readPage();
      if (page === undefined) {
        await this.pause(this.options.retryDelayMs, { wakeOnAppend: false });
      } else if ((await this.deliverPage(page)) && page.length < this.options.pageSize) {
        await this.pause(this.options.idlePollMs, { wakeOnAppend: true });
      } else {
        // The embedded store answers without ever yielding to the event loop: give timers,
        // HTTP and shutdown signals a turn between pages of a long catch-up.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /** True when the whole page was handled; false on a stop or a failure (already waited). */
  private async deliverPage(page: readonly RecordedEvent[]): Promise<boolean> {
    for (const event of page) {
      if (!this.running || !(await this.deliver(event))) return false;
    }
    return true;
  }

  private async readPage(): Promise<RecordedEvent[] | undefined> {
    try {
      return await this.store.readAll({ after: this.position, limit: this.options.pageSize });
    } catch (error) {
      this.onFailure({ consumer: this.consumer.name, position: this.position, error });
      return undefined;
    }
  }

  /** Hands one event over and records the checkpoint; false means "retry from here". */
  private async deliver(event: RecordedEvent): Promise<boolean> {
    try {
      await this.consumer.handle(event);
      await this.store.saveCheckpoint(this.consumer.name, event.position);
      this.position = event.position;
      return true;
    } catch (error) {
      this.onFailure({ consumer: this.consumer.name, position: event.position, error });
      await this.pause(this.options.retryDelayMs, { wakeOnAppend: false });
      return false;
    }
  }

  /** Waits for the timeout or a stop, and for an append notification when asked to. */
  private async pause(ms: number, { wakeOnAppend }: { wakeOnAppend: boolean }): Promise<void> {
    if (!this.running || (wakeOnAppend && this.appendedSinceRead)) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = wakeOnAppend ? done : undefined;
      this.stopWaiting = done;
    });
    this.wake = undefined;
    this.stopWaiting = undefined;
  }
}
