import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { testInfrastructure } from '@app/platform';
import {
  childProcessEnv,
  createPostgresTestDatabase,
  expectEventually,
  freePort,
  NO_FEEDS_FILE,
  type PostgresTestDatabase,
  type ProcessExit,
  type StartedProcess,
  startProcess,
  TEST_WATCHLIST_FILE,
  uniqueQueuePrefix,
} from '@app/testing';

/** `npm start` builds (a no-op after npm test's build), then boots: give it time on a busy machine. */
const BOOT_BUDGET_MS = 120_000;
const STARTED = 'vigil started';

interface NpmStart {
  readonly npm: StartedProcess;
  /** The pid of node, from its own log lines. */
  readonly vigilPid: number;
  /** The log messages written so far, in order. */
  readonly messages: () => string[];
}

/**
 * Whether the process still runs. An orphan that exited stays a zombie until its new parent
 * reaps it, and signal 0 still reaches a zombie: Linux's /proc tells them apart.
 */
/** When npm itself exits: `close` would also wait for a node that npm left running. */
function npmExit(npm: StartedProcess): Promise<ProcessExit> {
  return new Promise((resolve) =>
    npm.child.once('exit', (code, signal) => resolve({ code, signal })),
  );
}

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync('/proc/self')) {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The signals a person and a supervisor send reach Vigil through `npm start`: the script
 * `exec`s node, so node is the process npm forwards SIGINT and SIGTERM to, and the one a
 * terminal's SIGINT or SIGHUP reaches; without exec a shell sits between and, killed, leaves
 * node running.
 */
describe('npm start passes signals to Vigil', () => {
  let database: PostgresTestDatabase;
  let dataDir: string;
  let running: NpmStart | undefined;

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'vigil-npm-start-'));
  });

  afterEach(() => {
    // A failed case must not leave its processes behind: the whole group goes, node with it
    // even when npm is gone.
    try {
      if (running !== undefined) process.kill(-(running.npm.child.pid ?? 0), 'SIGKILL');
    } catch {
      // Nothing left in the group.
    }
    running = undefined;
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await database.drop();
  });

  async function npmStart(): Promise<NpmStart> {
    const npm = startProcess('npm', ['start'], {
      cwd: process.cwd(),
      // Its own process group, as in a terminal: "Ctrl-C" signals the whole group.
      detached: true,
      env: childProcessEnv({
        PATH: testInfrastructure().path ?? '',
        PORT: String(await freePort()),
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        QUEUE_PREFIX: uniqueQueuePrefix(),
        FEEDS_FILE: NO_FEEDS_FILE,
        WATCHLIST_FILE: TEST_WATCHLIST_FILE,
        LOG_FORMAT: 'json',
      }),
    });
    const logLines = () =>
      npm
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg?: string; pid?: number });
    const started = await expectEventually(
      () => {
        const line = logLines().find((entry) => entry.msg?.startsWith(STARTED));
        if (line?.pid === undefined) {
          throw new Error(`npm start has not started Vigil yet:\n${npm.stdout()}${npm.stderr()}`);
        }
        return line;
      },
      { timeoutMs: BOOT_BUDGET_MS, intervalMs: 200 },
    );
    running = {
      npm,
      vigilPid: started.pid ?? 0,
      messages: () => logLines().map((entry) => entry.msg ?? ''),
    };
    return running;
  }

  it(
    'SIGTERM to npm stops Vigil cleanly, and npm exits 0',
    async () => {
      const { npm, vigilPid, messages } = await npmStart();

      const exited = npmExit(npm);
      npm.child.kill('SIGTERM');

      expect(await exited).toEqual({ code: 0, signal: null });
      expect(isAlive(vigilPid)).toBe(false);
      await npm.exit;
      expect(messages()).toEqual(
        expect.arrayContaining(['SIGTERM received: shutting down', 'shut down cleanly']),
      );
    },
    BOOT_BUDGET_MS + 60_000,
  );

  it(
    'Ctrl-C (SIGINT to the process group, then npm forwards it) stops Vigil cleanly, once',
    async () => {
      const { npm, vigilPid, messages } = await npmStart();

      const exited = npmExit(npm);
      process.kill(-(npm.child.pid ?? 0), 'SIGINT');

      expect(await exited).toEqual({ code: 0, signal: null });
      expect(isAlive(vigilPid)).toBe(false);
      await npm.exit;
      const log = messages();
      expect(log.filter((message) => message.startsWith('SIGINT'))).toEqual([
        'SIGINT received: shutting down',
      ]);
      expect(log).toContain('shut down cleanly');
    },
    BOOT_BUDGET_MS + 60_000,
  );

  it(
    'SIGHUP to the process group (the terminal closed) stops Vigil cleanly',
    async () => {
      const { npm, vigilPid, messages } = await npmStart();

      process.kill(-(npm.child.pid ?? 0), 'SIGHUP');

      // npm itself dies of SIGHUP at once; the pipes close as Vigil exits, an orphan.
      await npm.exit;
      await expectEventually(() => expect(isAlive(vigilPid)).toBe(false));
      expect(messages()).toEqual(
        expect.arrayContaining(['SIGHUP received: shutting down', 'shut down cleanly']),
      );
    },
    BOOT_BUDGET_MS + 60_000,
  );
});
