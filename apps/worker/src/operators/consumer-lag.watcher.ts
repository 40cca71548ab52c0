import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { operatorConsumerStream } from '@app/contracts';
import { consumerLag } from '@app/consumers';
import { operatorIncidentDecider } from '@app/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { ConsumerHostService } from '../consumer-host.service.js';
import { PeriodicTask } from '../periodic-task.js';

/**
 * Measures every running consumer's lag every `operators.lagCheckIntervalMs` and tells the
 * incident decider, which opens `operator.consumer_lagging` once a consumer has stayed more than
 * `consumerLagEvents` behind for `consumerLagForMs`, and closes it when it is back within. When
 * the lag began is this process's memory: a restart only delays an alert by the waiting time.
 * Checkpoints of consumers no worker runs any more are not looked at: they would lag forever.
 */
@Injectable()
export class ConsumerLagWatcher implements OnModuleDestroy {
  private readonly logger = new Logger(ConsumerLagWatcher.name);
  private readonly aboveSince = new Map<string, string>();
  private readonly periodic = new PeriodicTask('consumer lag check', this.logger, () =>
    this.check(new Date()),
  );

  constructor(
    private readonly consumers: ConsumerHostService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  start(): void {
    this.periodic.start(this.config.runtime.operators.lagCheckIntervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    await this.periodic.stop();
  }

  async check(now: Date): Promise<void> {
    const { consumerLagEvents, consumerLagForMs } = this.config.runtime.operators;
    const running = new Set(this.consumers.running);
    // A consumer whose lease went to another worker is measured there; should it come back,
    // its lag is counted afresh, not from when it lagged here before.
    for (const name of this.aboveSince.keys()) if (!running.has(name)) this.aboveSince.delete(name);
    for (const { name, position, lag } of await consumerLag(this.store)) {
      if (!running.has(name)) continue;
      if (lag <= consumerLagEvents) this.aboveSince.delete(name);
      else if (!this.aboveSince.has(name)) this.aboveSince.set(name, now.toISOString());
      await handleCommand(this.store, operatorConsumerStream(name), operatorIncidentDecider, {
        type: 'record-consumer-lag',
        consumer: name,
        lag,
        threshold: consumerLagEvents,
        position,
        head: position + lag,
        aboveSince: this.aboveSince.get(name) ?? null,
        lagForMs: consumerLagForMs,
        now: now.toISOString(),
      });
    }
  }
}
