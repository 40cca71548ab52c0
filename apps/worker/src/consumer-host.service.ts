import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AsEventConsumer, type EventConsumer, LeasedConsumers } from '@app/consumers';
import {
  ConsumerLeases,
  DATABASE,
  type Database,
  EVENT_STORE,
  type EventStore,
  eventStoreKind,
} from '@app/event-store';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { WorkerHeartbeatService } from './worker-heartbeat.service.js';

/**
 * Runs every provider marked @AsEventConsumer() from its checkpoint, once startWorker() says
 * so, each only while this worker holds its lease: across all workers each consumer runs in
 * one process at a time (docs/decisions/0010-consumer-leases.md). Stopped in the first
 * shutdown phase, before queues and the store close, each within the shutdown timeout; the
 * leases of those that stopped are released, so another worker takes them over at once.
 */
@Injectable()
export class ConsumerHostService implements OnModuleDestroy {
  private readonly logger = new Logger(ConsumerHostService.name);
  private consumers: LeasedConsumers | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
    private readonly heartbeat: WorkerHeartbeatService,
  ) {}

  /** The consumers this worker runs now (those whose lease it holds). */
  get running(): readonly string[] {
    return this.consumers?.running ?? [];
  }

  async start(): Promise<void> {
    const consumers = this.discovery
      .getProviders({ metadataKey: AsEventConsumer.KEY })
      .map((wrapper) => wrapper.instance as EventConsumer);
    assertUniqueNames(consumers);
    const { leaseMs, ...runnerOptions } = this.config.runtime.consumers;
    this.consumers = new LeasedConsumers(
      this.store,
      new ConsumerLeases(this.database),
      consumers,
      this.heartbeat.workerId,
      runnerOptions,
      // The embedded store is opened by one process at a time: a lease held by another holder
      // was held by a run of this process that is gone.
      { leaseMs, takeOverAtOnce: eventStoreKind(this.config) === 'embedded' },
      {
        onFailure: (failure) =>
          this.logger.error(
            { consumer: failure.consumer, position: failure.position, err: failure.error },
            'consumer failed on an event; retrying it',
          ),
        onAcquired: (consumer, epoch) =>
          this.logger.log({ consumer, epoch }, 'consumer lease taken: running it here'),
        onLost: (consumer) =>
          this.logger.warn(
            { consumer },
            'consumer lease taken over by another worker (this one stalled past its expiry): stopped here',
          ),
        onLeaseError: (error) =>
          this.logger.warn({ err: error }, 'consumer leases not renewed or taken; retrying'),
      },
    );
    await this.consumers.start();
    this.logger.log(
      `consumers: ${consumers.length}, running here as ${this.heartbeat.workerId}: ${this.running.length}`,
    );
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.consumers) return;
    const timeoutMs = this.config.runtime.shutdownTimeoutMs;
    const abandoned = await this.consumers.stop(timeoutMs);
    if (abandoned.length > 0) {
      this.logger.warn(
        `consumers still busy after ${timeoutMs} ms, left to replay from their checkpoint once their lease expires: ${abandoned.join(', ')}`,
      );
    }
    this.logger.log('consumers stopped');
  }
}

function assertUniqueNames(consumers: readonly EventConsumer[]): void {
  const names = consumers.map((consumer) => consumer.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new Error(`two event consumers share the checkpoint name "${duplicate}"`);
  }
}
