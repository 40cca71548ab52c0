import { execFile } from 'node:child_process';
import { access, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.js';
import type { Database, SqlQueryable } from './database.port.js';

/**
 * PostgreSQL's buffer cache inside PGlite's WASM memory. PGlite keeps PostgreSQL's 128 MB, which
 * becomes resident as the log is read and stays so; one connection on one machine needs far less,
 * and the OS page cache still holds the data files. Given at every start rather than written to
 * postgresql.conf (which PGlite's `postgresqlconf` would replace whole), so a data folder is left
 * as initdb made it. Measured in docs/memory.md.
 */
const SHARED_BUFFERS = '16MB';
const START_PARAMS = [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`];

/**
 * Creates a PGlite data folder in a child process that exits when done. initdb runs in a second
 * WASM instance whose memory, once grown, the allocator never hands back to the OS: done in this
 * process, a first start would idle about 130 MB higher than every later one (docs/memory.md).
 */
const INITDB_SCRIPT = `
const { PGlite } = require(process.argv[1]);
const pglite = new PGlite(process.argv[2]);
pglite.waitReady.then(() => pglite.close()).catch((error) => {
  process.stderr.write(String(error && error.message ? error.message : error));
  process.exit(1);
});`;
const PGLITE_ENTRY = createRequire(import.meta.url).resolve('@electric-sql/pglite');
const execFileAsync = promisify(execFile);

async function initialiseDataDir(dataDir: string): Promise<void> {
  const initialised = await access(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (initialised) return;
  try {
    await execFileAsync(process.execPath, ['-e', INITDB_SCRIPT, PGLITE_ENTRY, dataDir]);
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    const reason = typeof stderr === 'string' && stderr.trim() ? stderr.trim() : String(error);
    throw new Error(`initdb failed: ${reason}`, { cause: error });
  }
}

/**
 * The embedded store: PostgreSQL compiled to WASM, in-process, one connection. Used when no
 * DATABASE_URL is set, so one machine needs no database server.
 */
export class PgliteDatabase implements Database {
  private constructor(
    private readonly pglite: PGlite,
    private readonly unlock: () => Promise<void>,
  ) {}

  /**
   * Opens (or creates) the store in `dataDir`, which no other process may hold; `undefined`
   * keeps it in memory (tests).
   */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    if (!dataDir) {
      const pglite = new PGlite({ startParams: START_PARAMS });
      await pglite.waitReady;
      return new PgliteDatabase(pglite, () => Promise.resolve());
    }
    await mkdir(dataDir, { recursive: true });
    const unlock = await lockDataDir(dataDir);
    try {
      await initialiseDataDir(dataDir);
      const pglite = new PGlite(dataDir, { startParams: START_PARAMS });
      await pglite.waitReady;
      return new PgliteDatabase(pglite, unlock);
    } catch (error) {
      await unlock();
      throw error;
    }
  }

  query<TRow>(sql: string, params: readonly unknown[] = []): Promise<TRow[]> {
    return queryRows<TRow>(this.pglite, sql, params);
  }

  async exec(sql: string): Promise<void> {
    await this.pglite.exec(sql);
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) =>
      work({
        query: <TRow>(sql: string, params: readonly unknown[] = []) =>
          queryRows<TRow>(tx, sql, params),
        exec: async (sql: string) => {
          await tx.exec(sql);
        },
      }),
    );
  }

  async listen(
    channel: string,
    onNotification: (payload: string) => void,
  ): Promise<() => Promise<void>> {
    const unlisten = await this.pglite.listen(channel, onNotification);
    return () => unlisten();
  }

  async close(): Promise<void> {
    if (this.pglite.closed) return;
    await this.pglite.close();
    await this.unlock();
  }
}

async function queryRows<TRow>(
  target: PGlite | Transaction,
  sql: string,
  params: readonly unknown[],
): Promise<TRow[]> {
  const result = await target.query<TRow>(sql, [...params]);
  return result.rows;
}
