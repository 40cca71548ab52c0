import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { alertStream, type KnownRecordedEvent } from '@app/contracts';
import {
  ensureSubscriptionViewsSchema,
  SUBSCRIPTIONS_VIEW,
  SubscriptionsProjection,
  SubscriptionsReader,
} from '@app/consumers';
import { type EventStore, PostgresDatabase, SqlEventStore } from '@app/event-store';
import { newWebhookSecret, SubscriptionKeyStore } from '@app/subscriptions';
import {
  alertRaisedEntry,
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  seedWebhookSubscription,
  testConfig,
} from '@app/testing';
import { NotificationFanoutReactor } from '../src/notifications/notification-fanout.reactor.js';

const TOPIC = 'red-notice-abuse';

/**
 * The fan-out against the real log and subscriptions view, the view driven by hand so that it
 * can be made to lag: the one thing this spec is about. The fan-out only appends: the
 * delivery-dispatch reactor queues the jobs (covered end to end).
 */
describe('notification fan-out', () => {
  let testDatabase: PostgresTestDatabase;
  let database: PostgresDatabase;
  let store: EventStore;
  let reactor: NotificationFanoutReactor;

  beforeAll(async () => {
    testDatabase = await createPostgresTestDatabase();
    database = await PostgresDatabase.open(testDatabase.url);
    store = await SqlEventStore.open(database);
    await ensureSubscriptionViewsSchema(database);
    reactor = new NotificationFanoutReactor(new SubscriptionsReader(database), store, testConfig());
  });

  afterAll(async () => {
    await store.close();
    await testDatabase.drop();
  });

  it('waits for the subscriptions view to reach an alert, so a subscriber of a moment before gets it', async () => {
    const keys = new SubscriptionKeyStore(database);
    await keys.ensureSchema();
    const subscriptionId = await seedWebhookSubscription(store, keys, {
      url: 'https://receiver.example/hook',
      secret: newWebhookSecret(),
      topics: [TOPIC],
    });
    const alert = await raiseAlert(store);

    let fannedOut = false;
    const fanOut = reactor.handle(alert).then(() => {
      fannedOut = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The view has not applied the subscription yet: going on now would miss it for good.
    expect(fannedOut).toBe(false);
    const view = new SubscriptionsProjection(database);
    await view.handleBatch(await store.readAll({ after: 0, limit: 1_000 }));
    await store.saveCheckpoint(SUBSCRIPTIONS_VIEW, await store.headPosition());
    await fanOut;

    const requested = await store.readAll({
      after: alert.position,
      limit: 10,
      types: ['notification.requested'],
    });
    expect(requested.map((event) => event.data)).toEqual([
      expect.objectContaining({ subscriptionId, alertId: 'fanout1', cause: 'alert' }),
    ]);
  });

  it('sends a weakly alike corroboration to subscribers without corroborations, a strong one not', async () => {
    const before = await store.headPosition();
    const corroboration = (
      itemId: string,
      similarity: number,
      sharesPerson?: boolean,
      tellsNews?: boolean,
    ) => ({
      type: 'alert.corroborated' as const,
      data: {
        alertId: 'fanout1',
        topics: [TOPIC],
        score: 1,
        item: {
          id: itemId,
          feedId: 'wire',
          title: `Report ${itemId}`,
          url: null,
          summary: 'A dissident was detained on a red notice.',
          publishedAt: null,
          seenAt: new Date().toISOString(),
        },
        matches: [{ topic: TOPIC, rule: 'test', weight: 1, terms: [] }],
        scores: { [TOPIC]: 1 },
        watchlistVersion: 1,
        likeness: {
          reason: 'similar' as const,
          similarity,
          closestItemId: 'fanout-item-1',
          sharedTerms: ['red', 'notice'],
          ...(sharesPerson === undefined ? {} : { sharesPerson }),
          ...(tellsNews === undefined ? {} : { tellsNews }),
        },
      },
    });
    const { weakLikeness, weakPlaceLikeness } = testConfig().runtime.stories;
    // Between the two levels: weak when only places link it to the story, not when a person does.
    const between = (weakLikeness + weakPlaceLikeness) / 2;
    expect(between).toBeGreaterThan(weakLikeness);
    await store.append(
      alertStream('fanout1'),
      [
        corroboration('weak', weakLikeness / 2),
        corroboration('strong', weakLikeness * 2, true),
        corroboration('places-only', between, false),
        corroboration('person', between, true),
        // Alike and linked by a person, but its headline tells news the story's do not.
        corroboration('released', weakPlaceLikeness * 2, true, true),
        corroboration('retold', weakPlaceLikeness * 2, true, false),
      ],
      { expectedVersion: 1 },
    );
    await store.saveCheckpoint(SUBSCRIPTIONS_VIEW, await store.headPosition());
    const corroborations = (await store.readStream(alertStream('fanout1'))).slice(1);
    for (const event of corroborations) await reactor.handle(event);

    const requested = await store.readAll({
      after: before,
      limit: 10,
      types: ['notification.requested'],
    });
    // The subscriber asked for no corroborations: only the weak ones, which may be new stories.
    expect(requested.map((event) => event.data)).toEqual([
      expect.objectContaining({
        kind: 'alert.corroborated',
        sourcePosition: corroborations[0]!.position,
      }),
      expect.objectContaining({
        kind: 'alert.corroborated',
        sourcePosition: corroborations[2]!.position,
      }),
      expect.objectContaining({
        kind: 'alert.corroborated',
        sourcePosition: corroborations[4]!.position,
      }),
    ]);
  });
});

async function raiseAlert(store: EventStore): Promise<KnownRecordedEvent> {
  const item = {
    id: 'fanout-item-1',
    feedId: 'wire',
    title: 'Exiled activist held on a red notice',
    url: 'https://wire.example/1',
    summary: 'A dissident was detained on a red notice.',
    publishedAt: null,
    seenAt: new Date().toISOString(),
  };
  await store.appendToNewStreams([alertRaisedEntry('fanout1', TOPIC, item)]);
  const [event] = await store.readStream(alertStream('fanout1'));
  return event!;
}
