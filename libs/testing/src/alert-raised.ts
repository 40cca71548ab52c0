import { type AlertItemData, alertStream, type KnownNewEvent } from '@app/contracts';
import type { NewStreamEntry } from '@app/event-store';

/**
 * The `alert.raised` that opens a story of one topic with `item` as its first report, as the
 * story grouper records it: for the tests and benches that start at alerts.
 */
export function alertRaisedEntry(
  alertId: string,
  topic: string,
  item: AlertItemData,
): NewStreamEntry {
  return {
    stream: alertStream(alertId),
    event: {
      type: 'alert.raised',
      data: {
        alertId,
        topics: [topic],
        score: 1,
        title: item.title,
        url: item.url,
        firstSeenAt: item.seenAt,
        item,
        matches: [{ topic, rule: 'test', weight: 1, terms: [] }],
        scores: { [topic]: 1 },
        watchlistVersion: 1,
      },
    } satisfies KnownNewEvent,
  };
}
