import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { childProcessEnv, freePort, runProcess, TEST_WATCHLIST_FILE } from '@app/testing';
import { CLI, ENTRY_POINTS } from './built-entry-points.js';

/** Four topics, where the test watchlist has two: which file was read shows in the count. */
const DEFAULT_WATCHLIST = join(process.cwd(), 'config/watchlist.yaml');

/**
 * A person copies .env.example to .env and runs Vigil from that folder: every entry point reads
 * it, and what the environment sets wins over it.
 */
describe('.env', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-env-file-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Run in `dir`, with `.env` read as for a person: no ENV_FILE (empty is unset). */
  function vigil(args: readonly string[], env: Record<string, string> = {}) {
    return runProcess(process.execPath, args, {
      cwd: dir,
      env: childProcessEnv({ ENV_FILE: '', LOG_FORMAT: 'json', ...env }),
    });
  }

  it('is read by the vigil command', async () => {
    await writeFile(join(dir, '.env'), `WATCHLIST_FILE=${TEST_WATCHLIST_FILE}\n`);

    const result = await vigil([CLI, 'watchlist', 'check']);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/watchlist\.yaml: valid, 2 topics, 2 rules, 1 aliases/);
  });

  it('gives way to the environment', async () => {
    await writeFile(join(dir, '.env'), `WATCHLIST_FILE=${TEST_WATCHLIST_FILE}\n`);

    const result = await vigil([CLI, 'watchlist', 'check'], { WATCHLIST_FILE: DEFAULT_WATCHLIST });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/watchlist\.yaml: valid, 4 topics/);
  });

  it('is replaced by the file ENV_FILE names', async () => {
    await writeFile(join(dir, '.env'), `WATCHLIST_FILE=${TEST_WATCHLIST_FILE}\n`);
    await writeFile(join(dir, 'production.env'), `WATCHLIST_FILE=${DEFAULT_WATCHLIST}\n`);

    const result = await vigil([CLI, 'watchlist', 'check'], { ENV_FILE: 'production.env' });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/watchlist\.yaml: valid, 4 topics/);
  });

  it.each(Object.entries(ENTRY_POINTS))('is read by %s at start', async (_name, args) => {
    // Only a setting read from the file can make it fail this way.
    const port = await freePort();
    await writeFile(join(dir, '.env'), `DATABASE_URL=postgres://vigil@127.0.0.1:${port}/vigil\n`);

    const result = await vigil(args);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`nothing answers at 127.0.0.1:${port} (DATABASE_URL)`);
  });
});
