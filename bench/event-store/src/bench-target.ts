import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, PgliteDatabase, PostgresDatabase } from '@app/event-store';
import { testInfrastructure } from '@app/platform';

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
  const adminUrl = testInfrastructure().postgresUrl;
  const name = `vigil_bench_${randomBytes(6).toString('hex')}`;
  const identifier = pg.escapeIdentifier(name);
  await withAdminClient(adminUrl, `CREATE DATABASE ${identifier}`);
  const drop = () =>
    withAdminClient(adminUrl, `DROP DATABASE IF EXISTS ${identifier} WITH (FORCE)`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await PostgresDatabase.open(url.toString());
    return {
      adapter: 'postgres',
      database,
      dispose: async () => {
        await database.close();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

async function withAdminClient(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
