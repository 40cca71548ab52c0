import { parseHttpDate } from './parse-http-date.js';

/**
 * The wait a `Retry-After` header asks for, in whole seconds from `now` (RFC 9110 §10.2.3):
 * delta-seconds or an HTTP-date, rounded up so a retry is never early. A date in the past
 * means no wait; anything unreadable is `undefined`, so the caller keeps its own backoff.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const at = parseHttpDate(text);
  return at === undefined ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
