export { expectEventually } from './expect-eventually.js';
export { createPostgresTestDatabase, type PostgresTestDatabase } from './postgres-test-database.js';
