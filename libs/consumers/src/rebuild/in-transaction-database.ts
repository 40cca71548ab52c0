import type { Database, SqlQueryable } from '@app/event-store';

/**
 * A Database whose every statement runs in one transaction already open, so that a projection
 * written for the Database port can write a page of a rebuild (or its final catch-up) in it.
 * A transaction the projection opens becomes part of the outer one.
 */
export class InTransactionDatabase implements Database {
  constructor(private readonly tx: SqlQueryable) {}

  query<TRow>(sql: string, params?: readonly unknown[]): Promise<TRow[]> {
    return this.tx.query<TRow>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.tx.exec(sql);
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return work(this.tx);
  }

  listen(): Promise<() => Promise<void>> {
    return Promise.reject(new Error('a transaction cannot listen for notifications'));
  }

  async close(): Promise<void> {
    // The transaction belongs to its caller, who commits or rolls it back.
  }
}
