import { describe, expect, it } from '@jest/globals';
import { beginTestRun, testInfrastructure } from './test-infrastructure.js';

describe('testInfrastructure', () => {
  it('defaults to the PostgreSQL and Redis on loopback', () => {
    expect(testInfrastructure({})).toStrictEqual({
      postgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
      redisUrl: 'redis://127.0.0.1:6379',
      run: undefined,
      path: undefined,
    });
  });

  it('reads TEST_POSTGRES_URL and TEST_REDIS_URL, empty meaning unset', () => {
    expect(
      testInfrastructure({ TEST_POSTGRES_URL: 'postgres://ci@db:5432/ci', TEST_REDIS_URL: '' }),
    ).toEqual({ postgresUrl: 'postgres://ci@db:5432/ci', redisUrl: 'redis://127.0.0.1:6379' });
  });

  it('names a new run in the environment, and reads it back', () => {
    const env: Record<string, string | undefined> = {};
    const run = beginTestRun(env);

    expect(run).toMatch(/^[0-9a-f]{8}$/);
    expect(testInfrastructure(env).run).toBe(run);
    expect(beginTestRun(env)).not.toBe(run);
  });
});
