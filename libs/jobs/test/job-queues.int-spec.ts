import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { expectEventually, loseRedisData, testConfig, uniqueQueuePrefix } from '@app/testing';
import { JobName, JobQueues, type QueuedJob, QueueName } from '../src/index.js';

const REDIS_URL = testConfig().redisUrl;

const job = (itemStream: string, delay = 0): QueuedJob<JobName.MatchItem> => ({
  data: { itemStream },
  options: { jobId: `match-item-${itemStream}`, delay },
});

/** The reconciler's half of the outbox against the real Redis: what ensureMany (re)queues. */
describe('JobQueues.ensureMany on Redis', () => {
  const prefix = uniqueQueuePrefix();
  let redis: Redis;
  let queues: JobQueues;

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queues = new JobQueues(redis, prefix);
  });

  afterAll(async () => {
    await queues.close();
    await loseRedisData(REDIS_URL, prefix);
    redis.disconnect();
  });

  const state = (itemStream: string) =>
    queues.queue(QueueName.Matching).getJobState(`match-item-${itemStream}`);

  it('queues what Redis does not know, and leaves waiting and delayed jobs alone', async () => {
    await queues.enqueueMany(JobName.MatchItem, [job('waiting'), job('delayed', 3_600_000)]);
    const asked: string[] = [];
    const queued = await queues.ensureMany(
      JobName.MatchItem,
      [job('waiting'), job('delayed', 3_600_000), job('lost')],
      (candidates) => {
        asked.push(...candidates.map((each) => each.data.itemStream));
        return Promise.resolve(candidates);
      },
    );
    expect(queued).toBe(1);
    expect(asked).toEqual(['lost']);
    expect(await state('lost')).toBe('waiting');
    expect(await state('waiting')).toBe('waiting');
    expect(await state('delayed')).toBe('delayed');
  });

  it('replaces a completed or failed job only when its work is still owed', async () => {
    await queues.enqueueMany(JobName.MatchItem, [
      job('done-owed'),
      job('done-settled'),
      job('failed-owed'),
    ]);
    // The other test's waiting jobs complete too: only these three are asked about below.
    const worker = new Worker(
      QueueName.Matching,
      (ran) => {
        if ((ran.data as { itemStream: string }).itemStream.startsWith('failed')) {
          throw new Error('the database was down');
        }
        return Promise.resolve();
      },
      { connection: redis.duplicate(), prefix },
    );
    try {
      await expectEventually(async () => {
        expect(await state('done-owed')).toBe('completed');
        expect(await state('done-settled')).toBe('completed');
        expect(await state('failed-owed')).toBe('failed');
      });
    } finally {
      await worker.close();
    }
    const queued = await queues.ensureMany(
      JobName.MatchItem,
      [job('done-owed'), job('done-settled'), job('failed-owed')],
      // The log says the settled one's work was recorded done meanwhile.
      (candidates) =>
        Promise.resolve(candidates.filter((each) => each.data.itemStream !== 'done-settled')),
    );
    expect(queued).toBe(2);
    expect(await state('done-owed')).toBe('waiting');
    expect(await state('failed-owed')).toBe('waiting');
    expect(await state('done-settled')).toBe('completed');
  });

  it('asks nothing and queues nothing for an empty list', async () => {
    let asked = false;
    const queued = await queues.ensureMany(JobName.MatchItem, [], () => {
      asked = true;
      return Promise.resolve([]);
    });
    expect({ queued, asked }).toEqual({ queued: 0, asked: false });
  });
});
