import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { isEventOf, type KnownRecordedEvent } from '@app/contracts';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { DEFAULT_GROUPING_SETTINGS, StoryGrouper } from '@app/stories';
import {
  createPostgresTestDatabase,
  discoverItem,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
  uniqueQueuePrefix,
} from '@app/testing';
import { createWorkerContext } from '../src/index.js';

const ALERT_TYPES = ['alert.raised', 'alert.corroborated'] as const;

const PEOPLE = [
  ['Amir Karimov', 'Warsaw'],
  ['Bakhtiyor Yusupov', 'Vilnius'],
  ['Chen Wenjun', 'Madrid'],
  ['Dilnoza Nazarova', 'Lisbon'],
  ['Emre Demirtas', 'Oslo'],
  ['Farida Rahimi', 'Dublin'],
  ['Gulnara Sultanova', 'Prague'],
  ['Hasan Celik', 'Riga'],
  ['Ilham Tohti', 'Helsinki'],
  ['Jasur Tursunov', 'Sofia'],
  ['Kamila Aliyeva', 'Zagreb'],
  ['Leyla Huseynova', 'Vienna'],
  ['Murat Arslan', 'Geneva'],
  ['Nodira Saidova', 'Tallinn'],
  ['Omid Tavakoli', 'Antwerp'],
] as const;
const STORIES = PEOPLE.length;
const REPORTS_PER_STORY = 3;

/** Three wordings of story n: one person, one city, few shared words otherwise. */
function reports(story: number): { title: string; summary: string }[] {
  const [name, city] = PEOPLE[story] as (typeof PEOPLE)[number];
  return [
    {
      title: `Exiled activist ${name} detained in ${city} on a red notice`,
      summary: `Police in ${city} held ${name}, a dissident activist, on a red notice filed by the government he fled.`,
    },
    {
      title: `Rights groups urge release of ${name}`,
      summary: `Campaigners said the red notice against the activist ${name}, arrested in ${city}, was political.`,
    },
    {
      title: `${city} court weighs fate of dissident ${name}`,
      summary: `A judge in ${city} will decide whether ${name}, an activist named in a red notice, can stay.`,
    },
  ];
}

describe('story grouping with two workers on one log', () => {
  let database: PostgresTestDatabase;
  const workers: INestApplicationContext[] = [];
  let store: EventStore;
  const items: string[] = [];

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    const env = { DATABASE_URL: database.url, QUEUE_PREFIX: uniqueQueuePrefix() };
    workers.push(await createWorkerContext(testConfig(env)));
    workers.push(await createWorkerContext(testConfig(env)));
    store = (workers[0] as INestApplicationContext).get<EventStore>(EVENT_STORE);
    for (let round = 0; round < REPORTS_PER_STORY; round++) {
      for (let story = 0; story < STORIES; story++) {
        const report = reports(story)[round] as { title: string; summary: string };
        const stream = await discoverItem(store, { feedId: `feed-${round}`, ...report });
        items.push(stream);
      }
    }
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await database.drop();
  });

  it('places every item in exactly one alert, as one grouper reading the log in order would', async () => {
    const alertEvents = await expectEventually(
      async () => {
        const events = await store.readAll({ after: 0, limit: 10_000, types: ALERT_TYPES });
        expect(events).toHaveLength(items.length);
        return events;
      },
      { timeoutMs: 30_000 },
    );
    const placed = alertEvents.map((event) =>
      isEventOf(event, ALERT_TYPES) ? event.data.item.id : '',
    );
    expect(new Set(placed).size).toBe(items.length);

    // Replay: one grouper fed each item's first match in log order decides as the workers did.
    const matches = await store.readAll({ after: 0, limit: 10_000, types: ['item.matched'] });
    const recorded = new Map<string, KnownRecordedEvent>(
      alertEvents.flatMap((event) =>
        isEventOf(event, ALERT_TYPES) ? [[event.data.item.id, event] as const] : [],
      ),
    );
    const grouper = new StoryGrouper(DEFAULT_GROUPING_SETTINGS);
    for (const match of matches) {
      const event = recorded.get(match.stream.slice('item-'.length));
      if (event === undefined || !isEventOf(event, ALERT_TYPES)) continue;
      const item = {
        itemId: event.data.item.id,
        feedId: event.data.item.feedId,
        title: event.data.item.title,
        summary: event.data.item.summary,
        at: Date.parse(event.data.item.seenAt),
        topics: event.data.topics,
        matchedTerms: event.data.matches.flatMap((m) => m.terms.map((term) => term.text)),
      };
      const decision = grouper.decide(item);
      if (decision.kind === 'new-story') {
        expect(event.type).toBe('alert.raised');
        grouper.startStory(event.data.alertId, item);
      } else {
        expect(event).toMatchObject({
          type: 'alert.corroborated',
          data: { alertId: decision.storyId },
        });
        grouper.joinStory(decision.storyId, item);
      }
    }
    const raised = alertEvents.filter((event) => event.type === 'alert.raised');
    expect(raised).toHaveLength(STORIES);
  });
});
