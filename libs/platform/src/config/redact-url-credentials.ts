const MASK = '***';

/**
 * Masks the password of a connection URL (`postgres://vigil:***@db/vigil`) so it can be logged,
 * and the value of a libpq-style `password=` query parameter. Works on the text rather than
 * through `URL`, which would re-encode or normalise the rest of the string; text that is not a
 * URL keeps everything but a `password=` parameter.
 */
export function redactUrlCredentials(url: string): string {
  const masked = url.replace(/([?&]password=)[^&#]*/gi, `$1${MASK}`);
  const schemeEnd = masked.indexOf('://');
  if (schemeEnd < 0) {
    return masked;
  }
  const authorityStart = schemeEnd + 3;
  const rest = masked.slice(authorityStart);
  const authorityLength = rest.search(/[/?#]/);
  const authority = authorityLength < 0 ? rest : rest.slice(0, authorityLength);
  const tail = authorityLength < 0 ? '' : rest.slice(authorityLength);

  // The user info ends at the last `@`: an unencoded `@` in a password must not leak its tail.
  const at = authority.lastIndexOf('@');
  const colon = at < 0 ? -1 : authority.slice(0, at).indexOf(':');
  if (colon < 0) {
    return masked;
  }
  return `${masked.slice(0, authorityStart)}${authority.slice(0, colon + 1)}${MASK}${authority.slice(at)}${tail}`;
}
