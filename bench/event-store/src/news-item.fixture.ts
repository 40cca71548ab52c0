import type { ItemDiscovered, KnownNewEvent } from '@app/contracts';

const FIRST_PUBLISHED_AT = Date.parse('2025-11-20T06:00:00.000Z');

/** An `item.discovered` payload the size of a real one (~580 bytes), distinct per index. */
export function newsItemData(index: number): ItemDiscovered {
  const url = `https://news.example.com/world/2025/11/20/central-bank-holds-rates-steady-${index}`;
  return {
    feedId: `feed-${(index % 40).toString().padStart(4, '0')}`,
    identity: url,
    title: `Central bank holds rates steady as inflation eases for a third month (${index})`,
    url,
    summary:
      'Policymakers left the benchmark rate unchanged on Thursday, citing slowing price ' +
      'growth and a cooling labour market, and signalled that cuts could follow early next year.',
    publishedAt: new Date(FIRST_PUBLISHED_AT + index * 60_000).toISOString(),
    categories: ['World', 'Economy'],
    language: 'en',
    fingerprint: index.toString(16).padStart(16, '0'),
  };
}

export const NEWS_ITEM_TYPE = 'item.discovered';

export function newsItemEvent(index: number): KnownNewEvent {
  return { type: NEWS_ITEM_TYPE, data: newsItemData(index) };
}
