import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { beat, REDIS, retire } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';

const MISSED_BEATS_BEFORE_DEAD = 3;

/**
 * Announces this worker process in Redis so health checks anywhere can count live workers.
 * Its id also names the worker in the consumer leases it holds.
 */
@Injectable()
export class WorkerHeartbeatService implements OnModuleDestroy {
  private readonly logger = new Logger(WorkerHeartbeatService.name);
  /** Host and pid, and a suffix that tells apart two workers one process runs (tests). */
  readonly workerId = `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async start(): Promise<void> {
    const intervalMs = this.config.runtime.workers.heartbeatIntervalMs;
    const startedAt = new Date().toISOString();
    const sendBeat = () =>
      beat(
        this.redis,
        this.config.queuePrefix,
        this.workerId,
        intervalMs * MISSED_BEATS_BEFORE_DEAD,
        {
          pid: process.pid,
          startedAt,
        },
      );
    await sendBeat();
    this.timer = setInterval(() => {
      sendBeat().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'worker heartbeat not recorded'),
      );
    }, intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await retire(this.redis, this.config.queuePrefix, this.workerId).catch(() => undefined);
  }
}
