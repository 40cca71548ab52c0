import pg from 'pg';
import { testInfrastructure } from '@app/platform';
import { uniqueDatabaseName } from './test-run.js';

export interface PostgresTestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, on the real server, so files run in parallel
 * without touching each other. The store migrates it on open, as at start-up. Named after the
 * test run, whose teardown drops it if the file did not.
 */
export async function createPostgresTestDatabase(): Promise<PostgresTestDatabase> {
  const adminUrl = testInfrastructure().postgresUrl;
  const name = uniqueDatabaseName();
  await withAdminClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdminClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
      ),
  };
}

async function withAdminClient(url: string, work: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
