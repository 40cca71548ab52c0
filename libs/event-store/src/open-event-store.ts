import { join } from 'node:path';
import { DataDirInUseError } from './data-dir-lock.js';
import { describeEmbeddedFailure, describePostgresFailure } from './database-open-failure.js';
import type { Database } from './database.port.js';
import type { EventStore } from './event-store.port.js';
import { PgliteDatabase } from './pglite-database.js';
import { PostgresDatabase } from './postgres-database.js';
import { SqlEventStore } from './sql-event-store.js';
import type { Upcaster } from './upcaster-registry.js';

export interface EventStoreLocation {
  /** PostgreSQL; when absent the embedded store under `dataDir` is used. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
}

export type EventStoreKind = 'postgres' | 'embedded';

export function eventStoreKind(location: EventStoreLocation): EventStoreKind {
  return location.databaseUrl ? 'postgres' : 'embedded';
}

/** The embedded store's folder inside DATA_DIR. */
export function embeddedStoreDir(dataDir: string): string {
  return join(dataDir, 'event-store');
}

/**
 * Connects to the configured database: PostgreSQL, or the embedded store. A failure says, in
 * one line, which setting (DATABASE_URL or DATA_DIR) to look at and what to do.
 */
export async function openDatabase(location: EventStoreLocation): Promise<Database> {
  if (location.databaseUrl) {
    try {
      return await PostgresDatabase.open(location.databaseUrl);
    } catch (error) {
      throw new Error(describePostgresFailure(error, location.databaseUrl), { cause: error });
    }
  }
  const dir = embeddedStoreDir(location.dataDir);
  try {
    return await PgliteDatabase.open(dir);
  } catch (error) {
    if (error instanceof DataDirInUseError) throw error;
    throw new Error(describeEmbeddedFailure(error, dir), { cause: error });
  }
}

/** Opens the configured adapter and runs pending migrations. */
export async function openEventStore(
  location: EventStoreLocation,
  options: { readonly upcasters?: readonly Upcaster[] } = {},
): Promise<EventStore> {
  return SqlEventStore.open(await openDatabase(location), options);
}
