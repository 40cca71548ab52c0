/** The little SQL surface the event store needs; PostgreSQL (pg) and PGlite both provide it. */
export interface SqlQueryable {
  query<TRow>(sql: string, params?: readonly unknown[]): Promise<TRow[]>;
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>;
}

export interface Database extends SqlQueryable {
  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Subscribes to a NOTIFY channel; resolves to a function that unsubscribes. */
  listen(channel: string, onNotification: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The fields of a PostgreSQL error that both drivers expose. */
export interface DatabaseErrorFields {
  readonly code?: string;
  readonly detail?: string;
}

export function databaseErrorFields(error: unknown): DatabaseErrorFields {
  if (typeof error !== 'object' || error === null) return {};
  const { code, detail } = error as Record<string, unknown>;
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof detail === 'string' ? { detail } : {}),
  };
}
