import { parseHttpDate } from './parse-http-date.js';

/**
 * How long, in seconds, a response says it stays fresh (RFC 9111 §4.2.1), for a poller that
 * should not ask again sooner. `Cache-Control: max-age` wins over `Expires`; `s-maxage` is for
 * shared caches and ignored; `no-store` and `no-cache` mean 0. `Expires` counts from the
 * response's `Date` (else `now`), and an unreadable one means already stale. `undefined`: the
 * response says nothing. Header names are lower-case, as in `OutboundResponse.headers`.
 */
export function cacheLifetimeSeconds(
  headers: Readonly<Record<string, string | undefined>>,
  now: Date,
): number | undefined {
  const directives = cacheControlDirectives(headers['cache-control'] ?? '');
  if (directives.has('no-store') || directives.has('no-cache')) return 0;
  const maxAge = directives.get('max-age');
  if (maxAge !== undefined) return /^\d+$/.test(maxAge) ? Number(maxAge) : 0;
  const expires = headers['expires'];
  if (expires === undefined) return undefined;
  const expiresAt = parseHttpDate(expires);
  if (expiresAt === undefined) return 0;
  const date = headers['date'] === undefined ? undefined : parseHttpDate(headers['date']);
  return Math.max(0, Math.floor((expiresAt - (date ?? now.getTime())) / 1000));
}

/** Directive names in lower case; the first occurrence of a name wins. */
function cacheControlDirectives(header: string): Map<string, string> {
  const directives = new Map<string, string>();
  for (const part of header.split(',')) {
    const [rawName = '', ...rest] = part.split('=');
    const name = rawName.trim().toLowerCase();
    if (name && !directives.has(name)) {
      directives.set(
        name,
        rest
          .join('=')
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      );
    }
  }
  return directives;
}
