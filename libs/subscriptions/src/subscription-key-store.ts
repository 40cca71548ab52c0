import { applySchema, type Database } from '@app/event-store';
import { newDataKey } from './sealing.js';

/** Serialises the DDL of several processes starting at once (7_361_1xx are the views'). */
const SCHEMA_LOCK_KEY = 7_361_201;

interface KeyRow {
  /** pg returns a Buffer, PGlite a Uint8Array. */
  readonly data_key: Uint8Array;
}

/**
 * The data key of each subscription, beside the log in the same database but never in it: the
 * log is append-only, so a key written there could never be destroyed. Destroying a key is
 * the crypto-shredding of SPEC.md §6: every value sealed with it, in every event, becomes
 * unreadable while the events themselves stay. (PostgreSQL keeps a deleted row's bytes until
 * VACUUM reclaims them, and backups keep them for as long as they are kept: shredding is
 * complete only once both have turned over.)
 */
export class SubscriptionKeyStore {
  constructor(private readonly database: Database) {}

  /** Creates the table if it is missing; safe to run from every process at every start. */
  async ensureSchema(): Promise<void> {
    await applySchema(
      this.database,
      SCHEMA_LOCK_KEY,
      `
        CREATE TABLE IF NOT EXISTS vigil_subscription_keys (
          subscription_id text        PRIMARY KEY,
          data_key        bytea       NOT NULL,
          created_at      timestamptz NOT NULL DEFAULT now()
        );
      `,
    );
  }

  /**
   * The subscription's key, made on first call. A retried create returns the key the first
   * call stored, so values it sealed stay readable.
   */
  async create(subscriptionId: string): Promise<Buffer> {
    await this.database.query(
      `INSERT INTO vigil_subscription_keys (subscription_id, data_key) VALUES ($1, $2)
       ON CONFLICT (subscription_id) DO NOTHING`,
      [subscriptionId, newDataKey()],
    );
    const key = await this.get(subscriptionId);
    // Only a destroy racing this create gets here; the subscription is being deleted.
    if (!key) throw new Error(`the key of subscription ${subscriptionId} was destroyed`);
    return key;
  }

  /** The subscription's key, or null when it was never made or has been destroyed. */
  async get(subscriptionId: string): Promise<Buffer | null> {
    const [row] = await this.database.query<KeyRow>(
      'SELECT data_key FROM vigil_subscription_keys WHERE subscription_id = $1',
      [subscriptionId],
    );
    return row ? Buffer.from(row.data_key) : null;
  }

  /** Destroys the key for good: the subscription's sealed values can never be read again. */
  async destroy(subscriptionId: string): Promise<void> {
    await this.database.query('DELETE FROM vigil_subscription_keys WHERE subscription_id = $1', [
      subscriptionId,
    ]);
  }
}
