import { applySchema, type Database } from '@app/event-store';
import { createHash } from 'node:crypto';
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
        -- An unconfirmed email subscription's address, hashed, so that subscribing the same
        -- address again finds it (issue 13). Kept here, not in the log, so that it goes with
        -- the key; cleared at confirmation.
        ALTER TABLE vigil_subscription_keys ADD COLUMN IF NOT EXISTS pending_address text;
        CREATE INDEX IF NOT EXISTS vigil_subscription_keys_pending_address
          ON vigil_subscription_keys (pending_address) WHERE pending_address IS NOT NULL;
      `,
    );
  }

  /**
   * The subscription's key, made on first call. A retried create returns the key the first
   * call stored, so values it sealed stay readable.
   */
  async create(
    subscriptionId: string,
    options: { readonly pendingAddress?: string } = {},
  ): Promise<Buffer> {
    await this.database.query(
      `INSERT INTO vigil_subscription_keys (subscription_id, data_key, pending_address)
       VALUES ($1, $2, $3)
       ON CONFLICT (subscription_id) DO NOTHING`,
      [
        subscriptionId,
        newDataKey(),
        options.pendingAddress === undefined ? null : addressHash(options.pendingAddress),
      ],
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

  /** The subscription still waiting for this address's confirmation, if any (the newest). */
  async findPending(address: string): Promise<string | null> {
    const [row] = await this.database.query<{ subscription_id: string }>(
      `SELECT subscription_id FROM vigil_subscription_keys WHERE pending_address = $1
        ORDER BY created_at DESC LIMIT 1`,
      [addressHash(address)],
    );
    return row?.subscription_id ?? null;
  }

  /** The address is confirmed: subscribing it again makes a new subscription. */
  async clearPending(subscriptionId: string): Promise<void> {
    await this.database.query(
      'UPDATE vigil_subscription_keys SET pending_address = NULL WHERE subscription_id = $1',
      [subscriptionId],
    );
  }

  /** Destroys the key for good: the subscription's sealed values can never be read again. */
  async destroy(subscriptionId: string): Promise<void> {
    await this.database.query('DELETE FROM vigil_subscription_keys WHERE subscription_id = $1', [
      subscriptionId,
    ]);
  }
}

/**
 * An address as the lookup knows it: sha256 of its trimmed, lowercased form. Hashed so that the
 * table never holds an address in clear, though the keys beside it open far more than a hash.
 */
function addressHash(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase(), 'utf8').digest('hex');
}
