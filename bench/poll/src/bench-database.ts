import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testInfrastructure } from '@app/platform';

/** An empty PostgreSQL database of the bench's own; the worker migrates it at boot. */
export interface BenchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const adminUrl = testInfrastructure().postgresUrl;
  const name = `vigil_bench_poll_${randomBytes(6).toString('hex')}`;
  const identifier = pg.escapeIdentifier(name);
  await withAdminClient(adminUrl, `CREATE DATABASE ${identifier}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdminClient(adminUrl, `DROP DATABASE IF EXISTS ${identifier} WITH (FORCE)`),
  };
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
