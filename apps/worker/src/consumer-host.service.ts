import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AsEventConsumer, ConsumerRunner, type EventConsumer } from '@app/consumers';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';

/**
 * Runs every provider marked @AsEventConsumer() from its checkpoint, once startWorker() says
 * so. Stopped in the first shutdown phase, before queues and the store close, each within the
 * shutdown timeout.
 */
@Injectable()
export class ConsumerHostService implements OnModuleDestroy {
  private readonly logger = new Logger(ConsumerHostService.name);
  private runners: ConsumerRunner[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  get running(): readonly string[] {
    return this.runners.filter((runner) => runner.isRunning).map((runner) => runner.name);
  }

  async start(): Promise<void> {
    const consumers = this.discovery
      .getProviders({ metadataKey: AsEventConsumer.KEY })
      .map((wrapper) => wrapper.instance as EventConsumer);
    assertUniqueNames(consumers);
    this.runners = consumers.map(
      (consumer) =>
        new ConsumerRunner(this.store, consumer, this.config.runtime.consumers, (failure) =>
          this.logger.error(
            { consumer: failure.consumer, position: failure.position, err: failure.error },
            'consumer failed on an event; retrying it',
          ),
        ),
    );
    await Promise.all(this.runners.map((runner) => runner.start()));
    this.logger.log(`consumers running: ${this.runners.length}`);
  }

  async onModuleDestroy(): Promise<void> {
    const timeoutMs = this.config.runtime.shutdownTimeoutMs;
    const stopped = await Promise.all(this.runners.map((runner) => runner.stop(timeoutMs)));
    const abandoned = this.runners.filter((_, index) => !stopped[index]).map((r) => r.name);
    if (abandoned.length > 0) {
      this.logger.warn(
        `consumers still busy after ${timeoutMs} ms, left to replay from their checkpoint: ${abandoned.join(', ')}`,
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
