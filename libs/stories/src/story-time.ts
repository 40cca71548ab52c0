const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A publication date this far before discovery is an old item resurfacing, or a wrong date. */
const MAX_BACKDATE_MS = 30 * DAY_MS;
/** Clocks differ; a date further ahead than this is wrong. */
const MAX_FUTURE_MS = HOUR_MS;

/**
 * When an item's story surfaced, for the grouping window: the feed's publication date when it
 * is plausible, the discovery time otherwise (no date, a date in the future, or one so old that
 * the item is a resurfaced archive entry).
 */
export function storyTime(publishedAt: string | null, discoveredAt: string): number {
  const discovered = Date.parse(discoveredAt);
  const published = publishedAt === null ? Number.NaN : Date.parse(publishedAt);
  if (Number.isNaN(published)) return discovered;
  if (published > discovered + MAX_FUTURE_MS || published < discovered - MAX_BACKDATE_MS) {
    return discovered;
  }
  return published;
}
