import { REDACTION_CENSOR } from './redacted-paths.js';

/** Names that are credentials in any query: `?sig=`, `?key=`, `?code=` (an OAuth grant). */
const SECRET_NAMES = new Set(['sig', 'key', 'code', 'auth', 'pwd', 'jwt', 'otp', 'hmac']);
/** Parts of a name that make it a credential: `token`, `access_token`, `client_secret`, `apiKey`. */
const SECRET_PARTS = [
  'token',
  'secret',
  'password',
  'passwd',
  'signature',
  'apikey',
  'accesskey',
  'privatekey',
  'credential',
  'session',
];

/**
 * Whether a query parameter (or any field named like one) holds a credential. Case and the
 * separators `-`, `_` and `.` do not matter: `Access-Token`, `access_token` and `accessToken`
 * are one name.
 */
export function isSecretParameter(name: string): boolean {
  const plain = name.toLowerCase().replace(/[-_.]/g, '');
  return SECRET_NAMES.has(plain) || SECRET_PARTS.some((part) => plain.includes(part));
}

/**
 * A request URL as it may be logged: the value of every credential in its query string is
 * replaced, everything else is kept as it came, so the line still says which link was opened.
 * `/v1/unsubscribe?token=vun_…` becomes `/v1/unsubscribe?token=[redacted]`.
 */
export function redactUrlQuery(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      if (separator === -1) return pair;
      const name = pair.slice(0, separator);
      return isSecretParameter(decodeName(name)) ? `${name}=${REDACTION_CENSOR}` : pair;
    });
  return `${url.slice(0, start)}?${query.join('&')}`;
}

/** A query name as the server reads it (`+` is a space); a name that does not decode stays raw. */
function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
