import { z } from 'zod';
import { checkHttpUrl, type HttpUrlRefusal } from '@app/outbound';

/** Longer than any real feed or webhook URL; browsers and proxies cap theirs near here too. */
export const MAX_URL_LENGTH = 2_048;

/**
 * The times a request may name (docs/http.md): from the Unix epoch, before which Vigil has
 * seen nothing, to the last instant of year 9999, after which an ISO year needs five digits
 * (and PostgreSQL refuses year 0 outright). An offset is applied before the comparison.
 */
export const EARLIEST_TIME = '1970-01-01T00:00:00.000Z';
export const LATEST_TIME = '9999-12-31T23:59:59.999Z';

const earliest = Date.parse(EARLIEST_TIME);
const latest = Date.parse(LATEST_TIME);

/** An ISO 8601 date-time with Z or an offset, within EARLIEST_TIME and LATEST_TIME. */
export const isoDateTime = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z',
  })
  // A pipe, so a text that is no date at all gets one message, not two.
  .pipe(
    z.string().refine(
      (value) => {
        const time = Date.parse(value);
        return time >= earliest && time <= latest;
      },
      { error: `must be between ${EARLIEST_TIME} and ${LATEST_TIME}` },
    ),
  );

const URL_MESSAGE: Readonly<Record<HttpUrlRefusal, string>> = {
  invalid_url: 'must be an http:// or https:// URL',
  unsupported_protocol: 'must be an http:// or https:// URL',
  blocked_address: 'must not point to a private or loopback address',
};

/**
 * An http(s) URL, checked by the clients' own `checkHttpUrl`, so what the API accepts is what
 * a worker will try. With `allowPrivateNetworks` false, a host that names a private or
 * loopback address itself is refused here; a name that only resolves to one is refused by
 * the address guard when a worker connects.
 */
export function httpUrl(allowPrivateNetworks: boolean) {
  return z
    .string({ error: 'must be a string' })
    .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
    .superRefine((value, context) => {
      const check = checkHttpUrl(value, { allowPrivateNetworks });
      if (!check.ok) context.addIssue({ code: 'custom', message: URL_MESSAGE[check.reason] });
    })
    .meta({ format: 'uri' });
}
