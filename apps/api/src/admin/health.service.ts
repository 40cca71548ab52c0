import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EVENT_STORE, eventStoreKind, type EventStore } from '@app/event-store';
import { liveWorkers, REDIS } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig, withTimeout } from '@app/platform';

export interface ComponentHealth {
  readonly status: 'up' | 'down';
  readonly latencyMs?: number;
  readonly error?: string;
  readonly [detail: string]: unknown;
}

export interface HealthReport {
  readonly status: 'ok' | 'error';
  readonly checks: {
    readonly eventStore: ComponentHealth;
    readonly redis: ComponentHealth;
    readonly workers: ComponentHealth;
  };
}

const CHECK_TIMEOUT_MS = 2_000;

/** Readiness of what Vigil stands on: the event store, Redis, and at least one live worker. */
@Injectable()
export class HealthService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async check(): Promise<HealthReport> {
    const [eventStore, redis, workers] = await Promise.all([
      probe(async () => {
        await this.store.ping();
        return { adapter: eventStoreKind(this.config) };
      }),
      probe(async () => {
        await this.redis.ping();
        return {};
      }),
      probe(async () => {
        const ids = await liveWorkers(this.redis, this.config.queuePrefix);
        if (ids.length === 0) throw new Error('no worker process has reported in');
        return { count: ids.length };
      }),
    ]);
    const checks = { eventStore, redis, workers };
    const healthy = Object.values(checks).every((check) => check.status === 'up');
    return { status: healthy ? 'ok' : 'error', checks };
  }
}

async function probe(check: () => Promise<Record<string, unknown>>): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    const details = await withTimeout(check(), CHECK_TIMEOUT_MS);
    return { status: 'up', latencyMs: elapsed(started), ...details };
  } catch (error) {
    return { status: 'down', latencyMs: elapsed(started), error: (error as Error).message };
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
