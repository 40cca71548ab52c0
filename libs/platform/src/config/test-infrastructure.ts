import { randomBytes } from 'node:crypto';

/** Names the test run in the environment, so every jest worker and the teardown share it. */
const TEST_RUN_VARIABLE = 'VIGIL_TEST_RUN';

export interface TestInfrastructure {
  readonly postgresUrl: string;
  readonly redisUrl: string;
  /** The jest run this process belongs to (see {@link beginTestRun}); unset outside jest. */
  readonly run: string | undefined;
  /** PATH, for a test that runs a tool as a person would (`npm start`). */
  readonly path: string | undefined;
}

/**
 * Where integration and e2e tests find PostgreSQL and Redis. Kept apart from loadConfig: tests
 * create their own databases and prefixes from these, whatever the app's own configuration says.
 */
export function testInfrastructure(
  env: Readonly<Record<string, string | undefined>> = process.env,
): TestInfrastructure {
  return {
    postgresUrl: nonEmpty(env.TEST_POSTGRES_URL) ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: nonEmpty(env.TEST_REDIS_URL) ?? 'redis://127.0.0.1:6379',
    run: nonEmpty(env[TEST_RUN_VARIABLE]),
    path: nonEmpty(env.PATH),
  };
}

/**
 * Names a new test run in the environment, which jest's workers inherit: every Redis prefix
 * and database the run's test files create carries the name, so the run's teardown finds them
 * all, and leaves those of runs going on beside it alone.
 */
export function beginTestRun(env: Record<string, string | undefined> = process.env): string {
  const run = randomBytes(4).toString('hex');
  env[TEST_RUN_VARIABLE] = run;
  return run;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}
