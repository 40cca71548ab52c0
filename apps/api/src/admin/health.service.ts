import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EVENT_STORE, eventStoreKind, type EventStore } from '@app/event-store';
import { liveWorkers, REDIS } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig, withTimeout } from '@app/platform';
import { z } from 'zod';

const component = {
  status: z.enum(['up', 'down']),
  latencyMs: z.number().min(0),
  error: z.string().optional().meta({ description: 'why it is down' }),
};

/** GET /admin/health: each component, and `ok` only when all of them are up. */
export const healthReport = z.strictObject({
  status: z.enum(['ok', 'error']),
  checks: z.strictObject({
    eventStore: z.strictObject({
      ...component,
      adapter: z.enum(['postgres', 'embedded']).optional(),
    }),
    redis: z.strictObject(component),
    workers: z.strictObject({
      ...component,
      count: z.int().min(1).optional().meta({ description: 'the live worker processes' }),
    }),
  }),
});

export type HealthReport = z.output<typeof healthReport>;

type ComponentHealth<Details> =
  | ({ status: 'up'; latencyMs: number } & Details)
  | { status: 'down'; latencyMs: number; error: string };

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

async function probe<Details extends object>(
  check: () => Promise<Details>,
): Promise<ComponentHealth<Details>> {
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
