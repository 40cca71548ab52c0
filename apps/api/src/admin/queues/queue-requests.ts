import { z } from 'zod';

/** `GET /admin/queues?failedLimit=`: how many of each queue's latest failed jobs to list. */
export const queuesQuery = z.strictObject({
  failedLimit: z.coerce.number().int().min(0).max(100).default(10),
});

export type QueuesQuery = z.output<typeof queuesQuery>;
