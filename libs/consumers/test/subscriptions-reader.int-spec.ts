import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type KnownNewEvent, notificationStream } from '@app/contracts';
import { PostgresDatabase, SqlEventStore } from '@app/event-store';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@app/testing';
import {
  ensureSubscriptionViewsSchema,
  SubscriptionsReader,
  SubscriptionsProjection,
} from '../src/index.js';

type Outcome = 'delivered' | 'failed' | 'dead_lettered';

/** The failure run that decides suspension, counted from the view the real projection builds. */
describe('SubscriptionsReader.failureRun on PostgreSQL', () => {
  let testDatabase: PostgresTestDatabase;
  let store: SqlEventStore;
  let catalog: SubscriptionsReader;
  let projection: SubscriptionsProjection;

  beforeAll(async () => {
    testDatabase = await createPostgresTestDatabase();
    const database = await PostgresDatabase.open(testDatabase.url);
    store = await SqlEventStore.open(database);
    await ensureSubscriptionViewsSchema(database);
    catalog = new SubscriptionsReader(database);
    projection = new SubscriptionsProjection(database);
  });

  afterAll(async () => {
    await store.close();
    await testDatabase.drop();
  });

  /** Records one attempt per outcome, in order, each on a notification of its own. */
  const record = async (subscriptionId: string, outcomes: readonly Outcome[]) => {
    const positions: number[] = [];
    for (const outcome of outcomes) {
      const notificationId = randomUUID();
      const base = { notificationId, subscriptionId };
      const event: KnownNewEvent =
        outcome === 'delivered'
          ? {
              type: 'notification.delivered',
              data: { ...base, attempt: 1, status: 200, latencyMs: 5 },
            }
          : outcome === 'failed'
            ? {
                type: 'notification.attempt_failed',
                data: {
                  ...base,
                  attempt: 1,
                  status: 500,
                  error: null,
                  latencyMs: 5,
                  responseExcerpt: null,
                  nextAttemptAt: null,
                },
              }
            : { type: 'notification.dead_lettered', data: { ...base, attempts: 9 } };
      const { lastPosition } = await store.append(notificationStream(notificationId), event, {
        expectedVersion: 'no_stream',
      });
      positions.push(lastPosition);
    }
    const events = await store.readAll({ after: Math.min(...positions) - 1, limit: 1_000 });
    await projection.handleBatch(events.filter((e) => positions.includes(e.position)));
    return Promise.all(
      positions.map(async (position) => {
        const [event] = await store.readAll({ after: position - 1, limit: 1 });
        return { at: event!.recordedAt, position };
      }),
    );
  };

  it('is empty for a subscription that never failed, or whose last attempt was delivered', async () => {
    const fresh = randomUUID();
    expect(await catalog.failureRun(fresh, 1_000)).toEqual({
      since: null,
      deadLetters: 0,
      throughPosition: 0,
    });

    const recovered = randomUUID();
    const attempts = await record(recovered, ['failed', 'dead_lettered', 'delivered']);
    expect(await catalog.failureRun(recovered, 1_000)).toEqual({
      since: null,
      deadLetters: 0,
      throughPosition: attempts[2]!.position,
    });
  });

  it('starts the run after the last delivery and counts its dead letters', async () => {
    const subscriptionId = randomUUID();
    const attempts = await record(subscriptionId, [
      'dead_lettered',
      'delivered',
      'failed',
      'dead_lettered',
      'failed',
      'dead_lettered',
    ]);

    expect(await catalog.failureRun(subscriptionId, 1_000)).toEqual({
      since: attempts[2]!.at,
      deadLetters: 2,
      throughPosition: attempts[5]!.position,
    });
  });

  it('looks only at the latest attempts of the window', async () => {
    const subscriptionId = randomUUID();
    const attempts = await record(subscriptionId, ['dead_lettered', 'failed', 'dead_lettered']);

    expect(await catalog.failureRun(subscriptionId, 2)).toEqual({
      since: attempts[1]!.at,
      deadLetters: 1,
      throughPosition: attempts[2]!.position,
    });
  });
});
