import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { createHttpApplication } from '@app/api';
import { type EventOf, isEventOf } from '@app/contracts';
import { DATABASE, type Database, EVENT_STORE, type EventStore } from '@app/event-store';
import {
  createPostgresTestDatabase,
  discoverItem,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import { createWorkerContext } from '@app/worker';

const HOUR = 3_600_000;
const ALERT_TYPES = ['alert.raised', 'alert.corroborated'] as const;

type AlertEvent = EventOf<(typeof ALERT_TYPES)[number]>;

/** One Server-Sent Event as a client sees it. */
interface StreamedEvent {
  readonly id: string;
  readonly event: string;
  readonly data: { alert: { id: string }; item: { id: string } };
}

/** A live SSE connection to /v1/alerts/stream, collecting what arrives. */
async function openStream(baseUrl: string, lastEventId?: string) {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/v1/alerts/stream`, {
    headers: lastEventId === undefined ? {} : { 'last-event-id': lastEventId },
    signal: abort.signal,
  });
  const received: StreamedEvent[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const reading = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            const colon = line.indexOf(': ');
            if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 2));
          }
          const data = fields.get('data');
          if (data !== undefined) {
            received.push({
              id: fields.get('id') ?? '',
              event: fields.get('event') ?? '',
              data: JSON.parse(data) as StreamedEvent['data'],
            });
          }
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    received,
    close: async () => {
      abort.abort();
      await reading;
    },
  };
}

describe('stories: matched items -> one alert per story -> /v1/alerts and SSE', () => {
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let store: EventStore;
  let baseUrl: string;
  const config = () => testConfig({ DATABASE_URL: database.url });

  const discover = (
    feedId: string,
    hoursAgo: number,
    title: string,
    summary: string,
  ): Promise<string> =>
    discoverItem(store, {
      feedId,
      title,
      summary,
      url: `https://${feedId}.example/${title.length}-${hoursAgo}`,
      publishedAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
    });
  const alertEvents = async (): Promise<AlertEvent[]> =>
    (await store.readAll({ after: 0, limit: 1000, types: ALERT_TYPES })).filter((event) =>
      isEventOf(event, ALERT_TYPES),
    );
  const get = async (path: string) => {
    const response = await fetch(`${baseUrl}${path}`);
    return { status: response.status, text: await response.text() };
  };
  const getJson = async (path: string) => {
    const { status, text } = await get(path);
    return { status, body: JSON.parse(text) as Record<string, unknown> };
  };

  let election: string[];
  let notice: string;

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    worker = await createWorkerContext(config());
    api = await createHttpApplication(config());
    await api.listen(0, '127.0.0.1');
    baseUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    store = worker.get<EventStore>(EVENT_STORE);

    election = [
      await discover(
        'wire-a',
        40,
        'INTERPOL elects Emirati general Ahmed Naser al-Raisi as president',
        'Delegates at the General Assembly in Istanbul chose Major General Ahmed Naser al-Raisi ' +
          'of the United Arab Emirates as INTERPOL president, despite complaints from rights ' +
          'groups that he oversaw torture.',
      ),
      await discover(
        'wire-b',
        20,
        'UAE official wins INTERPOL presidency despite torture claims',
        'Al-Raisi, inspector general of the UAE interior ministry, won the vote in Istanbul ' +
          'after three rounds to become INTERPOL president. Human rights groups had accused ' +
          'him of overseeing the torture of detainees.',
      ),
      await discover(
        'wire-c',
        1,
        'Rights groups dismayed as Raisi elected to lead INTERPOL',
        'Campaigners said the choice of the Emirati general at the Istanbul assembly would ' +
          'damage INTERPOL, whose newly elected president faces torture complaints in France ' +
          'and Turkey.',
      ),
    ];
    notice = await discover(
      'wire-b',
      2,
      'Uyghur activist detained in Morocco on a Chinese red notice',
      'Idris Hasan, who fled Xinjiang, was arrested at Casablanca airport on a red notice ' +
        'issued at the request of China, and the activist faces extradition to Beijing.',
    );
  });

  afterAll(async () => {
    await api.close();
    await worker.close();
    await database.drop();
  });

  it('raises one alert for three reports of one election and corroborates it twice', async () => {
    const events = await expectEventually(async () => {
      const found = await alertEvents();
      expect(found).toHaveLength(4);
      return found;
    });
    const byType = (type: string) => events.filter((event) => event.type === type);
    expect(byType('alert.raised')).toHaveLength(2);
    expect(byType('alert.corroborated')).toHaveLength(2);

    const electionStreams = new Set(
      events
        .filter((event) => election.includes(`item-${itemOf(event)}`))
        .map((event) => event.stream),
    );
    expect(electionStreams.size).toBe(1);
    const noticeEvent = events.find((event) => `item-${itemOf(event)}` === notice);
    expect(noticeEvent?.type).toBe('alert.raised');
    expect(noticeEvent?.stream).not.toBe([...electionStreams][0]);
  });

  it('lists the alert with three sources, explanations and a timeline', async () => {
    const [electionAlert] = (await alertEvents()).filter(
      (event) => event.type === 'alert.raised' && `item-${itemOf(event)}` !== notice,
    );
    const alertId = electionAlert!.data.alertId;
    const { status, body } = await expectEventually(async () => {
      const response = await getJson(`/v1/alerts/${alertId}`);
      expect(response.body['reportCount']).toBe(3);
      return response;
    });

    expect(status).toBe(200);
    expect(body).toMatchObject({ id: alertId, topics: ['interpol-leadership'], sourceCount: 3 });
    const sources = body['sources'] as { feedId: string }[];
    expect(sources.map((source) => source.feedId).sort()).toEqual(['wire-a', 'wire-b', 'wire-c']);
    const items = body['items'] as { kind: string; matches: { rule: string }[] }[];
    expect(items.map((item) => item.kind)).toEqual(['raised', 'corroborated', 'corroborated']);
    for (const item of items) expect(item.matches[0]?.rule).toBe('interpol-election');
    expect(body['items']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          likeness: expect.objectContaining({ reason: 'similar', sharedTerms: expect.any(Array) }),
        }),
      ]),
    );
    expect(body['timeline']).toHaveLength(3);
  });

  it('pages alerts newest first with an opaque cursor, by topic', async () => {
    // The tests above wait for the log and for the election's alert in the view; the view may
    // not hold the notice's alert yet (one CI run asked too early and got one page).
    const first = await expectEventually(async () => {
      const response = await getJson('/v1/alerts?limit=1');
      expect(typeof response.body['next']).toBe('string');
      return response;
    });
    expect(first.status).toBe(200);
    const firstPage = first.body['alerts'] as { id: string; topics: string[] }[];
    expect(firstPage).toHaveLength(1);
    expect(typeof first.body['next']).toBe('string');
    const second = await getJson(`/v1/alerts?limit=1&cursor=${String(first.body['next'])}`);
    const secondPage = second.body['alerts'] as { id: string }[];
    expect(secondPage).toHaveLength(1);
    expect(secondPage[0]?.id).not.toBe(firstPage[0]?.id);
    expect(second.body['next']).toBeNull();

    const byTopic = await getJson('/v1/alerts?topic=red-notice-abuse');
    expect((byTopic.body['alerts'] as { topics: string[] }[]).map((a) => a.topics)).toEqual([
      ['red-notice-abuse'],
    ]);
    const future = await getJson(`/v1/alerts?since=${new Date(Date.now() + HOUR).toISOString()}`);
    expect(future.body['alerts']).toEqual([]);
  });

  it('answers 400 naming the field for a bad cursor, limit or since, and 404 for no alert', async () => {
    const bad = await getJson('/v1/alerts?cursor=nonsense&limit=0&since=yesterday');
    expect(bad.status).toBe(400);
    const fields = (bad.body['error'] as { details: { field: string }[] }).details.map(
      (detail) => detail.field,
    );
    expect(fields.sort()).toEqual(['cursor', 'limit', 'since']);
    expect((await getJson('/v1/alerts/no-such-alert')).status).toBe(404);
  });

  it('lists the watchlist topics', async () => {
    const { body } = await getJson('/v1/topics');
    expect(body['topics']).toEqual([
      { id: 'red-notice-abuse', title: 'Abuse of INTERPOL Red Notices', ruleCount: 1 },
      { id: 'interpol-leadership', title: 'INTERPOL leadership', ruleCount: 1 },
    ]);
  });

  it('streams each new alert once, and a reconnect with Last-Event-ID gets exactly what it missed', async () => {
    const live = await openStream(baseUrl);
    expect(live.status).toBe(200);
    expect(live.contentType).toMatch(/^text\/event-stream/);
    // Give the stream time to take its starting position before anything new is appended.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = await store.headPosition();
    const firstNew = await discover(
      'wire-d',
      0,
      'Rwandan dissident held in Belgium on a red notice',
      'A Rwandan opposition activist was detained in Brussels on a red notice sought by Kigali.',
    );
    await expectEventually(() => expect(live.received).toHaveLength(1));
    await live.close();
    expect(live.received[0]).toMatchObject({
      event: 'alert.raised',
      data: { item: { id: firstNew.slice('item-'.length) } },
    });

    const missed = await discover(
      'wire-e',
      0,
      'Tajik journalist arrested in Poland on a red notice',
      'Poland detained an exiled Tajik journalist on a red notice filed by Dushanbe, his lawyer said.',
    );
    await expectEventually(async () => {
      const raised = (await alertEvents()).filter((event) => event.position > before);
      expect(raised.map((event) => `item-${itemOf(event)}`)).toEqual([firstNew, missed]);
    });
    const resumed = await openStream(baseUrl, live.received[0]?.id);
    await expectEventually(() => expect(resumed.received).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await resumed.close();
    expect(resumed.received.map((event) => event.data.item.id)).toEqual([
      missed.slice('item-'.length),
    ]);
    const logged = (await alertEvents()).filter((event) => event.position > before);
    expect(resumed.received[0]?.id).toBe(String(logged[1]?.position));
  });

  it('rebuilds the alerts view from the log to the same bytes', async () => {
    const paths = async () => {
      const list = await getJson('/v1/alerts?limit=100');
      const ids = (list.body['alerts'] as { id: string }[]).map((alert) => alert.id);
      return ['/v1/alerts?limit=100', ...ids.map((id) => `/v1/alerts/${id}`)];
    };
    const snapshot = async () =>
      Promise.all((await paths()).map(async (path) => (await get(path)).text));
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(3);

    await worker.close();
    const views = api.get<Database>(DATABASE);
    await views.query('TRUNCATE vigil_view_alerts, vigil_view_alert_reports');
    await views.query(`UPDATE vigil_checkpoints SET position = 0 WHERE name = 'alerts-view'`);
    expect((await getJson('/v1/alerts')).body['alerts']).toEqual([]);
    worker = await createWorkerContext(config());
    store = worker.get<EventStore>(EVENT_STORE);

    await expectEventually(async () => expect(await snapshot()).toEqual(before));
  });
});

function itemOf(event: AlertEvent): string {
  return event.data.item.id;
}
