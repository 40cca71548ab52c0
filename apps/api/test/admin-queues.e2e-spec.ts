import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Worker } from 'bullmq';
import { JobName, JobQueues, QueueName } from '@app/jobs';
import type { VigilConfig } from '@app/platform';
import {
  adminClient,
  createPostgresTestDatabase,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import type { z } from 'zod';
import { createHttpApplication, queueList } from '../src/index.js';

const ADMIN_TOKEN = 'e2e-admin-token-queues-0123456789';

type QueueReport = z.output<typeof queueList>['queues'][number];

describe('GET /admin/queues, retrying a failed job, and Bull Board', () => {
  let database: PostgresTestDatabase;
  let config: VigilConfig;
  let app: INestApplication;
  let url: string;
  const admin = adminClient(() => url, ADMIN_TOKEN);

  const queueReport = async (name: QueueName, query = ''): Promise<QueueReport> => {
    const response = await admin('GET', `/admin/queues${query}`);
    expect(response.status).toBe(200);
    const { queues } = queueList.parse(response.body);
    const report = queues.find((queue) => queue.name === name);
    if (!report) throw new Error(`no queue ${name} in ${JSON.stringify(queues)}`);
    return report;
  };

  /** A poll job that a stand-in worker fails, as a real handler that throws would. */
  const failPollJob = async (jobId: string, reason: string): Promise<void> => {
    await app.get(JobQueues).enqueue(JobName.PollFeed, { feedId: 'wire' }, { jobId });
    const redisUrl = new URL(config.redisUrl);
    const worker = new Worker(QueueName.Feeds, () => Promise.reject(new Error(reason)), {
      connection: { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) },
      prefix: config.queuePrefix,
    });
    try {
      await expectEventually(async () => {
        const job = await app.get(JobQueues).queue(QueueName.Feeds).getJob(jobId);
        expect(await job?.getState()).toBe('failed');
      });
    } finally {
      await worker.close();
    }
  };

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    config = testConfig({ DATABASE_URL: database.url, ADMIN_TOKEN });
    app = await createHttpApplication(config);
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it.each([
    ['GET', '/admin/queues'],
    ['POST', '/admin/queues/feeds/jobs/any/retry'],
    ['GET', '/admin/queues/ui'],
    ['GET', '/admin/queues/ui/api/queues'],
    ['GET', '/admin/metrics'],
  ])(
    'answers %s %s with 401, a Bearer challenge and the error shape without the token',
    async (method, path) => {
      for (const authorization of [undefined, `Bearer ${ADMIN_TOKEN}x`]) {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: authorization === undefined ? {} : { authorization },
        });

        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
      }
    },
  );

  it('reports every queue with its five counts and no failures on a fresh prefix', async () => {
    const response = await admin('GET', '/admin/queues');

    expect(response.status).toBe(200);
    const { queues } = queueList.parse(response.body);
    expect(queues.map((queue) => queue.name).sort()).toEqual(Object.values(QueueName).sort());
    for (const queue of queues) {
      expect(queue).toEqual({
        name: queue.name,
        counts: { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 },
        recentFailures: [],
      });
    }
  });

  it('refuses a bad failedLimit with 400 naming the field', async () => {
    const response = await admin('GET', '/admin/queues?failedLimit=1000');

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { details: [{ field: 'failedLimit' }] } });
  });

  it('lists a failed job with its reason, retries it once, and refuses to retry it again', async () => {
    await failPollJob('poll-feed-wire-failing', 'feed server on fire');
    await failPollJob('poll-feed-wire-failing-later', 'feed server still on fire');

    const failed = await queueReport(QueueName.Feeds);
    expect(failed.counts).toMatchObject({ failed: 2, waiting: 0 });
    expect(failed.recentFailures).toEqual([
      {
        id: 'poll-feed-wire-failing-later',
        name: JobName.PollFeed,
        failedReason: 'feed server still on fire',
        attemptsMade: 1,
        finishedOn: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
      expect.objectContaining({
        id: 'poll-feed-wire-failing',
        failedReason: 'feed server on fire',
      }),
    ]);
    expect((await queueReport(QueueName.Feeds, '?failedLimit=1')).recentFailures).toHaveLength(1);

    const retried = await admin('POST', '/admin/queues/feeds/jobs/poll-feed-wire-failing/retry');
    expect(retried).toEqual({
      status: 202,
      body: { queue: 'feeds', id: 'poll-feed-wire-failing', state: 'waiting' },
    });
    const after = await queueReport(QueueName.Feeds);
    expect(after.counts).toMatchObject({ failed: 1, waiting: 1 });
    expect(after.recentFailures.map((job) => job.id)).toEqual(['poll-feed-wire-failing-later']);

    const again = await admin('POST', '/admin/queues/feeds/jobs/poll-feed-wire-failing/retry');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'job_not_failed' } });
  });

  it('answers 404 for an unknown queue or job', async () => {
    const queue = await admin('POST', '/admin/queues/no-such-queue/jobs/x/retry');
    const job = await admin('POST', '/admin/queues/deliveries/jobs/no-such-job/retry');

    expect(queue.status).toBe(404);
    expect(queue.body).toMatchObject({ error: { code: 'queue_not_found' } });
    expect(job.status).toBe(404);
    expect(job.body).toMatchObject({ error: { code: 'job_not_found' } });
  });

  it('serves Bull Board with the token, read-only, over every queue', async () => {
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const page = await fetch(`${url}/admin/queues/ui`, { headers });
    const api = await fetch(`${url}/admin/queues/ui/api/queues`, { headers });

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/admin/queues/ui');
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as {
      queues: { name: string; readOnlyMode: boolean }[];
    };
    expect(queues.map((queue) => queue.name).sort()).toEqual(Object.values(QueueName).sort());
    expect(queues.every((queue) => queue.readOnlyMode)).toBe(true);
  });
});
