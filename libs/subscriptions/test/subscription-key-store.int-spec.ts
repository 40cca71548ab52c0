import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Database, PgliteDatabase, PostgresDatabase } from '@app/event-store';
import { createPostgresTestDatabase } from '@app/testing';
import { SubscriptionKeyStore, UnsealError, seal, unseal } from '../src/index.js';

const adapters: [string, () => Promise<{ database: Database; dispose: () => Promise<void> }>][] = [
  [
    'PGlite',
    async () => {
      const database = await PgliteDatabase.open();
      return { database, dispose: () => database.close() };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const testDatabase = await createPostgresTestDatabase();
      const database = await PostgresDatabase.open(testDatabase.url);
      return {
        database,
        dispose: async () => {
          await database.close();
          await testDatabase.drop();
        },
      };
    },
  ],
];

describe.each(adapters)('SubscriptionKeyStore on %s', (_adapter, openDatabase) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let keys: SubscriptionKeyStore;

  beforeAll(async () => {
    ({ database, dispose } = await openDatabase());
    keys = new SubscriptionKeyStore(database);
    // Several processes start at once: each creates the schema, none fails.
    await Promise.all([keys.ensureSchema(), keys.ensureSchema(), keys.ensureSchema()]);
  });

  afterAll(async () => {
    await dispose();
  });

  it('creates a 32-byte key per subscription and reads it back', async () => {
    const first = randomUUID();
    const second = randomUUID();

    const key = await keys.create(first);
    const other = await keys.create(second);

    expect(key).toHaveLength(32);
    expect(other.equals(key)).toBe(false);
    expect((await keys.get(first))?.equals(key)).toBe(true);
    expect((await keys.get(second))?.equals(other)).toBe(true);
  });

  it('makes one key however many creates race, and returns it when create is repeated', async () => {
    const id = randomUUID();

    const raced = await Promise.all([keys.create(id), keys.create(id), keys.create(id)]);
    const [key] = raced;
    const repeated = await keys.create(id);

    expect(key).toHaveLength(32);
    for (const other of [...raced, repeated])
      expect(other.equals(key ?? Buffer.alloc(0))).toBe(true);
  });

  it('has no key for a subscription it never saw', async () => {
    expect(await keys.get(randomUUID())).toBeNull();
  });

  it('shreds: after destroy the key is gone and what it sealed cannot be read', async () => {
    const id = randomUUID();
    const key = await keys.create(id);
    const sealed = seal(key, id, 'webhook.url', 'https://hooks.example.org/vigil');
    expect(unseal(key, id, 'webhook.url', sealed)).toBe('https://hooks.example.org/vigil');

    await keys.destroy(id);

    expect(await keys.get(id)).toBeNull();
    // Nothing brings the key back: a new one for the same id does not open the old values.
    const replacement = await keys.create(id);
    expect(replacement.equals(key)).toBe(false);
    expect(() => unseal(replacement, id, 'webhook.url', sealed)).toThrow(UnsealError);
  });

  it('destroys only the named subscription, and destroying twice is harmless', async () => {
    const kept = randomUUID();
    const destroyed = randomUUID();
    const key = await keys.create(kept);
    await keys.create(destroyed);

    await keys.destroy(destroyed);
    await keys.destroy(destroyed);

    expect((await keys.get(kept))?.equals(key)).toBe(true);
    expect(await keys.get(destroyed)).toBeNull();
  });

  it('keeps the keys when the schema is ensured again', async () => {
    const id = randomUUID();
    const key = await keys.create(id);

    await keys.ensureSchema();

    expect((await keys.get(id))?.equals(key)).toBe(true);
  });
});
