import type { FeedSettings, FeedSource, PollFailureReason } from '@app/contracts';
import type { FeedHealth, FeedView } from '@app/consumers';

/**
 * A feed as the admin API answers it (SPEC §3: `{ id, url, title?, intervalSeconds?, enabled }`).
 * Inside Vigil a feed's id is `feedId`, since events and views hold the ids of many things; a
 * response is about one feed, so it says `id`, as subscriptions and alerts do. Its `health`
 * keeps the health record as the view holds it, `feedId` included.
 */
export interface FeedResponse extends FeedSettings {
  readonly id: string;
  readonly source: FeedSource;
  readonly registeredAt?: string;
  readonly failingReason?: PollFailureReason | null;
  readonly health?: FeedHealth | null;
}

export function feedResponse(feed: FeedView, health?: FeedHealth | null): FeedResponse {
  const { feedId, ...rest } = feed;
  return { id: feedId, ...rest, ...(health === undefined ? {} : { health }) };
}
