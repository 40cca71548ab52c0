import { z } from 'zod';
import type { ResponseBody } from '../http/openapi.js';
import { isoTime } from '../http/response-fields.js';

/**
 * A subscription as its owner sees it: URL or address unsealed, secret and token never shown
 * again. The email fields are null for a webhook, the URL for an email.
 */
export const subscriptionView = z.strictObject({
  id: z.string(),
  channel: z.enum(['webhook', 'email']),
  url: z.string().nullable(),
  email: z.string().nullable(),
  frequency: z.enum(['instant', 'hourly', 'daily']).nullable(),
  timeZone: z.string().nullable(),
  digestHour: z.int().min(0).max(23).nullable(),
  topics: z.array(z.string()),
  minScore: z.number(),
  corroborations: z.boolean(),
  status: z.enum(['pending_confirmation', 'active', 'paused', 'suspended']),
  statusReason: z.string().nullable().meta({
    description: "why Vigil paused or suspended it: a mail server's refusal, a gone endpoint",
  }),
  createdAt: isoTime,
});

export type SubscriptionView = ResponseBody<typeof subscriptionView>;

/** What creation answers: the view, the token once, and a webhook's secret once. */
export const createdSubscription = subscriptionView.extend({
  token: z.string().meta({ description: 'the subscription token (vst_…), shown this once' }),
  secret: z
    .string()
    .optional()
    .meta({ description: "a webhook's signing secret (whsec_…), shown this once" }),
});

export type CreatedSubscription = ResponseBody<typeof createdSubscription>;

/** A notification requested: its id is the `webhook-id` of its delivery. */
export const notificationRequested = z.strictObject({ notificationId: z.string() });

/** GET /v1/subscriptions/:id/deliveries */
export const deliveryPage = z.strictObject({
  deliveries: z.array(
    z.strictObject({
      notificationId: z.string(),
      outcome: z.enum(['delivered', 'failed', 'dead_lettered']),
      attempt: z.int().min(1),
      status: z.int().nullable().meta({ description: 'the HTTP status the endpoint answered' }),
      error: z.string().nullable(),
      latencyMs: z.number().min(0).nullable(),
      nextAttemptAt: isoTime.nullable(),
      responseExcerpt: z
        .string()
        .nullable()
        .meta({ description: "the first 1 KB of a failed attempt's response body" }),
      at: isoTime,
    }),
  ),
});

/** POST /v1/subscriptions/:id/replay */
export const replayRequested = z.strictObject({ replayId: z.string(), since: isoTime });
