import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { childProcessEnv, expectEventually, freePort } from '@app/testing';
import { testInfrastructure } from '@app/platform';

/** The built CLI, run by the project's pinned Node (npm test builds first). */
const CLI = join(process.cwd(), 'apps/cli/dist/main.js');
/**
 * A first boot on a fresh embedded store runs PGlite's initdb (about 10 s of CPU idle, three
 * times that while other test files load both cores), then three reports a few seconds apart.
 */
const DEMO_BUDGET_MS = 150_000;

interface DemoRun {
  readonly child: ChildProcess;
  output(): string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runDemo(args: readonly string[], port: number): DemoRun {
  let output = '';
  const child = spawn(process.execPath, [CLI, 'demo', ...args], {
    // An explicit environment: nothing leaks in from the test runner's own. No PATH, so the
    // demo uses the machine's Redis rather than a redis-server of its own.
    env: childProcessEnv({ PORT: String(port), LOG_FORMAT: 'json' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exit };
}

/** One delivery as the demo prints it: the heading's type, then its indented lines. */
interface PrintedDelivery {
  readonly type: string;
  readonly lines: readonly string[];
}

function printedDeliveries(output: string): PrintedDelivery[] {
  const deliveries: PrintedDelivery[] = [];
  let current: { type: string; lines: string[] } | undefined;
  for (const line of output.split('\n')) {
    const heading = /^\[ *[\d.]+ s\] webhook (alert\.\w+), signature verified/.exec(line);
    if (heading) {
      current = { type: heading[1]!, lines: [] };
      deliveries.push(current);
    } else if (line.startsWith('  ') && current) {
      current.lines.push(line);
    } else {
      current = undefined;
    }
  }
  return deliveries;
}

/** The demo data folder it announced. */
function dataDirOf(output: string): string {
  const found = /embedded store in (\S+) \(deleted at the end\)/.exec(output);
  if (!found) throw new Error(`the demo named no data folder:\n${output}`);
  return found[1]!;
}

async function demoKeys(redis: Redis): Promise<Set<string>> {
  return new Set(await redis.keys('vigil-demo-*'));
}

/** Fails with the process's own output, which says why, when `run` exits otherwise. */
async function exitOf(run: DemoRun) {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`the demo did not exit in time:\n${run.output()}`)),
      DEMO_BUDGET_MS,
    ).unref(),
  );
  return Promise.race([run.exit, timeout]);
}

describe('vigil demo', () => {
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(testInfrastructure().redisUrl, { maxRetriesPerRequest: 3 });
  });

  afterAll(() => {
    redis.disconnect();
  });

  it(
    'shows one alert raised and corroborated twice, each webhook verified, with the reasons, then exits and leaves nothing behind',
    async () => {
      const keysBefore = await demoKeys(redis);
      const run = runDemo(['--once'], await freePort());

      const exit = await exitOf(run);
      const output = run.output();
      expect({ exit, output }).toMatchObject({ exit: { code: 0, signal: null } });

      const deliveries = printedDeliveries(output);
      expect(deliveries.map((delivery) => delivery.type)).toEqual([
        'alert.raised',
        'alert.corroborated',
        'alert.corroborated',
      ]);
      for (const delivery of deliveries) {
        const why = delivery.lines.find((line) => line.startsWith('  why:'));
        expect(why).toMatch(/\(rules? [a-z-]+.*\): "[^"]+"/);
        expect(delivery.lines.some((line) => line.startsWith('  topics:  '))).toBe(true);
      }
      expect(deliveries[2]?.lines).toContain(
        '  sources: Demo outlet 1, Demo outlet 2, Demo outlet 3',
      );
      expect(output).toMatch(/Done in [\d.]+ s: 3 reports from 3 outlets, 1 alert raised and 2/);
      expect(output).not.toContain('whsec_');

      expect(existsSync(dataDirOf(output))).toBe(false);
      const left = [...(await demoKeys(redis))].filter((key) => !keysBefore.has(key));
      expect(left).toEqual([]);
    },
    DEMO_BUDGET_MS + 10_000,
  );

  it(
    'stops cleanly on Ctrl-C in the middle of the story, deleting its data',
    async () => {
      const keysBefore = await demoKeys(redis);
      const run = runDemo([], await freePort());
      await expectEventually(
        () => {
          expect(printedDeliveries(run.output()).map((delivery) => delivery.type)).toContain(
            'alert.raised',
          );
          return Promise.resolve();
        },
        { timeoutMs: DEMO_BUDGET_MS, intervalMs: 200 },
      ).catch((error: unknown) => {
        run.child.kill('SIGKILL');
        throw new Error(`no alert was delivered: ${String(error)}\n${run.output()}`);
      });

      run.child.kill('SIGINT');
      expect(await exitOf(run)).toEqual({ code: 0, signal: null });
      expect(run.output()).toContain('Vigil stopped; the demo data is deleted.');
      expect(run.output()).not.toContain('Done in');
      expect(existsSync(dataDirOf(run.output()))).toBe(false);
      const left = [...(await demoKeys(redis))].filter((key) => !keysBefore.has(key));
      expect(left).toEqual([]);
    },
    DEMO_BUDGET_MS + 10_000,
  );

  it('says in one line where to get the seed reports when there are none, and starts nothing', async () => {
    const emptyDir = await mkdtemp(join(tmpdir(), 'vigil-no-seeds-'));
    try {
      const run = runDemo(['--once', '--seeds', emptyDir], await freePort());
      expect(await run.exit).toEqual({ code: 1, signal: null });
      expect(run.output()).toBe(
        `vigil demo: no seed reports (.txt files) in ${emptyDir}: the demo publishes the three ` +
          `seed reports of Vigil's shared corpus, so put its shared/ folder beside the ` +
          `repository (../shared/corpus/seeds) or pass --seeds <folder of plain-text reports>\n`,
      );
    } finally {
      await rm(emptyDir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown option in one line, exit 2', async () => {
    const run = runDemo(['--fast'], await freePort());
    expect(await run.exit).toEqual({ code: 2, signal: null });
    expect(run.output()).toMatch(/^vigil demo: Unknown option '--fast'\.[^\n]*\n$/);
  });
});
