import { z } from 'zod';
import { watchlistSchema } from '@app/matching';
import { count, isoTime, ruleMatch } from '../../http/response-fields.js';

/** GET /admin/watchlist */
export const watchlistInForce = z.strictObject({
  version: z.int().min(1).meta({ description: 'the version of the `watchlist` stream' }),
  source: z.enum(['file', 'admin']),
  hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .meta({ description: "sha256 of the definition's JSON, in hex" }),
  definition: watchlistSchema,
});

/** PUT /admin/watchlist */
export const watchlistRecorded = z.strictObject({ version: z.int().min(1) });

/** POST /admin/watchlist/backfill */
export const backfillRequested = z.strictObject({ jobId: z.string(), since: isoTime });

/** A backfill's progress; `scannedEvents` only while its job is in Redis. */
export const backfillProgress = z.strictObject({
  scannedEvents: count.optional(),
  items: count,
  matched: count,
  done: z.boolean(),
});

/** GET /admin/watchlist/backfill/:jobId */
export const backfillState = z.strictObject({
  jobId: z.string(),
  state: z
    .enum([
      'requested',
      'waiting',
      'waiting-children',
      'prioritized',
      'delayed',
      'active',
      'completed',
      'failed',
      'unknown',
    ])
    .meta({ description: "`requested`: recorded, not queued yet; else its job's state" }),
  progress: backfillProgress.nullable().meta({ description: 'null until its first report' }),
});

/** POST /admin/watchlist/test */
export const matchExplanation = z.strictObject({
  watchlistVersion: z.int().min(1),
  matches: z.array(ruleMatch).meta({ description: 'in watchlist order' }),
  scores: z
    .record(z.string(), z.number())
    .meta({ description: 'the weights of the matched rules summed, per topic' }),
});
