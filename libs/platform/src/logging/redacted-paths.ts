/** Keys whose values are credentials wherever they appear in a log object. */
const SECRET_KEYS = [
  'secret',
  'token',
  'password',
  'signature',
  'authorization',
  'adminToken',
  'apiKey',
] as const;

/**
 * pino redact paths. The request and response headers are named exactly because pino-http nests
 * them three levels deep; the secret keys are caught at the top level and up to two levels below
 * (`{ subscription: { secret } }`, `{ job: { data: { token } } }`), since pino has no recursive
 * wildcard.
 */
export const REDACTED_PATHS: readonly string[] = Object.freeze([
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["webhook-signature"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
]);

export const REDACTION_CENSOR = '[redacted]';
