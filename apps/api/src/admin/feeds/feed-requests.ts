import { z } from 'zod';
import { httpUrl } from '../../http/request-fields.js';

const settings = {
  // Any host: whether this feed may reach a private address is its own allowPrivateNetwork
  // setting (or ALLOW_PRIVATE_NETWORKS), which the poller's address guard applies.
  url: httpUrl(true),
  title: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .nullable(),
  intervalSeconds: z
    .int({ error: 'must be a whole number of seconds' })
    .min(60, 'must be at least 60')
    .max(86_400, 'must be at most 86400')
    .nullable(),
  enabled: z.boolean({ error: 'must be true or false' }),
  allowPrivateNetwork: z.boolean({ error: 'must be true or false' }),
};

/** POST /admin/feeds */
export const createFeedRequest = z.strictObject({
  id: z
    .string({ error: 'must be a string' })
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1 to 64 lower-case letters, digits or "-"')
    .optional(),
  url: settings.url,
  title: settings.title.optional(),
  intervalSeconds: settings.intervalSeconds.optional(),
  enabled: settings.enabled.optional(),
  allowPrivateNetwork: settings.allowPrivateNetwork.optional(),
});

/** PATCH /admin/feeds/:id */
export const updateFeedRequest = z
  .strictObject({
    url: settings.url.optional(),
    title: settings.title.optional(),
    intervalSeconds: settings.intervalSeconds.optional(),
    enabled: settings.enabled.optional(),
    allowPrivateNetwork: settings.allowPrivateNetwork.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field');

export type CreateFeedRequest = z.output<typeof createFeedRequest>;
export type UpdateFeedRequest = z.output<typeof updateFeedRequest>;
