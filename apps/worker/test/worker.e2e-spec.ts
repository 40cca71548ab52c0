import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { feedStream, type KnownRecordedEvent } from '@app/contracts';
import { AsEventConsumer, type EventConsumer } from '@app/consumers';
import { type EventStore, PostgresDatabase, SqlEventStore } from '@app/event-store';
import { createRedisConnection, liveWorkers } from '@app/jobs';
import type { VigilConfig } from '@app/platform';
import {
  createPostgresTestDatabase,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import type { Redis } from 'ioredis';
import { createWorkerContext } from '../src/index.js';

/** The feed events any test consumer instance saw, across worker restarts. */
const handled: KnownRecordedEvent[] = [];

@Injectable()
@AsEventConsumer()
class RecordingProjection implements EventConsumer {
  readonly name = 'e2e-recording-projection';

  handle(event: KnownRecordedEvent): Promise<void> {
    // The worker records its watchlist at start: this test follows feed streams only.
    if (event.stream.startsWith('feed-')) handled.push(event);
    return Promise.resolve();
  }
}

@Module({ providers: [RecordingProjection] })
class RecordingModule {}

describe('worker process on PostgreSQL and Redis', () => {
  let database: PostgresTestDatabase;
  let config: VigilConfig;
  let store: EventStore;
  let redis: Redis;

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    config = testConfig({ DATABASE_URL: database.url });
    store = await SqlEventStore.open(await PostgresDatabase.open(database.url));
    redis = createRedisConnection(config.redisUrl);
    await redis.connect();
  });

  afterAll(async () => {
    await store.close();
    redis.disconnect();
    await database.drop();
  });

  it('runs registered consumers, announces itself, and resumes after a restart', async () => {
    const feedId = randomUUID();
    const stream = feedStream(feedId);
    // Disabled, so that no poll of it appends to the stream while the test counts its events.
    await store.append(
      stream,
      {
        type: 'feed.registered',
        data: {
          feedId,
          source: 'admin',
          url: 'https://feeds.example.org/world.xml',
          title: 'World',
          intervalSeconds: null,
          enabled: false,
          allowPrivateNetwork: false,
        },
      },
      { expectedVersion: 'no_stream' },
    );

    const worker = await createWorkerContext(config, [RecordingModule]);
    await expectEventually(() => expect(handled.map((e) => e.stream)).toEqual([stream]));
    expect(await liveWorkers(redis, config.queuePrefix)).toHaveLength(1);

    // A new event reaches the running worker through the store's notification.
    await store.append(
      stream,
      { type: 'feed.updated', data: { feedId, changes: { title: 'World news' } } },
      { expectedVersion: 1 },
    );
    await expectEventually(() => expect(handled).toHaveLength(2));

    await worker.close();
    expect(await liveWorkers(redis, config.queuePrefix)).toEqual([]);
    expect(await store.loadCheckpoint('e2e-recording-projection')).toBe(await store.headPosition());

    // Written while no worker runs; the next worker picks up from the checkpoint.
    await store.append(
      stream,
      { type: 'feed.removed', data: { feedId, source: 'admin' } },
      { expectedVersion: 2 },
    );
    const restarted = await createWorkerContext(config, [RecordingModule]);
    try {
      await expectEventually(() => expect(handled).toHaveLength(3));
      expect(handled.map((e) => e.type)).toEqual([
        'feed.registered',
        'feed.updated',
        'feed.removed',
      ]);
    } finally {
      await restarted.close();
    }
  });

  it('refuses to start when two consumers share a checkpoint name', async () => {
    @Injectable()
    @AsEventConsumer()
    class Impostor implements EventConsumer {
      readonly name = 'e2e-recording-projection';
      handle(): Promise<void> {
        return Promise.resolve();
      }
    }
    @Module({ providers: [Impostor] })
    class ImpostorModule {}

    await expect(createWorkerContext(config, [RecordingModule, ImpostorModule])).rejects.toThrow(
      'two event consumers share the checkpoint name "e2e-recording-projection"',
    );
  });
});
