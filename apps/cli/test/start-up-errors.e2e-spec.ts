import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  childProcessEnv,
  createPostgresTestDatabase,
  freePort,
  NO_FEEDS_FILE,
  type PostgresTestDatabase,
  runProcess,
  TEST_WATCHLIST_FILE,
  uniqueQueuePrefix,
} from '@app/testing';
import { type EntryPoint, ENTRY_POINTS, STACK_FRAME } from './built-entry-points.js';

/** Boots that get as far as listening: tens of seconds on a loaded machine. */
const BOOT_TIMEOUT_MS = 120_000;

let dataDir: string;
let database: PostgresTestDatabase;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'vigil-start-up-'));
  database = await createPostgresTestDatabase();
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await database.drop();
});

function start(entryPoint: EntryPoint, env: Record<string, string>) {
  return runProcess(process.execPath, ENTRY_POINTS[entryPoint], {
    env: childProcessEnv({
      LOG_FORMAT: 'json',
      FEEDS_FILE: NO_FEEDS_FILE,
      WATCHLIST_FILE: TEST_WATCHLIST_FILE,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      DATA_DIR: dataDir,
      ...env,
    }),
  });
}

/** Exit 1, one line on stderr that matches, and no stack frame anywhere. */
function expectOneLineFailure(
  result: Awaited<ReturnType<typeof start>>,
  line: string | RegExp,
): void {
  const lines = result.stderr.trimEnd().split('\n');
  expect({ code: result.code, lines }).toEqual({
    code: 1,
    lines: [typeof line === 'string' ? line : expect.stringMatching(line)],
  });
  expect(result.stdout + result.stderr).not.toContain(STACK_FRAME);
}

describe.each(Object.keys(ENTRY_POINTS) as EntryPoint[])('%s refuses to start', (entryPoint) => {
  it('naming DATABASE_URL when nothing answers there', async () => {
    const port = await freePort();

    const result = await start(entryPoint, {
      DATABASE_URL: `postgres://vigil:S3cretPw@127.0.0.1:${port}/vigil`,
    });

    expectOneLineFailure(
      result,
      `Vigil cannot start: nothing answers at 127.0.0.1:${port} (DATABASE_URL): start ` +
        'PostgreSQL there, correct DATABASE_URL, or unset it to use the embedded store under DATA_DIR',
    );
    expect(result.stderr).not.toContain('S3cretPw');
  });

  it('naming DATA_DIR when another live process holds the embedded store', async () => {
    const held = join(dataDir, `held-${entryPoint.replace(' ', '-')}`);
    await mkdir(join(held, 'event-store'), { recursive: true });
    // This test's own process: alive, and not the one starting.
    await writeFile(join(held, 'event-store', 'vigil.pid'), String(process.pid));

    const result = await start(entryPoint, { DATA_DIR: held });

    expectOneLineFailure(
      result,
      `Vigil cannot start: the embedded store in ${join(held, 'event-store')} is in use by ` +
        `process ${process.pid} (DATA_DIR): stop that process, give this one another DATA_DIR, ` +
        'or set DATABASE_URL to share PostgreSQL between processes',
    );
  });
});

describe.each(['api', 'worker'] as const)('%s refuses to start', (entryPoint) => {
  it('naming REDIS_URL when nothing answers there', async () => {
    const port = await freePort();

    const result = await start(entryPoint, {
      DATABASE_URL: database.url,
      REDIS_URL: `redis://127.0.0.1:${port}`,
    });

    expectOneLineFailure(
      result,
      `Vigil cannot start: Redis at redis://127.0.0.1:${port} (REDIS_URL) did not answer ` +
        `(connect ECONNREFUSED 127.0.0.1:${port}): start Redis there, or correct REDIS_URL`,
    );
  });
});

describe('start-up failures name the setting to fix', () => {
  it('a database that does not exist on the server', async () => {
    const missing = `${new URL(database.url).pathname.slice(1)}_missing`;

    const result = await start('api', {
      DATABASE_URL: Object.assign(new URL(database.url), { pathname: `/${missing}` }).toString(),
    });

    expectOneLineFailure(
      result,
      new RegExp(
        `^Vigil cannot start: PostgreSQL at [^ ]+ has no database "${missing}" \\(DATABASE_URL\\): ` +
          `create it \\(createdb ${missing}\\) or correct the database name in DATABASE_URL$`,
      ),
    );
  });

  it('a host that does not exist', async () => {
    const result = await start('worker', {
      DATABASE_URL: 'postgres://vigil@vigil-db.invalid:5432/vigil',
    });

    expectOneLineFailure(
      result,
      'Vigil cannot start: the host "vigil-db.invalid" of DATABASE_URL was not found: correct ' +
        'the host in DATABASE_URL',
    );
  });

  it('an env file named by ENV_FILE that does not exist', async () => {
    const missing = join(dataDir, 'missing.env');

    const result = await start('worker', { ENV_FILE: missing });

    expectOneLineFailure(result, `Vigil cannot start: ENV_FILE: ${missing} does not exist`);
  });

  it('adds the stack and its causes with LOG_LEVEL=debug', async () => {
    const port = await freePort();

    const result = await start('worker', {
      DATABASE_URL: `postgres://vigil@127.0.0.1:${port}/vigil`,
      LOG_LEVEL: 'debug',
    });

    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe(
      `Vigil cannot start: nothing answers at 127.0.0.1:${port} (DATABASE_URL): start ` +
        'PostgreSQL there, correct DATABASE_URL, or unset it to use the embedded store under DATA_DIR',
    );
    expect(result.stderr).toContain(STACK_FRAME);
    expect(result.stderr).toContain(`[cause]: Error: connect ECONNREFUSED 127.0.0.1:${port}`);
  });
});

describe.each(['vigil start', 'api'] as const)('%s refuses to start', (entryPoint) => {
  let occupied: Server;
  let port: number;

  beforeAll(async () => {
    occupied = createServer();
    // On every address, as the api listens: a port taken on any of them is taken.
    await new Promise<void>((resolve) => occupied.listen(0, resolve));
    port = (occupied.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => occupied.close(resolve));
  });

  it(
    'naming PORT when another process listens on it',
    async () => {
      const result = await start(entryPoint, {
        DATABASE_URL: database.url,
        PORT: String(port),
      });

      expectOneLineFailure(
        result,
        `Vigil cannot start: port ${port} (PORT) is already in use by another process: stop ` +
          'that process, or set PORT to a free port',
      );
    },
    BOOT_TIMEOUT_MS,
  );
});
