import { redactUrlCredentials } from '@app/platform';

/**
 * Why PostgreSQL at DATABASE_URL cannot be used, in one line that names the setting and says
 * what to do, instead of pg's bare `connect ECONNREFUSED`. Never quotes the password.
 */
export function describePostgresFailure(error: unknown, databaseUrl: string): string {
  const url = URL.parse(databaseUrl);
  const where =
    url === null ? redactUrlCredentials(databaseUrl) : `${url.hostname}:${url.port || '5432'}`;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return (
        `nothing answers at ${where} (DATABASE_URL): start PostgreSQL there, correct ` +
        'DATABASE_URL, or unset it to use the embedded store under DATA_DIR'
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host "${url?.hostname ?? ''}" of DATABASE_URL was not found: correct the host in DATABASE_URL`;
    case '3D000': {
      const database = decodeURIComponent(url?.pathname.slice(1) ?? '');
      return (
        `PostgreSQL at ${where} has no database "${database}" (DATABASE_URL): create it ` +
        `(createdb ${database}) or correct the database name in DATABASE_URL`
      );
    }
    case '28000':
    case '28P01':
      return `PostgreSQL at ${where} refused the login (DATABASE_URL): ${message}; correct the user or password in DATABASE_URL`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `PostgreSQL at ${where} (DATABASE_URL) cannot be reached (${message}): check the host and port in DATABASE_URL`;
    default:
      // pg's own timeout ("timeout expired") and a peer that is not PostgreSQL land here.
      return (
        `PostgreSQL at ${where} (DATABASE_URL) cannot be used: ${message}; check that ` +
        'DATABASE_URL points at a running PostgreSQL'
      );
  }
}

/** Why the embedded store in DATA_DIR cannot be opened, when another process holding it is not why. */
export function describeEmbeddedFailure(error: unknown, dir: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const remedy = ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST'].includes(String(code))
    ? 'set DATA_DIR to a folder this user can write'
    : 'move the folder aside to start afresh, or set DATABASE_URL to use PostgreSQL';
  return `the embedded store in ${dir} (DATA_DIR) cannot be opened: ${message}; ${remedy}`;
}
