import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  childProcessEnv,
  createPostgresTestDatabase,
  expectEventually,
  freePort,
  NO_FEEDS_FILE,
  type PostgresTestDatabase,
  TEST_WATCHLIST_FILE,
  uniqueQueuePrefix,
} from '@app/testing';

const ADMIN_TOKEN = 'cli-e2e-admin-token-123456';
/** The built CLI, run by the project's pinned Node (npm test builds first). */
const CLI = join(process.cwd(), 'apps/cli/dist/main.js');

interface RunningVigil {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runVigil(env: Record<string, string>, args = ['start']): RunningVigil {
  let output = '';
  const child = spawn(process.execPath, [CLI, ...args], {
    // An explicit environment: nothing leaks in from the test runner's own.
    env: childProcessEnv({
      LOG_FORMAT: 'json',
      FEEDS_FILE: NO_FEEDS_FILE,
      WATCHLIST_FILE: TEST_WATCHLIST_FILE,
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, url: `http://127.0.0.1:${env['PORT'] ?? '3000'}`, output: () => output, exit };
}

async function health(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/admin/health`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  return { status: response.status, body: await response.json() };
}

/**
 * A first boot on a fresh embedded store runs PGlite's initdb: about 10 s of CPU on an idle
 * machine here, three times that while the other test files load both cores.
 */
const BOOT_BUDGET_MS = 90_000;

/** Waits for `check` to pass; when boot fails, the process's own output says why. */
async function whenBooted<T>(vigil: RunningVigil, check: () => Promise<T>): Promise<T> {
  try {
    return await expectEventually(check, { timeoutMs: BOOT_BUDGET_MS, intervalMs: 200 });
  } catch (error) {
    throw new Error(`vigil start did not become healthy: ${String(error)}\n${vigil.output()}`, {
      cause: error,
    });
  }
}

/** Log messages in the order the process wrote them. */
function messages(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { msg?: string }).msg ?? '');
}

describe('vigil start (api and worker in one process)', () => {
  let dataDir: string;
  let database: PostgresTestDatabase;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'vigil-cli-'));
    database = await createPostgresTestDatabase();
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await database.drop();
  });

  it(
    'boots on the embedded store, reports healthy, and shuts down cleanly on Ctrl-C',
    async () => {
      const vigil = runVigil({
        PORT: String(await freePort()),
        DATA_DIR: dataDir,
        ADMIN_TOKEN,
        QUEUE_PREFIX: uniqueQueuePrefix(),
      });

      const report = await whenBooted(vigil, async () => {
        const answer = await health(vigil.url);
        expect(answer.status).toBe(200);
        return answer.body;
      });
      expect(report).toMatchObject({
        status: 'ok',
        checks: {
          eventStore: { status: 'up', adapter: 'embedded' },
          redis: { status: 'up' },
          workers: { status: 'up', count: 1 },
        },
      });

      vigil.child.kill('SIGINT');
      expect(await vigil.exit).toEqual({ code: 0, signal: null });
      const log = messages(vigil.output());
      const order = [
        'SIGINT received: shutting down',
        'consumers stopped',
        'redis connection closed',
        'event store closed',
        'shut down cleanly',
      ].map((message) => log.indexOf(message));
      expect(order.every((index) => index >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    },
    BOOT_BUDGET_MS + 60_000,
  );

  it(
    'runs every consumer again at once after a crash: on the embedded store no lease of the dead run is waited for',
    async () => {
      // An hour: only taking the dead run's leases at once explains a takeover in this test.
      const settings = join(dataDir, 'long-leases.yaml');
      await writeFile(settings, 'consumers:\n  leaseMs: 3600000\n');
      const env = {
        DATA_DIR: dataDir,
        ADMIN_TOKEN,
        VIGIL_CONFIG_FILE: settings,
        QUEUE_PREFIX: uniqueQueuePrefix(),
      };
      const heldBy = async (vigil: RunningVigil): Promise<Set<string | null>> => {
        const { consumers } = (await (
          await fetch(`${vigil.url}/admin/consumers`, {
            headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
          })
        ).json()) as { consumers: { name: string; lease: { state: string; holder: string } }[] };
        const names = consumers.map((consumer) => consumer.name);
        expect(names).toEqual(expect.arrayContaining(['alerts-view', 'subscriptions-view']));
        expect(consumers.every((consumer) => consumer.lease.state === 'held')).toBe(true);
        return new Set(consumers.map((consumer) => consumer.lease.holder));
      };

      const crashed = runVigil({ ...env, PORT: String(await freePort()) });
      const [deadHolder] = await whenBooted(crashed, async () => {
        const holders = await heldBy(crashed);
        expect(holders.size).toBe(1);
        return [...holders];
      });
      crashed.child.kill('SIGKILL');
      expect(await crashed.exit).toEqual({ code: null, signal: 'SIGKILL' });

      const next = runVigil({ ...env, PORT: String(await freePort()) });
      try {
        const holders = await whenBooted(next, async () => {
          const held = await heldBy(next);
          expect(held.has(deadHolder ?? null)).toBe(false);
          // Logged once the signals are handled, so the SIGTERM below shuts it down cleanly.
          expect(messages(next.output()).some((line) => line.startsWith('vigil started'))).toBe(
            true,
          );
          return held;
        });
        expect(holders.size).toBe(1);
      } finally {
        next.child.kill('SIGTERM');
        expect(await next.exit).toEqual({ code: 0, signal: null });
      }
    },
    2 * BOOT_BUDGET_MS + 30_000,
  );

  it(
    'boots on PostgreSQL and stops on SIGTERM with exit code 0',
    async () => {
      const vigil = runVigil({
        PORT: String(await freePort()),
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        ADMIN_TOKEN,
        QUEUE_PREFIX: uniqueQueuePrefix(),
      });

      await whenBooted(vigil, async () => {
        const answer = await health(vigil.url);
        expect(answer.body).toMatchObject({
          status: 'ok',
          checks: { eventStore: { adapter: 'postgres' } },
        });
      });

      vigil.child.kill('SIGTERM');
      expect(await vigil.exit).toEqual({ code: 0, signal: null });
      expect(vigil.output()).not.toContain(ADMIN_TOKEN);
    },
    BOOT_BUDGET_MS + 60_000,
  );

  it('refuses an invalid configuration, naming the variable and the reason', async () => {
    const vigil = runVigil({ PORT: 'eighty', DATA_DIR: dataDir, LOG_LEVEL: 'chatty' });

    expect(await vigil.exit).toEqual({ code: 1, signal: null });
    expect(vigil.output()).toContain('PORT: must be an integer between 1 and 65535 (got "eighty")');
    expect(vigil.output()).toContain('LOG_LEVEL: must be one of');
  }, 30_000);

  it('says how to get Redis when an explicit REDIS_URL does not answer', async () => {
    const vigil = runVigil({
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    });

    expect(await vigil.exit).toEqual({ code: 1, signal: null });
    expect(vigil.output()).toContain('(REDIS_URL) did not answer');
    expect(vigil.output()).toContain('apt-get install redis-server');
  }, 30_000);

  it('prints usage for an unknown command and exits 2', async () => {
    const vigil = runVigil({}, ['frobnicate']);

    expect(await vigil.exit).toEqual({ code: 2, signal: null });
    expect(vigil.output()).toContain('unknown command "frobnicate"');
    expect(vigil.output()).toContain('Usage: vigil <command>');
  });
});
