import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { testInfrastructure } from '@app/platform';
import { procSample } from './proc-stat.js';

/** How Vigil runs: one all-in-one process on the embedded store, or api + workers on PostgreSQL. */
export type Layout = 'all-in-one' | 'api+1-worker' | 'api+2-workers';
export const LAYOUTS: readonly Layout[] = ['all-in-one', 'api+1-worker', 'api+2-workers'];

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = {
  allInOne: ['apps/cli/dist/main.js', 'start'],
  api: ['apps/api/dist/main.js'],
  worker: ['apps/worker/dist/main.js'],
} as const;
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;
const RSS_EVERY_MS = 500;

interface VigilProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The tail of what it wrote, shown if it fails. */
  output: string;
  peakRssBytes: number;
}

/**
 * Vigil's processes for one layout, started as an operator would (`node apps/.../main.js`,
 * configured by the environment), with their CPU time and peak RSS read from /proc.
 */
export class VigilProcesses {
  private readonly rssTimer: NodeJS.Timeout;

  private constructor(private readonly processes: readonly VigilProcess[]) {
    this.rssTimer = setInterval(() => this.sampleRss(), RSS_EVERY_MS);
    this.rssTimer.unref();
  }

  static start(layout: Layout, env: Record<string, string>): VigilProcesses {
    const commands: [string, readonly string[]][] =
      layout === 'all-in-one'
        ? [['all-in-one', ENTRY.allInOne]]
        : [
            ['api', ENTRY.api],
            ...Array.from(
              { length: layout === 'api+1-worker' ? 1 : 2 },
              (_, index): [string, readonly string[]] => [`worker-${index + 1}`, ENTRY.worker],
            ),
          ];
    return new VigilProcesses(
      commands.map(([name, args]) => {
        const child = spawn(process.execPath, args, {
          cwd: REPO,
          env: { PATH: testInfrastructure().path ?? '', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const started: VigilProcess = { name, child, output: '', peakRssBytes: 0 };
        const keep = (chunk: Buffer) => {
          started.output = (started.output + chunk.toString()).slice(-4_000);
        };
        child.stdout?.on('data', keep);
        child.stderr?.on('data', keep);
        return started;
      }),
    );
  }

  /** Resolves when the api answers `GET /admin/health` with 200 (a worker is alive). */
  async ready(apiUrl: string, adminToken: string): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const exited = this.processes.find((each) => each.child.exitCode !== null);
      if (exited) throw new Error(`${exited.name} exited at start:\n${exited.output}`);
      const healthy = await fetch(`${apiUrl}/admin/health`, {
        headers: { authorization: `Bearer ${adminToken}` },
      }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.ok;
        },
        () => false,
      );
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(
      `Vigil was not healthy within ${READY_TIMEOUT_MS / 1000} s:\n` +
        this.processes.map((each) => `${each.name}: ${each.output}`).join('\n'),
    );
  }

  /** CPU seconds of every Vigil process so far, summed. */
  cpuSeconds(): number {
    return this.processes.reduce(
      (sum, each) => sum + (procSample(each.child.pid ?? -1)?.cpuSeconds ?? 0),
      0,
    );
  }

  /** Resident set of each process now, by name. */
  rssBytes(): Record<string, number> {
    return Object.fromEntries(
      this.processes.map((each) => [each.name, procSample(each.child.pid ?? -1)?.rssBytes ?? 0]),
    );
  }

  /** Highest sampled resident set of each process, by name. */
  peakRssBytes(): Record<string, number> {
    this.sampleRss();
    return Object.fromEntries(this.processes.map((each) => [each.name, each.peakRssBytes]));
  }

  /** Stops them as an operator would (SIGTERM), and kills any that outstays the timeout. */
  async stop(): Promise<void> {
    clearInterval(this.rssTimer);
    await Promise.all(
      this.processes.map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exit = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exit;
        clearTimeout(timer);
      }),
    );
  }

  private sampleRss(): void {
    for (const each of this.processes) {
      const rss = procSample(each.child.pid ?? -1)?.rssBytes ?? 0;
      each.peakRssBytes = Math.max(each.peakRssBytes, rss);
    }
  }
}
