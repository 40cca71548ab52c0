import { z } from 'zod';
import { count, isoTime } from '../../http/response-fields.js';

/** The latest rebuild of a view: `position` of `head` is its progress. */
const viewRebuild = z.strictObject({
  rebuildId: z.string(),
  view: z.string(),
  state: z.enum(['requested', 'running', 'completed', 'failed']),
  position: count.meta({ description: 'the log position the new view holds every event up to' }),
  head: count
    .nullable()
    .meta({ description: 'the head of the log when it was reported; null before the first page' }),
  requestedAt: isoTime,
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
  error: z.string().nullable(),
});

/** Which worker runs the consumer: the holder of its lease (docs/operations.md). */
const consumerLease = z.strictObject({
  state: z.enum(['held', 'expired', 'none']).meta({
    description:
      'held: a worker runs the consumer; expired: its holder stopped renewing it (dead or stalled) and the next worker to try takes it over; none: nobody holds it (released, or never taken)',
  }),
  holder: z.string().nullable().meta({
    description: 'the worker id (as in /admin/health) that holds or held it; null when none',
  }),
  expiresAt: isoTime.nullable().meta({
    description: 'until when the holder keeps it without renewing it; null when none',
  }),
});

/** GET /admin/consumers */
export const consumerList = z.strictObject({
  head: count.meta({ description: 'the position of the last event of the log' }),
  consumers: z.array(
    z.strictObject({
      name: z.string(),
      checkpoint: count,
      lag: count.meta({
        description:
          'events committed after the checkpoint (a consumer of a few types may read high)',
      }),
      updatedAt: isoTime
        .nullable()
        .meta({ description: 'when the checkpoint last moved; null before it was first stored' }),
      state: z.enum(['caught_up', 'behind', 'rebuilding']),
      rebuild: viewRebuild.nullable(),
      lease: consumerLease,
    }),
  ),
});

export type ConsumerReport = z.output<typeof consumerList>['consumers'][number];

/** POST /admin/consumers/:name/rebuild */
export const rebuildRequested = z.strictObject({ rebuildId: z.string(), consumer: z.string() });
