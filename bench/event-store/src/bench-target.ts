import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, PgliteDatabase, PostgresDatabase } from '@app/event-store';
import { createPostgresTestDatabase } from '@app/testing';

/** A fresh, empty database for one adapter's run, and the way to leave no trace of it. */
export interface BenchTarget {
  readonly adapter: string;
  readonly database: Database;
  /** Closes the database (again, harmlessly, if the store did) and deletes it. */
  dispose(): Promise<void>;
}

/** On disk rather than in memory, as `vigil start` runs it: the figures include the writes. */
export async function openPgliteTarget(): Promise<BenchTarget> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const database = await PgliteDatabase.open(dir);
    return {
      adapter: 'pglite',
      database,
      dispose: async () => {
        await database.close();
        await remove();
      },
    };
  } catch (error) {
    await remove();
    throw error;
  }
}

export async function openPostgresTarget(): Promise<BenchTarget> {
  const testDatabase = await createPostgresTestDatabase();
  try {
    const database = await PostgresDatabase.open(testDatabase.url);
    return {
      adapter: 'postgres',
      database,
      dispose: async () => {
        await database.close();
        await testDatabase.drop();
      },
    };
  } catch (error) {
    await testDatabase.drop();
    throw error;
  }
}
