import { z } from 'zod';
import { POLL_FAILURE_REASONS } from '@app/contracts';
import type { FeedHealth, FeedView } from '@app/consumers';
import { count, isoTime } from '../../http/response-fields.js';

const pollFailureReason = z.enum(POLL_FAILURE_REASONS);

/**
 * A feed as the admin API answers it (SPEC §3: `{ id, url, title?, intervalSeconds?, enabled }`).
 * Inside Vigil a feed's id is `feedId`, since events and views hold the ids of many things; a
 * response is about one feed, so it says `id`, as subscriptions and alerts do.
 */
export const feedResponse = z.strictObject({
  id: z.string(),
  source: z.enum(['config', 'admin']),
  url: z.string(),
  title: z.string().nullable(),
  intervalSeconds: z
    .int()
    .nullable()
    .meta({ description: 'null: adaptive, from the feed itself and the configured default' }),
  enabled: z.boolean(),
  allowPrivateNetwork: z.boolean(),
});

/**
 * Its polling health, as the poller records it, `feedId` included; without the fingerprints of
 * the items it remembers, which are the poller's own bookkeeping (docs/http.md).
 */
const feedHealth = z.strictObject({
  feedId: z.string(),
  lastPollAt: isoTime.nullable(),
  lastSuccessAt: isoTime.nullable(),
  lastErrorAt: isoTime.nullable(),
  lastErrorReason: pollFailureReason.nullable(),
  lastErrorMessage: z.string().nullable(),
  failuresInRow: count,
  nextPollAt: isoTime.nullable(),
  currentIntervalSeconds: z
    .number()
    .nullable()
    .meta({ description: 'the interval in use now: adaptive, cache hints, back-off' }),
  itemsSeen: count,
  averageItemsPerDay: z.number().nullable().meta({ description: 'since the first poll' }),
  firstPolledAt: isoTime.nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
});

/** A feed with its registration and health: GET /admin/feeds and /admin/feeds/:id. */
export const feedWithHealth = feedResponse.extend({
  registeredAt: isoTime,
  failingReason: pollFailureReason
    .nullable()
    .meta({ description: 'the failure in progress as recorded in the log; null while healthy' }),
  health: feedHealth.nullable().meta({ description: 'null before its first poll' }),
});

export const feedList = z.strictObject({ feeds: z.array(feedWithHealth) });

export type FeedResponse = z.output<typeof feedResponse>;
export type FeedWithHealth = z.output<typeof feedWithHealth>;

export function feedWithHealthOf(feed: FeedView, health: FeedHealth | null): FeedWithHealth {
  const { feedId, ...rest } = feed;
  if (health === null) return { id: feedId, ...rest, health: null };
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- left out on purpose (above).
  const { rememberedItems, ...shown } = health;
  return { id: feedId, ...rest, health: shown };
}

/** POST /admin/feeds/:id/poll */
export const pollRequested = z.strictObject({ feedId: z.string(), jobId: z.string() });
