export type {
  AppendedListener,
  AppendOutcome,
  AppendRequest,
  AppendResult,
  CheckpointRecord,
  CreatedStream,
  NewEventToAppend,
  NewStreamEntry,
  EventStore,
  ExpectedVersion,
  ReadAllOptions,
  ReadStreamOptions,
} from './event-store.port.js';
export type { Database, SqlQueryable } from './database.port.js';
export { databaseErrorFields } from './database.port.js';
export { WrongExpectedVersionError } from './wrong-expected-version.error.js';
export { MIGRATIONS, migrate, type Migration } from './migrations.js';
export { APPEND_LOCK_KEY } from './migrations.js';
export { UpcasterRegistry, type Upcaster } from './upcaster-registry.js';
export { SqlEventStore } from './sql-event-store.js';
export { BatchingEventStore } from './batching-event-store.js';
export { PgliteDatabase } from './pglite-database.js';
export { PostgresDatabase } from './postgres-database.js';
export {
  embeddedStoreDir,
  eventStoreKind,
  openDatabase,
  openEventStore,
  type EventStoreKind,
  type EventStoreLocation,
} from './open-event-store.js';
export { DATABASE, EVENT_STORE, EventStoreModule } from './event-store.module.js';
export { handleCommand, type CommandResult, type StreamDecider } from './handle-command.js';
export { applySchema } from './apply-schema.js';
export {
  ConsumerLeases,
  LEASE_RELEASED_CHANNEL,
  type HeldLease,
  type LeaseRecord,
} from './consumer-leases.js';
