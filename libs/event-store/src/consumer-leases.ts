import type { Database, SqlQueryable } from './database.port.js';

/**
 * The channel on which a released lease is announced (its consumer's name as the payload), so
 * that a waiting worker takes it over at once instead of at its next attempt.
 */
export const LEASE_RELEASED_CHANNEL = 'vigil_consumer_lease_released';

/**
 * One term of a consumer's lease: `epoch` grows by one with each new holder, so a holder that
 * lost its lease (stalled past its expiry, and another took over) is refused by the fence even
 * if it wakes up believing it still holds it.
 */
export interface HeldLease {
  readonly consumer: string;
  readonly holder: string;
  readonly epoch: number;
}

/** A lease as operators see it (GET /admin/consumers). */
export interface LeaseRecord {
  readonly consumer: string;
  /** The worker that holds or held it; null once released. */
  readonly holder: string | null;
  readonly epoch: number;
  readonly acquiredAt: string;
  readonly renewedAt: string;
  /** Until when the holder's last heartbeat keeps it; after this another worker may take it. */
  readonly expiresAt: string;
  /** The holder is still within its expiry (by the database's clock). */
  readonly live: boolean;
}

interface LeaseRow {
  name: string;
  holder: string | null;
  epoch: number | string;
  acquired_at: Date | string;
  renewed_at: Date | string;
  expires_at: Date | string;
  live: boolean;
}

/**
 * The consumers' leases (vigil_consumer_leases), beside the checkpoints in the event store's
 * database: each event-log consumer runs in the one process that holds its lease, and its
 * checkpoint is written only in the same statement that finds the lease still held
 * (docs/decisions/0010-consumer-leases.md).
 */
export class ConsumerLeases {
  /** `database`: the store's, or one of its transactions (with the store's notifications). */
  constructor(private readonly database: SqlQueryable & Pick<Database, 'listen'>) {}

  /**
   * Takes the consumer's lease for `leaseMs` when nobody holds it: never held, released, or
   * expired (its holder stopped renewing). `takeOverAtOnce` takes it whatever its expiry: only
   * for a store that one process at a time can open (the embedded one), where a holder that
   * is not this process is a process that is gone. Undefined when someone else holds it.
   */
  async acquire(
    consumer: string,
    holder: string,
    leaseMs: number,
    { takeOverAtOnce = false }: { readonly takeOverAtOnce?: boolean } = {},
  ): Promise<HeldLease | undefined> {
    const [row] = await this.database.query<{ epoch: number | string }>(
      `INSERT INTO vigil_consumer_leases AS lease
         (name, holder, epoch, acquired_at, renewed_at, expires_at)
       VALUES ($1, $2, 1, now(), now(), now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE
         SET holder = excluded.holder, epoch = lease.epoch + 1, acquired_at = now(),
             renewed_at = now(), expires_at = excluded.expires_at
         WHERE lease.holder IS NULL OR lease.expires_at <= now() OR $4
       RETURNING lease.epoch`,
      [consumer, holder, leaseMs, takeOverAtOnce],
    );
    return row ? { consumer, holder, epoch: Number(row.epoch) } : undefined;
  }

  /**
   * The heartbeat: extends by `leaseMs` every lease of `held` still in its term, in one
   * statement. Returns the consumers whose lease was renewed; the others were taken over.
   * A lease past its expiry that nobody took is renewed: nobody else ran its consumer.
   */
  async renew(held: readonly HeldLease[], leaseMs: number): Promise<Set<string>> {
    if (held.length === 0) return new Set();
    const rows = await this.database.query<{ name: string }>(
      `UPDATE vigil_consumer_leases AS lease
          SET renewed_at = now(), expires_at = now() + $4 * interval '1 millisecond'
         FROM unnest($1::text[], $2::text[], $3::bigint[]) AS held(name, holder, epoch)
        WHERE lease.name = held.name AND lease.holder = held.holder AND lease.epoch = held.epoch
       RETURNING lease.name`,
      [
        held.map((lease) => lease.consumer),
        held.map((lease) => lease.holder),
        held.map((lease) => lease.epoch),
        leaseMs,
      ],
    );
    return new Set(rows.map((row) => row.name));
  }

  /**
   * Hands the leases back (their terms end: a checkpoint write under them is refused from
   * now on) and announces each, so a waiting worker takes it over at once.
   */
  async release(held: readonly HeldLease[]): Promise<void> {
    if (held.length === 0) return;
    await this.database.query(
      `WITH released AS (
         UPDATE vigil_consumer_leases AS lease SET holder = NULL, expires_at = now()
           FROM unnest($1::text[], $2::text[], $3::bigint[]) AS held(name, holder, epoch)
          WHERE lease.name = held.name AND lease.holder = held.holder AND lease.epoch = held.epoch
         RETURNING lease.name)
       SELECT pg_notify('${LEASE_RELEASED_CHANNEL}', released.name) FROM released`,
      [
        held.map((lease) => lease.consumer),
        held.map((lease) => lease.holder),
        held.map((lease) => lease.epoch),
      ],
    );
  }

  /**
   * The fence: stores the consumer's checkpoint only if `lease` is still in its term, checked
   * in the same statement, under a share lock on the lease row, so a takeover either waits for
   * this write (and then starts from it) or comes first (and this write is refused). False
   * when refused: the caller must hand over no more events.
   */
  async saveCheckpoint(lease: HeldLease, position: number): Promise<boolean> {
    const rows = await this.database.query<{ name: string }>(
      `INSERT INTO vigil_checkpoints (name, position, updated_at)
       SELECT lease.name, $2, now() FROM vigil_consumer_leases AS lease
        WHERE lease.name = $1 AND lease.holder = $3 AND lease.epoch = $4
        FOR SHARE
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()
       RETURNING name`,
      [lease.consumer, position, lease.holder, lease.epoch],
    );
    return rows.length === 1;
  }

  async list(): Promise<LeaseRecord[]> {
    const rows = await this.database.query<LeaseRow>(
      `SELECT name, holder, epoch, acquired_at, renewed_at, expires_at,
              holder IS NOT NULL AND expires_at > now() AS live
         FROM vigil_consumer_leases ORDER BY name`,
    );
    return rows.map((row) => ({
      consumer: row.name,
      holder: row.holder,
      epoch: Number(row.epoch),
      acquiredAt: new Date(row.acquired_at).toISOString(),
      renewedAt: new Date(row.renewed_at).toISOString(),
      expiresAt: new Date(row.expires_at).toISOString(),
      live: row.live,
    }));
  }

  /** Calls `listener` with the consumer's name whenever any process releases a lease. */
  onReleased(listener: (consumer: string) => void): Promise<() => Promise<void>> {
    return this.database.listen(LEASE_RELEASED_CHANNEL, listener);
  }
}
