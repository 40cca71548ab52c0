import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { PgliteDatabase } from '../src/index.js';

describe('the embedded store belongs to one process', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-lock-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second opener while the first holds it, and frees it on close', async () => {
    const first = await PgliteDatabase.open(dir);

    await expect(PgliteDatabase.open(dir)).rejects.toThrow(
      `the embedded store in ${dir} is in use by process ${process.pid}`,
    );

    await first.close();
    const second = await PgliteDatabase.open(dir);
    await expect(second.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    await second.close();
  }, 60_000);

  it('takes over the lock of a process that died without releasing it', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    const deadPid = await new Promise<number>((resolve) =>
      gone.once('exit', () => resolve(gone.pid ?? 0)),
    );
    await writeFile(join(dir, 'vigil.pid'), String(deadPid));

    const database = await PgliteDatabase.open(dir);
    await expect(database.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    await database.close();
  }, 60_000);
});
