import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { isEventOf, notificationStream, subscriptionStream } from '@app/contracts';
import { SubscriptionsReader } from '@app/consumers';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { JobQueues, QueueName } from '@app/jobs';
import { newWebhookSecret, SubscriptionKeyStore } from '@app/subscriptions';
import {
  consumersCaughtUp,
  createPostgresTestDatabase,
  discoverNewStory,
  expectEventually,
  type PostgresTestDatabase,
  seedWebhookSubscription,
  testConfig,
  WebhookReceiver,
  withWebhookSettings,
} from '@app/testing';
import { createWorkerContext } from '../src/index.js';

const TOPIC = 'red-notice-abuse';

/**
 * A delivery that no retry can cure is dead-lettered at its first attempt, with the reason,
 * and counts towards suspension: private networks are not allowed here, so a URL whose name
 * resolves to loopback is refused at every attempt. Retries are 50 ms apart, so a retry
 * schedule would show within the test.
 */
describe('permanent delivery failures dead-letter at once', () => {
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let store: EventStore;
  let receiver: WebhookReceiver;
  let alerts = 0;

  const subscribe = (url: string): Promise<string> =>
    seedWebhookSubscription(store, worker.get(SubscriptionKeyStore), {
      url,
      secret: newWebhookSecret(),
      topics: [TOPIC],
    });

  /** A new story the test watchlist matches: one alert, one notification per subscription. */
  const raiseAlert = async (): Promise<void> => {
    alerts += 1;
    await discoverNewStory(store, alerts);
  };

  /** The notification streams of a subscription, each as its events. */
  const notificationsOf = async (subscriptionId: string) => {
    const requested = await store.readAll({
      after: 0,
      limit: 10_000,
      types: ['notification.requested'],
    });
    const ids = requested
      .filter((event) => isEventOf(event, ['notification.requested']))
      .filter((event) => event.data.subscriptionId === subscriptionId)
      .map((event) => event.data.notificationId);
    return Promise.all(ids.map((id) => store.readStream(notificationStream(id))));
  };

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    database = await createPostgresTestDatabase();
    const config = withWebhookSettings(
      testConfig({ DATABASE_URL: database.url, ALLOW_PRIVATE_NETWORKS: 'false' }),
      { retryDelaysSeconds: [0.05, 0.05, 0.05], suspendAfterDeadLetters: 2 },
    );
    worker = await createWorkerContext(config);
    store = worker.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await worker.close();
    await receiver.stop();
    await database.drop();
  });

  it('makes one attempt to a URL that resolves to 127.0.0.1 and dead-letters it as blocked_address', async () => {
    const loopbackByName = new URL(receiver.url);
    loopbackByName.hostname = 'localhost';
    const subscriptionId = await subscribe(loopbackByName.href);
    const unparsable = await subscribe('http://');
    await raiseAlert();

    const [notification] = await expectEventually(async () => {
      const streams = await notificationsOf(subscriptionId);
      expect(streams.map((events) => events.map((event) => event.type))).toEqual([
        ['notification.requested', 'notification.attempt_failed', 'notification.dead_lettered'],
      ]);
      return streams;
    });
    const [, attempt, deadLetter] = notification!;
    expect(attempt?.data).toMatchObject({
      attempt: 1,
      status: null,
      error: 'blocked_address',
      nextAttemptAt: null,
    });
    expect(deadLetter?.data).toMatchObject({ attempts: 1, reason: 'blocked_address' });

    await expectEventually(async () =>
      expect((await notificationsOf(unparsable)).map((events) => events.at(-1)?.data)).toEqual([
        expect.objectContaining({ attempts: 1, reason: 'invalid_url' }),
      ]),
    );

    // Nothing is owed: no retry waits in the queue, none reached the receiver, and the log
    // holds no later attempt once every consumer has caught up.
    await consumersCaughtUp(store);
    const deliveries = worker.get(JobQueues).queue(QueueName.Deliveries);
    expect(await deliveries.getDelayedCount()).toBe(0);
    expect(receiver.received).toEqual([]);
    expect((await notificationsOf(subscriptionId))[0]).toHaveLength(3);
    expect(await worker.get(SubscriptionsReader).deliveries(subscriptionId, 10)).toEqual([
      expect.objectContaining({ outcome: 'dead_lettered', attempt: 1, error: 'blocked_address' }),
      expect.objectContaining({ outcome: 'failed', attempt: 1, error: 'blocked_address' }),
    ]);
  });

  it('suspends the subscription at the configured number of dead letters in a row (2)', async () => {
    const subscriptionId = await subscribe('http://127.0.0.1:9/hook');
    const status = async () =>
      (await store.readStream(subscriptionStream(subscriptionId))).map((event) => event.type);

    await raiseAlert();
    await expectEventually(async () =>
      expect(await notificationsOf(subscriptionId)).toEqual([
        expect.arrayContaining([expect.objectContaining({ type: 'notification.dead_lettered' })]),
      ]),
    );
    await consumersCaughtUp(store);
    expect(await status()).toEqual(['subscription.created']);

    await raiseAlert();
    await expectEventually(async () =>
      expect(await status()).toEqual(['subscription.created', 'subscription.suspended']),
    );
    const [, suspended] = await store.readStream(subscriptionStream(subscriptionId));
    expect(suspended?.data).toMatchObject({ reason: 'failing' });
    expect(await notificationsOf(subscriptionId)).toHaveLength(2);
  });
});
