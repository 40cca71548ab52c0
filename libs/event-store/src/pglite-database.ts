import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.js';
import type { Database, SqlQueryable } from './database.port.js';

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
      const pglite = new PGlite();
      await pglite.waitReady;
      return new PgliteDatabase(pglite, () => Promise.resolve());
    }
    await mkdir(dataDir, { recursive: true });
    const unlock = await lockDataDir(dataDir);
    try {
      const pglite = new PGlite(dataDir);
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
