import pg from 'pg';
import type { Database, SqlQueryable } from './database.port.js';

const LISTEN_RECONNECT_DELAY_MS = 1_000;
/** A server that never answers (a wrong address, a firewall) must not hang start-up. */
const CONNECT_TIMEOUT_MS = 10_000;

/** PostgreSQL through a `pg` pool; shared by every api and worker process of a deployment. */
export class PostgresDatabase implements Database {
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
  ) {}

  static async open(
    connectionString: string,
    options: { readonly maxConnections?: number } = {},
  ): Promise<PostgresDatabase> {
    await probe(connectionString);
    const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10 });
    // An idle client that loses its connection must not crash the process.
    pool.on('error', () => undefined);
    return new PostgresDatabase(pool, connectionString);
  }

  async query<TRow>(sql: string, params: readonly unknown[] = []): Promise<TRow[]> {
    const result = await this.pool.query(sql, [...params]);
    return result.rows as TRow[];
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <TRow>(sql: string, params: readonly unknown[] = []) =>
          (await client.query(sql, [...params])).rows as TRow[],
        exec: async (sql: string) => {
          await client.query(sql);
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * LISTEN needs a connection of its own, outside the pool. When it drops, it reconnects after
   * a pause; notifications missed meanwhile are covered by the readers' idle poll.
   */
  async listen(
    channel: string,
    onNotification: (payload: string) => void,
  ): Promise<() => Promise<void>> {
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;

    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: this.connectionString });
      next.on('notification', (message) => {
        if (message.channel === channel) onNotification(message.payload ?? '');
      });
      next.on('error', () => {
        void next.end().catch(() => undefined);
        scheduleReconnect();
      });
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      client = next;
    };
    const scheduleReconnect = (): void => {
      if (stopped || this.closed || retry) return;
      retry = setTimeout(() => {
        retry = undefined;
        connect().catch(scheduleReconnect);
      }, LISTEN_RECONNECT_DELAY_MS);
      retry.unref();
    };

    await connect();
    return async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/**
 * One connection before the pool exists, so an unreachable server fails at once, within a
 * timeout the pool cannot have (the pool's would also bound the wait for a free connection).
 */
async function probe(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } finally {
    await client.end().catch(() => undefined);
  }
}
