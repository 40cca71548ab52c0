import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MemoryProbe } from './memory-probe.js';
import { residentMemory, type ResidentMemory } from './process-memory.js';

const HOOK = new URL('./memory-probe.hook.js', import.meta.url).pathname;
const STOP_TIMEOUT_MS = 20_000;
const PROBE_TIMEOUT_MS = 10_000;

/** What one process weighed once idle. */
export interface IdleMemory extends ResidentMemory, MemoryProbe {}

/**
 * A Node process started with the memory probe preloaded and an IPC channel to ask it, its
 * output kept for when it fails.
 */
export class MeasuredProcess {
  private output = '';
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static start(
    nodeArgs: readonly string[],
    args: readonly string[],
    env: Readonly<Record<string, string>>,
  ): MeasuredProcess {
    return new MeasuredProcess(
      spawn(process.execPath, [...nodeArgs, '--import', HOOK, ...args], {
        env,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      }),
    );
  }

  /** Resolves when the process has written `text`; rejects if it exits first or takes too long. */
  async waitForOutput(text: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`the process exited before "${text}":\n${this.tail()}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`no "${text}" after ${timeoutMs} ms:\n${this.tail()}`);
      }
      await sleep(100);
    }
  }

  /**
   * Waits `settleSeconds`, then samples the resident memory every second for `samples` seconds
   * and keeps the median, so one allocation burst does not decide the figure.
   */
  async idleMemory(settleSeconds: number, samples: number): Promise<IdleMemory> {
    await sleep(settleSeconds * 1000);
    const readings: ResidentMemory[] = [];
    for (let sample = 0; sample < samples; sample += 1) {
      readings.push(await residentMemory(this.pid()));
      await sleep(1000);
    }
    const rss = readings.map((reading) => reading.rss).sort((a, b) => a - b);
    const median = rss[Math.floor(rss.length / 2)] ?? 0;
    const peak = Math.max(...readings.map((reading) => reading.peak));
    return { rss: median, peak, ...(await this.probe()) };
  }

  /** SIGTERM, then SIGKILL if it has not exited in time. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([
      this.exited.then(() => true),
      sleep(STOP_TIMEOUT_MS).then(() => false),
    ]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  private probe(): Promise<MemoryProbe> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the memory probe did not answer')),
        PROBE_TIMEOUT_MS,
      );
      this.child.once('message', (message: MemoryProbe) => {
        clearTimeout(timer);
        resolve(message);
      });
      this.child.send('probe');
    });
  }

  private pid(): number {
    if (this.child.pid === undefined) throw new Error('the process did not start');
    return this.child.pid;
  }

  private tail(): string {
    return this.output.slice(-2000);
  }
}
