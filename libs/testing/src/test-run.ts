import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { deleteKeysMatching } from '@app/jobs';
import { testInfrastructure } from '@app/platform';

/** Outside a jest run (a bench): names of this process's own, which no teardown deletes. */
const OWN_RUN = randomBytes(4).toString('hex');

function currentRun(): string {
  return testInfrastructure().run ?? OWN_RUN;
}

const queuePrefixOf = (run: string): string => `test-${run}-`;
const databasePrefixOf = (run: string): string => `vigil_test_${run}_`;

/**
 * A unique QUEUE_PREFIX so test files sharing the machine's Redis never see each other's keys.
 * It carries the run's name, so the run's teardown deletes its keys whether or not the file
 * that asked for it cleaned up.
 */
export function uniqueQueuePrefix(): string {
  return `${queuePrefixOf(currentRun())}${randomBytes(4).toString('hex')}`;
}

/** A unique name for a test database, carrying the run's name for its teardown. */
export function uniqueDatabaseName(): string {
  return `${databasePrefixOf(currentRun())}${randomBytes(6).toString('hex')}`;
}

export interface TestRunLeftovers {
  readonly keys: number;
  readonly databases: number;
}

/**
 * Deletes every Redis key under the run's prefixes and drops every database the run created
 * (forcing out connections a killed process left open). Resolves with how many there were.
 */
export async function deleteTestRunData(run: string): Promise<TestRunLeftovers> {
  const { postgresUrl, redisUrl } = testInfrastructure();
  const [keys, databases] = await Promise.all([
    deleteKeysMatching(redisUrl, `${queuePrefixOf(run)}*`),
    dropDatabases(postgresUrl, databasePrefixOf(run)),
  ]);
  return { keys, databases };
}

async function dropDatabases(postgresUrl: string, prefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    // The prefix is hex and underscores; "_" is a LIKE wildcard, hence the escapes.
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 ESCAPE '\\'",
      [`${prefix.replaceAll('_', '\\_')}%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
    }
    return rows.length;
  } finally {
    await client.end();
  }
}
