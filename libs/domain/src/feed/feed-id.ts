import { createHash } from 'node:crypto';

/**
 * A stable, readable id for a feed listed without one: its host and a short hash of its URL,
 * e.g. `hrw-org-3f2a9c1b`. The same URL always gets the same id, so reconciling
 * config/feeds.yaml on every start registers each feed once.
 */
export function deriveFeedId(url: string): string {
  const host = (URL.parse(url)?.hostname ?? '')
    .replace(/^www\./, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 8);
  return `${host || 'feed'}-${hash}`;
}
