import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { alertStream, type KnownNewEvent, type StoryLikeness } from '@app/contracts';
import { PostgresDatabase, SqlEventStore } from '@app/event-store';
import {
  alertRaisedEntry,
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from '@app/testing';
import { ensureAlertViewsSchema } from '../src/projections/alerts/alerts-schema.js';
import { AlertsProjection, AlertsReader } from '../src/index.js';

const TOPIC = 'red-notice-abuse';
const WEAK = { weakLikeness: 0.2, weakPlaceLikeness: 0.4, weakNewDevelopment: true };

/** Which alerts a digest holds, read from the view the real projection builds. */
describe('AlertsReader.digestAlerts on PostgreSQL', () => {
  let testDatabase: PostgresTestDatabase;
  let store: SqlEventStore;
  let projection: AlertsProjection;
  let reader: AlertsReader;

  beforeAll(async () => {
    testDatabase = await createPostgresTestDatabase();
    const database = await PostgresDatabase.open(testDatabase.url);
    store = await SqlEventStore.open(database);
    await ensureAlertViewsSchema(database);
    projection = new AlertsProjection(database);
    reader = new AlertsReader(database);
  });

  afterAll(async () => {
    await store.close();
    await testDatabase.drop();
  });

  const item = (id: string) => ({
    id,
    feedId: 'wire',
    title: `Report ${id}`,
    url: `https://wire.example/${id}`,
    summary: 'An exiled activist was detained on a red notice.',
    publishedAt: null,
    seenAt: new Date().toISOString(),
  });

  const corroboration = (alertId: string, likeness: StoryLikeness): KnownNewEvent => ({
    type: 'alert.corroborated',
    data: {
      alertId,
      topics: [TOPIC],
      score: 1,
      item: item(`${alertId}-later`),
      matches: [{ topic: TOPIC, rule: 'test', weight: 1, terms: [] }],
      scores: { [TOPIC]: 1 },
      watchlistVersion: 1,
      likeness,
    },
  });

  const project = async (after: number) => {
    for (const event of await store.readAll({ after, limit: 1_000 })) {
      await projection.handle(event);
    }
  };

  it('holds a corroboration for a subscriber without corroborations only when it joined weakly', async () => {
    const joins: Record<string, Omit<StoryLikeness, 'closestItemId' | 'sharedTerms'>> = {
      'weak-words': { reason: 'similar', similarity: 0.1, sharesPerson: true },
      'places-only': { reason: 'similar', similarity: 0.3, sharesPerson: false },
      'person-linked': { reason: 'similar', similarity: 0.3, sharesPerson: true },
      'strong-places': { reason: 'similar', similarity: 0.5, sharesPerson: false },
      'news-of-its-own': {
        reason: 'similar',
        similarity: 0.6,
        sharesPerson: true,
        tellsNews: true,
      },
      'same-news': { reason: 'similar', similarity: 0.6, sharesPerson: true, tellsNews: false },
      'recorded-before': { reason: 'similar', similarity: 0.3 },
      copy: { reason: 'syndicated', similarity: 0.1 },
    };
    const alertIds = Object.keys(joins);
    await store.appendToNewStreams(
      alertIds.map((alertId) => alertRaisedEntry(alertId, TOPIC, item(`${alertId}-first`))),
    );
    await project(0);
    const head = await store.headPosition();
    // The digest's period opens after the raises: each alert is in it by its corroboration only.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const from = new Date().toISOString();
    for (const [alertId, join] of Object.entries(joins)) {
      await store.append(
        alertStream(alertId),
        [corroboration(alertId, { ...join, closestItemId: `${alertId}-first`, sharedTerms: [] })],
        { expectedVersion: 1 },
      );
    }
    await project(head);
    const digest = (corroborations: boolean, weak = WEAK) =>
      reader.digestAlerts({
        from,
        to: new Date(Date.now() + 60_000).toISOString(),
        topics: [TOPIC],
        minScore: 0,
        corroborations,
        weak,
        limit: 50,
      });

    expect(new Set(await digest(false))).toEqual(
      new Set(['weak-words', 'places-only', 'news-of-its-own']),
    );
    expect(new Set(await digest(false, { ...WEAK, weakNewDevelopment: false }))).toEqual(
      new Set(['weak-words', 'places-only']),
    );
    expect(new Set(await digest(true))).toEqual(new Set(alertIds));
  });
});
