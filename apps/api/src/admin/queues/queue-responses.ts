import { z } from 'zod';
import { QueueName } from '@app/jobs';
import { count, isoTime } from '../../http/response-fields.js';
import { QUEUE_STATES, type QueueState } from './queue-inspector.service.js';

/** A job that failed, as BullMQ keeps it. */
export const failedJob = z.strictObject({
  id: z.string(),
  name: z.string(),
  failedReason: z.string(),
  attemptsMade: count,
  finishedOn: isoTime.nullable().meta({ description: 'when it last failed' }),
});

export type FailedJob = z.output<typeof failedJob>;

/** GET /admin/queues */
export const queueList = z.strictObject({
  queues: z.array(
    z.strictObject({
      name: z.enum(QueueName),
      counts: z.strictObject(
        Object.fromEntries(QUEUE_STATES.map((state) => [state, count])) as Record<
          QueueState,
          typeof count
        >,
      ),
      recentFailures: z.array(failedJob).meta({ description: 'the latest failed jobs first' }),
    }),
  ),
});

/** POST /admin/queues/:queue/jobs/:id/retry */
export const jobRetried = z.strictObject({
  queue: z.enum(QueueName),
  id: z.string(),
  state: z.literal('waiting'),
});
