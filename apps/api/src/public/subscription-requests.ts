import { ipLiteral, isPublicAddress } from '@app/outbound';
import { z } from 'zod';

const MAX_TOPICS = 50;

/** http(s) only; a literal private or loopback address is refused unless configuration allows. */
function webhookUrl(allowPrivateNetworks: boolean) {
  return z
    .url({ protocol: /^https?$/, message: 'must be an http or https URL' })
    .max(2_048)
    .refine(
      (value) => {
        if (allowPrivateNetworks) return true;
        const { hostname } = new URL(value);
        if (hostname === 'localhost' || hostname.endsWith('.localhost')) return false;
        const ip = ipLiteral(hostname);
        return ip === undefined || isPublicAddress(ip);
      },
      { message: 'must not point to a private or loopback address' },
    );
}

/** An IANA time zone the runtime knows (`Europe/Paris`, `UTC`). */
const timeZone = z
  .string()
  .min(1)
  .max(100)
  .refine(isKnownTimeZone, { message: 'must be an IANA time zone such as "Europe/Paris"' });
const frequency = z.enum(['instant', 'hourly', 'daily']);
const digestHour = z.int().min(0).max(23);

function isKnownTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const topics = z.array(z.string().min(1).max(200)).min(1).max(MAX_TOPICS);
const minScore = z.number().min(0).max(1_000_000);

export function createSubscriptionRequest(allowPrivateNetworks: boolean) {
  return z.discriminatedUnion('channel', [
    z.strictObject({
      channel: z.literal('webhook'),
      url: webhookUrl(allowPrivateNetworks),
      topics,
      minScore: minScore.default(0),
      corroborations: z.boolean().default(false),
    }),
    z.strictObject({
      channel: z.literal('email'),
      email: z.email().max(254),
      topics,
      minScore: minScore.default(0),
      corroborations: z.boolean().default(false),
      frequency: frequency.default('instant'),
      timeZone: timeZone.default('UTC'),
      digestHour: digestHour.optional(),
    }),
  ]);
}

export type CreateSubscriptionRequest = z.output<ReturnType<typeof createSubscriptionRequest>>;

export function updateSubscriptionRequest(allowPrivateNetworks: boolean) {
  return z
    .strictObject({
      topics: topics.optional(),
      minScore: minScore.optional(),
      url: webhookUrl(allowPrivateNetworks).optional(),
      corroborations: z.boolean().optional(),
      frequency: frequency.optional(),
      timeZone: timeZone.optional(),
      digestHour: digestHour.optional(),
      paused: z.boolean().optional(),
    })
    .refine((body) => Object.keys(body).length > 0, { message: 'must change something' });
}

export type UpdateSubscriptionRequest = z.output<ReturnType<typeof updateSubscriptionRequest>>;

export const linkQuery = z.strictObject({
  token: z.string().min(1).max(200),
});

export const replayRequest = z.strictObject({
  since: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }),
});
