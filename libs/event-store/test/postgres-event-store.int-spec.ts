import { createPostgresTestDatabase, type PostgresTestDatabase } from '@app/testing';
import { PostgresDatabase } from '../src/index.js';
import { describeEventStoreContract } from './event-store.contract.js';

let testDatabase: PostgresTestDatabase | undefined;

describeEventStoreContract({
  adapter: 'PostgreSQL',
  openDatabase: async () => {
    testDatabase ??= await createPostgresTestDatabase();
    return PostgresDatabase.open(testDatabase.url);
  },
  dispose: async () => {
    await testDatabase?.drop();
  },
});
