import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { Redis } from 'ioredis';

export interface RedisServerHandle {
  readonly pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export class RedisServerUnavailableError extends Error {
  override readonly name = 'RedisServerUnavailableError';
}

/** True when a Redis answers PING at `url` within a second. */
export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * Starts a private redis-server on loopback for a one-machine install, keeping its data
 * (append-only file) under `dir`, with the eviction policy BullMQ needs.
 */
export async function startRedisServer(options: {
  readonly port: number;
  readonly dir: string;
}): Promise<RedisServerHandle> {
  await mkdir(options.dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(options.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      options.dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2_000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2_000)));
  const exited = new Promise<NodeJS.ErrnoException | number | null>((resolve) => {
    child.once('error', resolve);
    child.once('exit', resolve);
  });

  const url = `redis://127.0.0.1:${options.port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const outcome = await Promise.race([exited, delay(100).then(() => 'waiting' as const)]);
    if (outcome !== 'waiting') {
      if (typeof outcome === 'object' && outcome?.code === 'ENOENT') {
        throw new RedisServerUnavailableError('no redis-server binary on PATH');
      }
      throw new RedisServerUnavailableError(`redis-server exited at start: ${output.trim()}`);
    }
    if (await redisAnswers(url)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new RedisServerUnavailableError(
        `redis-server did not answer within ${READY_TIMEOUT_MS} ms`,
      );
    }
  }

  return {
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([
        exited.then(() => true),
        delay(STOP_TIMEOUT_MS).then(() => false),
      ]);
      if (!stopped) child.kill('SIGKILL');
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
