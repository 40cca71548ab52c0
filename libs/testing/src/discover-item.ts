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

/**
 * An item that the test watchlist's `red-notice-abuse` topic matches, about a person of its own
 * (`n` and a random part keep it apart from every other story): one new alert. Resolves with
 * the item's stream.
 */
export function discoverNewStory(store: EventStore, n: number): Promise<string> {
  const person = `Person${n}x${randomUUID().slice(0, 6)}`;
  return discoverItem(store, {
    feedId: 'wire',
    title: `Dissident ${person} held in Vilnius${n} on a red notice`,
    url: `https://wire.example/${person}`,
    summary: `Police detained ${person}, an exiled activist, on a red notice.`,
  });
}
