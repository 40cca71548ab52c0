import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { createHttpApplication } from '@app/api';
import { type EventOf, isEventOf } from '@app/contracts';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  alertRaisedEntry,
  createPostgresTestDatabase,
  discoverItem,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import { createWorkerContext } from '@app/worker';

const HOUR = 3_600_000;

/** The report that raised an alert, as GET /v1/alerts/:id shows it. */
interface RaisedReport {
  readonly kind: string;
  readonly itemId: string;
  readonly start?: { reason: string; nearestAlertId?: string; similarity?: number };
}

describe('why an alert started: recorded on alert.raised, shown by GET /v1/alerts/:id', () => {
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let store: EventStore;
  let baseUrl: string;

  const discover = (feedId: string, hoursAgo: number, title: string, summary: string) =>
    discoverItem(store, {
      feedId,
      title,
      summary,
      url: `https://${feedId}.example/${hoursAgo}`,
      publishedAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
    });
  const raisedEvents = async (): Promise<EventOf<'alert.raised'>[]> =>
    (await store.readAll({ after: 0, limit: 1000, types: ['alert.raised'] })).filter((event) =>
      isEventOf(event, ['alert.raised'] as const),
    );
  const raisedReport = async (alertId: string): Promise<RaisedReport> => {
    const response = await fetch(`${baseUrl}/v1/alerts/${alertId}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: RaisedReport[] };
    const [first] = body.items;
    expect(first?.kind).toBe('raised');
    return first!;
  };

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    const config = testConfig({ DATABASE_URL: database.url });
    worker = await createWorkerContext(config);
    api = await createHttpApplication(config);
    await api.listen(0, '127.0.0.1');
    baseUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    store = worker.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await api.close();
    await worker.close();
    await database.drop();
  });

  it('raises two alerts for two people held in one city, and says why the second started', async () => {
    // One city, one morning, two different people: they share the city and the topic's words.
    const journalist = await discover(
      'wire-a',
      3,
      'Exiled journalist Leyla Oran held at Lisbon airport on a red notice',
      'Portuguese police detained Leyla Oran, an exiled journalist who writes about corruption, ' +
        'at Lisbon airport on a red notice requested by the government she fled, her lawyer said.',
    );
    await expectEventually(async () => expect(await raisedEvents()).toHaveLength(1));
    const activist = await discover(
      'wire-b',
      1,
      'Uyghur activist Idris Kamal detained in Lisbon on a Chinese red notice',
      'Idris Kamal, a Uyghur activist who lives in Turkey, was arrested in Lisbon on a red notice ' +
        'issued at the request of China and faces extradition, rights groups said.',
    );
    const raised = await expectEventually(async () => {
      const events = await raisedEvents();
      expect(events).toHaveLength(2);
      return events;
    });
    const [first, second] = raised;
    expect(`item-${first!.data.item.id}`).toBe(journalist);
    expect(`item-${second!.data.item.id}`).toBe(activist);

    const firstReport = await expectEventually(() => raisedReport(first!.data.alertId));
    expect(firstReport.start).toEqual({ reason: 'no-candidate' });
    const secondReport = await expectEventually(() => raisedReport(second!.data.alertId));
    expect(secondReport.start).toEqual({
      reason: 'different-people',
      nearestAlertId: first!.data.alertId,
      similarity: expect.any(Number),
    });
    expect(secondReport.start?.similarity).toBeGreaterThan(0);
    expect(secondReport.start).toEqual(second!.data.start);
  });

  it('reads an alert.raised recorded before the reason was, without one', async () => {
    const alertId = 'a'.repeat(32);
    await store.appendToNewStreams([
      alertRaisedEntry(alertId, 'red-notice-abuse', {
        id: 'old-item',
        feedId: 'wire-old',
        title: 'Dissident held on a red notice',
        url: null,
        summary: 'A dissident was detained on a red notice.',
        publishedAt: null,
        seenAt: new Date().toISOString(),
      }),
    ]);
    const report = await expectEventually(() => raisedReport(alertId));
    expect(report.itemId).toBe('old-item');
    expect(report).not.toHaveProperty('start');
  });
});
