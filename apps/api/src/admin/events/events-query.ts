import { z } from 'zod';
import { EVENT_TYPES } from '@app/contracts';

export const DEFAULT_EVENTS_LIMIT = 100;
export const MAX_EVENTS_LIMIT = 1_000;

const wholeNumber = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .regex(/^\d{1,15}$/, `must be ${what}`)
    .transform(Number);

/** `GET /admin/events` query (SPEC.md §9); `type` may be repeated. */
export const eventsQuery = z.strictObject({
  after: wholeNumber('a log position (a whole number, 0 or more)').optional(),
  limit: wholeNumber(`a whole number from 1 to ${MAX_EVENTS_LIMIT}`)
    .pipe(
      z
        .number()
        .min(1, `must be a whole number from 1 to ${MAX_EVENTS_LIMIT}`)
        .max(MAX_EVENTS_LIMIT, `must be a whole number from 1 to ${MAX_EVENTS_LIMIT}`),
    )
    .optional(),
  stream: z.string({ error: 'must be one stream name' }).min(1, 'must not be empty').optional(),
  type: z
    .union([z.string(), z.array(z.string())])
    .transform((types) => (Array.isArray(types) ? types : [types]))
    .pipe(z.array(z.enum(EVENT_TYPES, { error: 'is not an event type' })))
    .optional(),
});

export type EventsQuery = z.output<typeof eventsQuery>;
