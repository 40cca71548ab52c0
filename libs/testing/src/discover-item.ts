import { randomUUID } from 'node:crypto';
import type { KnownNewEvent } from '@app/contracts';
import type { EventStore } from '@app/event-store';

export interface DiscoveredItemFields {
  readonly feedId: string;
  readonly title: string;
  readonly summary: string;
  readonly url?: string | null;
  readonly publishedAt?: string | null;
}

/**
 * Records an item as the poller would (`item.discovered` on a new `item-<id>` stream), for
 * tests that start the pipeline at matching. Resolves with the item's stream.
 */
export async function discoverItem(store: EventStore, item: DiscoveredItemFields): Promise<string> {
  const stream = `item-${randomUUID().replaceAll('-', '')}`;
  await store.append(
    stream,
    {
      type: 'item.discovered',
      data: {
        feedId: item.feedId,
        identity: stream,
        title: item.title,
        url: item.url ?? null,
        summary: item.summary,
        publishedAt: item.publishedAt ?? null,
        categories: [],
        language: 'en',
        fingerprint: '0000000000000000',
      },
    } satisfies KnownNewEvent,
    { expectedVersion: 'no_stream' },
  );
  return stream;
}
