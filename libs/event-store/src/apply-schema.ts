import type { Database } from './database.port.js';

/**
 * Runs idempotent DDL (`CREATE ... IF NOT EXISTS`) in one transaction under an advisory lock,
 * so that several processes starting together never race on the same tables. For tables that
 * live beside the log (views, keys); the log itself has versioned migrations.
 */
export async function applySchema(database: Database, lockKey: number, ddl: string): Promise<void> {
  await database.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
    await tx.exec(ddl);
  });
}
