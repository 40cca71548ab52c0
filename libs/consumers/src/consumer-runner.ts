import type { KnownRecordedEvent } from '@app/contracts';
import type { EventStore } from '@app/event-store';
import type { EventConsumer } from './event-consumer.js';

export interface ConsumerRunnerOptions {
  readonly pageSize: number;
  /** Fallback poll when no append notification arrives (a lost LISTEN connection, say). */
  readonly idlePollMs: number;
  /** Pause before retrying an event whose handler threw. */
  readonly retryDelayMs: number;
}

/**
 * The lease under which a runner may run its consumer (docs/decisions/0010-consumer-leases.md).
 * Without one, the runner assumes it is the only one (tests, tools).
 */
export interface RunnerLease {
  /**
   * False once the last renewal may have expired: the runner hands over no more events until
   * a renewal says it still holds the lease (or it is stopped, when another took it).
   */
  isHeld(): boolean;
  /** Stores the checkpoint only while the lease is held; false when fenced off. */
  saveCheckpoint(position: number): Promise<boolean>;
}

/** What a runner reports when a handler throws; the runner retries the same event. */
export type ConsumerFailureListener = (failure: {
  readonly consumer: string;
  readonly position: number;
  readonly error: unknown;
}) => void;

/**
 * Feeds one consumer the log from its checkpoint: reads a page (of the consumer's event types
 * only, when it names them), hands it over, and stores the checkpoint once per page. A crash
 * replays at most the page in hand (at least once); a handler that throws holds the consumer
 * on that event and retries it, so nothing is ever skipped. Under a lease, it hands over no
 * event while unsure it still holds it, and ends for good when its checkpoint is refused (the
 * lease went to another process, which starts from that checkpoint).
 */
export class ConsumerRunner {
  private running = false;
  private loop: Promise<void> | undefined;
  /** Ends the current pause early on an append; set only while pausing for new events. */
  private wake: (() => void) | undefined;
  /** Ends the current pause early on a stop. */
  private stopWaiting: (() => void) | undefined;
  private appendedSinceRead = false;
  /** Every event of the consumer's types up to here is handled. */
  private position = 0;
  private savedPosition = 0;
  /**
   * The newest head announced by an append (every position up to it is committed), so that a
   * consumer of some types needs no query for it per page; read from the store at start and
   * after each timed-out pause, in case announcements were lost.
   */
  private knownHead = 0;
  private headMayBeStale = true;

  constructor(
    private readonly store: EventStore,
    private readonly consumer: EventConsumer,
    private readonly options: ConsumerRunnerOptions,
    private readonly onFailure: ConsumerFailureListener = () => undefined,
    private readonly lease?: RunnerLease,
  ) {}

  get name(): string {
    return this.consumer.name;
  }

  /** The position up to which this runner has handled the log. */
  get checkpoint(): number {
    return this.position;
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.position = await this.store.loadCheckpoint(this.consumer.name);
    this.savedPosition = this.position;
    this.running = true;
    const { eventTypes } = this.consumer;
    const unsubscribe = this.store.onAppended((head, appendedTypes) => {
      if (Number.isFinite(head)) this.knownHead = Math.max(this.knownHead, head);
      // Appends of other types only move the head: the idle poll records that.
      if (eventTypes && appendedTypes && !eventTypes.some((type) => appendedTypes.has(type))) {
        return;
      }
      this.appendedSinceRead = true;
      this.wake?.();
    });
    this.loop = this.run().finally(unsubscribe);
  }

  /**
   * Stops after the event in hand. Resolves `false` when the handler did not finish within
   * the timeout: the caller goes on shutting down and the page is replayed at next start.
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
      if (this.lease && !this.lease.isHeld()) {
        await this.pause(this.options.retryDelayMs, { wakeOnAppend: false });
        continue;
      }
      this.appendedSinceRead = false;
      const page = await this.readPage();
      if (page === undefined) {
        await this.pause(this.options.retryDelayMs, { wakeOnAppend: false });
        continue;
      }
      const handled = await this.deliverPage(page.events);
      if (handled) this.position = Math.max(this.position, page.readThrough);
      const saved = await this.saveCheckpoint();
      if (!handled || !saved) {
        await this.pause(this.options.retryDelayMs, { wakeOnAppend: false });
      } else if (page.events.length < this.options.pageSize) {
        await this.pause(this.options.idlePollMs, { wakeOnAppend: true });
      } else {
        // The embedded store answers without ever yielding to the event loop: give timers,
        // HTTP and shutdown signals a turn between pages of a long catch-up.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /**
   * The next page, and the position through which the log has been read for this consumer:
   * the last event of a full page, else the head known before the read (every event up to it
   * was committed, and positions are committed in order).
   */
  private async readPage(): Promise<
    { readonly events: KnownRecordedEvent[]; readonly readThrough: number } | undefined
  > {
    const { eventTypes } = this.consumer;
    try {
      if (eventTypes && this.headMayBeStale) {
        this.knownHead = Math.max(this.knownHead, await this.store.headPosition());
        this.headMayBeStale = false;
      }
      const head = this.knownHead;
      const events = await this.store.readAll({
        after: this.position,
        limit: this.options.pageSize,
        types: eventTypes,
      });
      const last = events.at(-1)?.position ?? this.position;
      return {
        events,
        readThrough: events.length < this.options.pageSize ? Math.max(head, last) : last,
      };
    } catch (error) {
      this.onFailure({ consumer: this.consumer.name, position: this.position, error });
      return undefined;
    }
  }

  /** True when the whole page was handled; false on a stop or a failure. */
  private async deliverPage(page: readonly KnownRecordedEvent[]): Promise<boolean> {
    if (page.length === 0) return true;
    if (this.consumer.handleBatch) {
      try {
        await this.consumer.handleBatch(page);
        return true;
      } catch (error) {
        this.onFailure({ consumer: this.consumer.name, position: page[0]!.position, error });
        return false;
      }
    }
    for (const event of page) {
      if (!this.running || (this.lease && !this.lease.isHeld())) return false;
      try {
        await this.consumer.handle(event);
        this.position = event.position;
      } catch (error) {
        this.onFailure({ consumer: this.consumer.name, position: event.position, error });
        return false;
      }
    }
    return true;
  }

  /** Stores how far the consumer got, when it moved; false when the store refused. */
  private async saveCheckpoint(): Promise<boolean> {
    if (this.position === this.savedPosition) return true;
    try {
      if (this.lease) {
        if (!(await this.lease.saveCheckpoint(this.position))) {
          // Another process holds the lease and starts from the checkpoint stored before.
          this.running = false;
          return false;
        }
      } else {
        await this.store.saveCheckpoint(this.consumer.name, this.position);
      }
      this.savedPosition = this.position;
      return true;
    } catch (error) {
      this.onFailure({ consumer: this.consumer.name, position: this.position, error });
      return false;
    }
  }

  /** Waits for the timeout or a stop, and for an append notification when asked to. */
  private async pause(ms: number, { wakeOnAppend }: { wakeOnAppend: boolean }): Promise<void> {
    if (!this.running || (wakeOnAppend && this.appendedSinceRead)) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.headMayBeStale = true;
        done();
      }, ms);
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
