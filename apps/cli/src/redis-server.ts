import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';

export interface RedisServerHandle {
  readonly pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export class RedisServerUnavailableError extends Error {
  override readonly name = 'RedisServerUnavailableError';
}

/**
 * True when something speaking the Redis protocol answers a PING at `url` within a second
 * (a NOAUTH error counts: a Redis is there). A bare socket leaves no client timers behind.
 */
export function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 6379) });
    let reply = '';
    const finish = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) finish(/^(\+PONG|-NOAUTH)/.test(reply));
    });
  });
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
      const forceKill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(forceKill);
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
