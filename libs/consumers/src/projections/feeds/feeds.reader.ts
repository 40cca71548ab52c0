import type { FeedSource, PollFailureReason } from '@app/contracts';
import { averageItemsPerDay } from '@app/domain';
import type { Database } from '@app/event-store';
import type { FeedHealth, FeedView } from './feed-view.js';

interface FeedRow {
  feed_id: string;
  url: string;
  title: string | null;
  interval_seconds: number | null;
  enabled: boolean;
  allow_private_network: boolean;
  source: FeedSource;
  registered_at: Date | string;
  failing_reason: PollFailureReason | null;
}

interface HealthRow {
  feed_id: string;
  last_poll_at: Date | string | null;
  last_success_at: Date | string | null;
  last_error_at: Date | string | null;
  last_error_reason: PollFailureReason | null;
  last_error_message: string | null;
  failures_in_row: number;
  next_poll_at: Date | string | null;
  current_interval_seconds: number | null;
  items_seen: number;
  first_polled_at: Date | string | null;
  etag: string | null;
  last_modified: string | null;
  remembered_items: { fingerprint: string; publishedAt: string | null }[];
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** Reads the feed views: the feeds (settings) and their health (last poll, errors, next poll). */
export class FeedsReader {
  constructor(private readonly database: Database) {}

  async list(): Promise<FeedView[]> {
    const rows = await this.database.query<FeedRow>(
      'SELECT * FROM vigil_view_feeds WHERE NOT removed ORDER BY feed_id',
    );
    return rows.map(toFeedView);
  }

  async get(feedId: string): Promise<FeedView | undefined> {
    const [row] = await this.database.query<FeedRow>(
      'SELECT * FROM vigil_view_feeds WHERE feed_id = $1 AND NOT removed',
      [feedId],
    );
    return row && toFeedView(row);
  }

  async findByUrl(url: string): Promise<FeedView | undefined> {
    const [row] = await this.database.query<FeedRow>(
      'SELECT * FROM vigil_view_feeds WHERE url = $1 AND NOT removed',
      [url],
    );
    return row && toFeedView(row);
  }

  /** A feed and its health in one round trip: what the poller reads before every poll. */
  async getWithHealth(
    feedId: string,
  ): Promise<{ feed: FeedView; health: FeedHealth | undefined } | undefined> {
    const [row] = await this.database.query<FeedRow & { health: HealthRow | null }>(
      `SELECT f.*, to_jsonb(h) AS health FROM vigil_view_feeds f
         LEFT JOIN vigil_feed_health h ON h.feed_id = f.feed_id
        WHERE f.feed_id = $1 AND NOT f.removed`,
      [feedId],
    );
    if (!row) return undefined;
    return { feed: toFeedView(row), health: row.health ? toFeedHealth(row.health) : undefined };
  }

  async health(feedId: string): Promise<FeedHealth | undefined> {
    const [row] = await this.database.query<HealthRow>(
      'SELECT * FROM vigil_feed_health WHERE feed_id = $1',
      [feedId],
    );
    return row && toFeedHealth(row);
  }

  async allHealth(): Promise<FeedHealth[]> {
    const rows = await this.database.query<HealthRow>(
      'SELECT * FROM vigil_feed_health ORDER BY feed_id',
    );
    return rows.map(toFeedHealth);
  }
}

function toFeedView(row: FeedRow): FeedView {
  return {
    feedId: row.feed_id,
    url: row.url,
    title: row.title,
    intervalSeconds: row.interval_seconds,
    enabled: row.enabled,
    allowPrivateNetwork: row.allow_private_network,
    source: row.source,
    registeredAt: new Date(row.registered_at).toISOString(),
    failingReason: row.failing_reason,
  };
}

function toFeedHealth(row: HealthRow): FeedHealth {
  return {
    feedId: row.feed_id,
    lastPollAt: iso(row.last_poll_at),
    lastSuccessAt: iso(row.last_success_at),
    lastErrorAt: iso(row.last_error_at),
    lastErrorReason: row.last_error_reason,
    lastErrorMessage: row.last_error_message,
    failuresInRow: Number(row.failures_in_row),
    nextPollAt: iso(row.next_poll_at),
    currentIntervalSeconds: row.current_interval_seconds,
    itemsSeen: Number(row.items_seen),
    averageItemsPerDay: averageItemsPerDay(
      Number(row.items_seen),
      iso(row.first_polled_at),
      new Date(),
    ),
    firstPolledAt: iso(row.first_polled_at),
    etag: row.etag,
    lastModified: row.last_modified,
    rememberedItems: row.remembered_items,
  };
}
