export interface TestInfrastructure {
  readonly postgresUrl: string;
  readonly redisUrl: string;
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
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}
