import { z } from 'zod';
import { httpUrl, isoDateTime } from '../http/request-fields.js';

const MAX_TOPICS = 50;

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
      url: httpUrl(allowPrivateNetworks),
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
      url: httpUrl(allowPrivateNetworks).optional(),
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
  since: isoDateTime,
});
