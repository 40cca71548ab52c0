import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'vigil.pid';

/** Another live process holds the embedded store: its message says which and what to do. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

/**
 * The embedded store is one process's: two PGlite instances writing one folder corrupt it. The
 * lock is a file holding the owner's pid, taken with O_EXCL; a lock whose process is gone (a
 * crash, a SIGKILL) is taken over.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (isAlive(owner)) {
        throw new DataDirInUseError(
          `the embedded store in ${dir} is in use by process ${owner} (DATA_DIR): stop that ` +
            'process, give this one another DATA_DIR, or set DATABASE_URL to share PostgreSQL ' +
            'between processes',
          { cause: error },
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new Error(`could not lock the embedded store in ${dir}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
