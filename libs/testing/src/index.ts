export { expectEventually } from './expect-eventually.js';
export { freePort } from './free-port.js';
export { createPostgresTestDatabase, type PostgresTestDatabase } from './postgres-test-database.js';
export { testConfig, uniqueQueuePrefix } from './test-config.js';
