import { performance } from 'node:perf_hooks';
import type { ConsumerLeases, EventStore, HeldLease } from '@app/event-store';
import {
  type ConsumerFailureListener,
  ConsumerRunner,
  type ConsumerRunnerOptions,
  type RunnerLease,
} from './consumer-runner.js';
import type { EventConsumer } from './event-consumer.js';

export interface LeaseOptions {
  /** How long a lease outlives its holder's last heartbeat; renewed every third of it. */
  readonly leaseMs: number;
  /**
   * Take every lease at start whatever its expiry: for the embedded store, which one process
   * at a time can open, so any other holder is a process that is gone.
   */
  readonly takeOverAtOnce: boolean;
}

/** What the holder of leases reports; each is for logs only. */
export interface LeaseListeners {
  readonly onFailure: ConsumerFailureListener;
  readonly onAcquired?: (consumer: string, epoch: number) => void;
  readonly onLost?: (consumer: string) => void;
  readonly onLeaseError?: (error: unknown) => void;
}

/** One term of a lease held by this process, and the runner that works under it. */
class LeaseTerm implements RunnerLease {
  /** Local monotonic time until which the last renewal surely keeps the lease. */
  private heldUntil: number;
  private refused = false;
  runner!: ConsumerRunner;

  constructor(
    readonly lease: HeldLease,
    private readonly leases: ConsumerLeases,
    renewedAt: number,
    private readonly leaseMs: number,
  ) {
    this.heldUntil = renewedAt + leaseMs;
  }

  /** `sentAt`: before the renewal was sent, so the database's expiry is no earlier than this. */
  renewed(sentAt: number): void {
    this.heldUntil = sentAt + this.leaseMs;
  }

  isHeld(): boolean {
    return !this.refused && performance.now() < this.heldUntil;
  }

  async saveCheckpoint(position: number): Promise<boolean> {
    const saved = await this.leases.saveCheckpoint(this.lease, position);
    if (!saved) this.refused = true;
    return saved;
  }
}

/**
 * Runs each event-log consumer only while this process holds its lease, so that across every
 * worker each consumer runs in exactly one process at a time. Every third of the lease time it
 * renews what it holds (one statement), stops the runners of leases another process took over,
 * and takes the free ones; a released lease is announced, so it is taken at once.
 */
export class LeasedConsumers {
  private readonly terms = new Map<string, LeaseTerm>();
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private turn: Promise<void> = Promise.resolve();
  /** The round waiting for the current one to end: asking again joins it. */
  private queued: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly leases: ConsumerLeases,
    private readonly consumers: readonly EventConsumer[],
    /** This process, as the leases name it. */
    readonly holder: string,
    private readonly runnerOptions: ConsumerRunnerOptions,
    private readonly leaseOptions: LeaseOptions,
    private readonly listeners: LeaseListeners,
  ) {}

  /** The consumers this process runs now. */
  get running(): string[] {
    return [...this.terms.values()]
      .filter((term) => term.runner.isRunning)
      .map((term) => term.runner.name);
  }

  /** Takes what leases it can and keeps trying every third of the lease time. */
  async start(): Promise<void> {
    this.unlisten = await this.leases.onReleased((consumer) => {
      if (this.consumers.some((each) => each.name === consumer)) void this.nextTurn();
    });
    await this.nextTurn();
    this.timer = setInterval(() => void this.nextTurn(), this.leaseOptions.leaseMs / 3);
    this.timer.unref();
  }

  /**
   * Stops every runner (each within `timeoutMs`) and releases the leases of those that
   * stopped, so another worker takes them at once. Returns the consumers still busy: their
   * leases are left to expire, so nobody else runs them meanwhile.
   */
  async stop(timeoutMs: number): Promise<string[]> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.unlisten?.();
    await this.turn;
    const terms = [...this.terms.values()];
    const stopped = await Promise.all(terms.map((term) => term.runner.stop(timeoutMs)));
    const released = terms.filter((_, index) => stopped[index]).map((term) => term.lease);
    await this.leases
      .release(released)
      .catch((error: unknown) => this.listeners.onLeaseError?.(error));
    this.terms.clear();
    return terms.filter((_, index) => !stopped[index]).map((term) => term.runner.name);
  }

  /** One renewal and acquisition round at a time; a slow database never piles them up. */
  private nextTurn(): Promise<void> {
    if (!this.queued) {
      this.queued = this.turn.then(() => {
        this.queued = undefined;
        return this.renewAndAcquire().catch((error: unknown) =>
          this.listeners.onLeaseError?.(error),
        );
      });
      this.turn = this.queued;
    }
    return this.queued;
  }

  private async renewAndAcquire(): Promise<void> {
    if (this.stopped) return;
    await this.renew();
    for (const consumer of this.consumers) {
      if (this.stopped) return;
      if (this.terms.has(consumer.name)) continue;
      const sentAt = performance.now();
      const lease = await this.leases.acquire(
        consumer.name,
        this.holder,
        this.leaseOptions.leaseMs,
        {
          takeOverAtOnce: this.leaseOptions.takeOverAtOnce,
        },
      );
      if (!lease) continue;
      const term = new LeaseTerm(lease, this.leases, sentAt, this.leaseOptions.leaseMs);
      // A new runner per term: it starts from the checkpoint the previous holder stored last.
      term.runner = new ConsumerRunner(
        this.store,
        consumer,
        this.runnerOptions,
        this.listeners.onFailure,
        term,
      );
      try {
        await term.runner.start();
      } catch (error) {
        await this.leases.release([lease]);
        throw error;
      }
      this.terms.set(consumer.name, term);
      this.listeners.onAcquired?.(consumer.name, lease.epoch);
    }
  }

  /** Extends every lease held; the runners of those another process took over are stopped. */
  private async renew(): Promise<void> {
    const terms = [...this.terms.values()];
    if (terms.length === 0) return;
    const sentAt = performance.now();
    const kept = await this.leases.renew(
      terms.map((term) => term.lease),
      this.leaseOptions.leaseMs,
    );
    for (const term of terms) {
      if (kept.has(term.lease.consumer)) {
        term.renewed(sentAt);
        continue;
      }
      this.terms.delete(term.lease.consumer);
      // Not awaited: a handler stuck in the stalled runner must not hold up the other leases'
      // heartbeat. The runner hands over nothing more (its lease is no longer held).
      void term.runner.stop(0);
      this.listeners.onLost?.(term.lease.consumer);
    }
  }
}
