import { describe, expect, it } from '@jest/globals';
import { testInfrastructure } from './test-infrastructure.js';

describe('testInfrastructure', () => {
  it('defaults to the PostgreSQL and Redis on loopback', () => {
    expect(testInfrastructure({})).toEqual({
      postgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
      redisUrl: 'redis://127.0.0.1:6379',
    });
  });

  it('reads TEST_POSTGRES_URL and TEST_REDIS_URL, empty meaning unset', () => {
    expect(
      testInfrastructure({ TEST_POSTGRES_URL: 'postgres://ci@db:5432/ci', TEST_REDIS_URL: '' }),
    ).toEqual({ postgresUrl: 'postgres://ci@db:5432/ci', redisUrl: 'redis://127.0.0.1:6379' });
  });
});
