import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import type { Database, EventStore } from '@app/event-store';
import { type AdminResponse, alertRaisedEntry, expectEventually } from '@app/testing';

/** `count` alerts of `topic`, each opening its own stream, in one round trip. */
export async function raiseAlerts(store: EventStore, topic: string, count: number): Promise<void> {
  const seenAt = new Date().toISOString();
  await store.appendToNewStreams(
    Array.from({ length: count }, () => {
      const id = randomUUID();
      return alertRaisedEntry(randomUUID(), topic, {
        id,
        feedId: 'wire',
        title: `Report ${id}`,
        url: `https://example.org/${id}`,
        summary: 'A report.',
        publishedAt: seenAt,
        seenAt,
      });
    }),
  );
}

/** `count` items found unmatched: cheap for every consumer, to fill the log in bulk. */
export async function recordUnmatchedItems(store: EventStore, count: number): Promise<void> {
  await store.appendToNewStreams(
    Array.from({ length: count }, () => ({
      stream: `item-${randomUUID()}`,
      event: { type: 'item.unmatched', data: { feedId: 'wire', watchlistVersion: 1 } },
    })),
  );
}

/** Until every consumer has handled the whole log; views on a shared machine can take a while. */
export async function caughtUp(store: EventStore): Promise<void> {
  await expectEventually(
    async () => {
      const head = await store.headPosition();
      const behind = (await store.listCheckpoints()).filter((each) => each.position < head);
      expect(behind).toEqual([]);
    },
    { timeoutMs: 120_000 },
  );
}

/** The alerts view's rows, comparable across a rebuild. */
export async function alertsView(database: Database): Promise<Map<string, unknown>> {
  const rows = await database.query<{ alert_id: string }>(
    `SELECT a.*, (SELECT jsonb_agg(r ORDER BY r.item_id) FROM vigil_view_alert_reports r
                   WHERE r.alert_id = a.alert_id) AS reports
       FROM vigil_view_alerts a ORDER BY a.alert_id`,
  );
  return new Map(rows.map((row) => [row.alert_id, row]));
}

/** Until `GET /admin/consumers` reports the rebuild `rebuildId` of `consumer` completed. */
export async function rebuildCompleted(
  call: (method: string, path: string) => Promise<AdminResponse>,
  consumer: string,
  rebuildId: unknown,
): Promise<void> {
  await expectEventually(
    async () => {
      const listed = await call('GET', '/admin/consumers');
      const rebuilt = (listed.body!['consumers'] as Record<string, unknown>[]).find(
        (each) => each['name'] === consumer,
      );
      expect(rebuilt?.['rebuild']).toMatchObject({ rebuildId, state: 'completed' });
    },
    { timeoutMs: 120_000 },
  );
}
