import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { KnownRecordedEvent } from '@app/contracts';
import { DATABASE, type Database, type EventStore } from '@app/event-store';
import {
  adminClient,
  apiClient,
  childProcessEnv,
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import {
  alertsView,
  caughtUp,
  raiseAlerts,
  rebuildCompleted,
  recordUnmatchedItems,
} from './event-log-fixtures.js';
import { WorkerHeartbeatService } from '@app/worker';
import { startInProcessVigil } from './in-process-vigil.js';

const ADMIN_TOKEN = 'e2e-admin-token-operators-log-0123456789';
/** The built CLI, run by the project's pinned Node (rebuild before running this file). */
const CLI = join(process.cwd(), 'apps/cli/dist/main.js');

function vigil(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  untilOutput?: (stdout: string) => boolean,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(process.execPath, [CLI, ...args], {
      env: childProcessEnv({ LOG_LEVEL: 'silent', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (untilOutput?.(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('operators: the event log and its consumers', () => {
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let store: EventStore;
  let baseUrl: string;

  const call = adminClient(() => baseUrl, ADMIN_TOKEN);
  const publicCall = apiClient(() => baseUrl);

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    const config = testConfig({
      DATABASE_URL: database.url,
      ADMIN_TOKEN,
      ALLOW_PRIVATE_NETWORKS: 'true',
    });
    ({ worker, api, baseUrl, store } = await startInProcessVigil(config));
  });

  afterAll(async () => {
    await api.close();
    await worker.close();
    await database.drop();
  });

  it('answers 401 without the token on every new route', async () => {
    for (const [method, path] of [
      ['GET', '/admin/events'],
      ['GET', '/admin/consumers'],
      ['POST', '/admin/consumers/alerts-view/rebuild'],
    ] as const) {
      const response = await fetch(`${baseUrl}${path}`, { method });
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
    }
  });

  it('pages through thousands of events without gaps or repeats, filtered by type and stream', async () => {
    const start = await store.headPosition();
    await recordUnmatchedItems(store, 2_500);
    const stream = `feed-${randomUUID()}`;
    await store.append(
      stream,
      [
        { type: 'feed.poll_requested', data: { feedId: 'a' } },
        { type: 'feed.poll_requested', data: { feedId: 'b' } },
      ],
      { expectedVersion: 'no_stream' },
    );
    const head = await store.headPosition();

    const seen: number[] = [];
    for (let after: number | null = start; after !== null;) {
      const page = await call('GET', `/admin/events?after=${after}&limit=1000`);
      expect(page.status).toBe(200);
      const events = page.body!['events'] as KnownRecordedEvent[];
      seen.push(...events.map((event) => event.position));
      after = page.body!['next'] as number | null;
    }
    expect(seen).toEqual(Array.from({ length: head - start }, (_, index) => start + index + 1));

    const first = await call('GET', `/admin/events?after=${start}&limit=1`);
    expect(first.body).toEqual({
      events: [
        {
          id: expect.any(String),
          stream: expect.stringMatching(/^item-/),
          version: 1,
          position: start + 1,
          type: 'item.unmatched',
          schemaVersion: 1,
          data: { feedId: 'wire', watchlistVersion: 1 },
          metadata: {},
          recordedAt: expect.any(String),
        },
      ],
      next: start + 1,
    });
    const byStream = await call('GET', `/admin/events?stream=${stream}`);
    expect(byStream.body).toMatchObject({
      events: [{ version: 1 }, { version: 2 }],
      next: null,
    });
    const byTypes = await call(
      'GET',
      `/admin/events?after=${start}&type=feed.poll_requested&type=feed.removed&limit=1000`,
    );
    expect((byTypes.body!['events'] as KnownRecordedEvent[]).map((e) => e.stream)).toEqual([
      stream,
      stream,
    ]);
  });

  it('names the bad field of a bad query', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['after=-1', 'after'],
      ['type=alert.raised&type=no.such', 'type.1'],
      ['colour=red', 'colour'],
    ] as const) {
      const response = await call('GET', `/admin/events?${query}`);
      expect({ query, status: response.status, body: response.body }).toMatchObject({
        query,
        status: 400,
        body: { error: { code: 'validation_failed', details: [{ field }] } },
      });
    }
  });

  it('shows no personal data or token in clear', async () => {
    const hookUrl = 'http://127.0.0.1:9/private-hook-path';
    const created = await publicCall('POST', '/v1/subscriptions', {
      body: { channel: 'webhook', url: hookUrl, topics: ['interpol-leadership'] },
    });
    expect(created.status).toBe(201);
    const { id, secret, token } = created.body as Record<string, string>;

    const page = await call('GET', `/admin/events?stream=subscription-${id}`);
    const text = JSON.stringify(page.body);

    expect(text).toContain('subscription.created');
    for (const clear of [hookUrl, 'private-hook-path', secret!, token!]) {
      expect(text).not.toContain(clear);
    }
    expect(text).toMatch(/"url":"v1\./);
  });

  it('lists consumers with checkpoint, lag, state and the worker running each, and refuses unknown names', async () => {
    await caughtUp(store);
    const listed = await call('GET', '/admin/consumers');
    expect(listed.status).toBe(200);
    const consumers = listed.body!['consumers'] as Record<string, unknown>[];
    const listedView = consumers.find((each) => each['name'] === 'alerts-view');
    expect(listedView).toEqual({
      name: 'alerts-view',
      checkpoint: listed.body!['head'],
      lag: 0,
      updatedAt: expect.any(String),
      state: 'caught_up',
      rebuild: null,
      lease: {
        state: 'held',
        holder: worker.get(WorkerHeartbeatService).workerId,
        expiresAt: expect.any(String),
      },
    });
    // Held until a heartbeat from now (the worker renews it before then).
    const until = (listedView!['lease'] as Record<string, string>)['expiresAt']!;
    expect(Date.parse(until)).toBeGreaterThan(Date.now());
    expect(await call('POST', '/admin/consumers/no-such-view/rebuild')).toMatchObject({
      status: 404,
      body: { error: { code: 'consumer_not_found' } },
    });
  });

  it('rebuilds the alerts view while alerts flow, and reads never fail', async () => {
    await raiseAlerts(store, 'before', 400);
    await caughtUp(store);
    const database = worker.get<Database>(DATABASE);
    const before = await alertsView(database);

    let flowing = true;
    const failedReads: string[] = [];
    let reads = 0;
    const flow = (async () => {
      while (flowing) {
        await raiseAlerts(store, 'during', 2);
        await sleep(100);
      }
    })();
    const reader = (async () => {
      while (flowing) {
        const response = await publicCall('GET', '/v1/alerts?limit=20');
        reads += 1;
        if (response.status !== 200) failedReads.push(`${response.status}`);
      }
    })();

    const requested = await call('POST', '/admin/consumers/alerts-view/rebuild');
    expect(requested).toMatchObject({ status: 202, body: { consumer: 'alerts-view' } });
    const rebuildId = requested.body!['rebuildId'];
    expect(await call('POST', '/admin/consumers/alerts-view/rebuild')).toMatchObject({
      status: 409,
      body: { error: { code: 'rebuild_in_progress' } },
    });
    await rebuildCompleted(call, 'alerts-view', rebuildId).finally(() => {
      flowing = false;
    });
    await Promise.all([flow, reader]);
    await caughtUp(store);
    const after = await alertsView(database);

    expect(failedReads).toEqual([]);
    expect(reads).toBeGreaterThan(0);
    for (const [alertId, row] of before) expect(after.get(alertId)).toEqual(row);
    const raised = await database.query<{ count: string }>(
      `SELECT count(*) FROM vigil_events WHERE type = 'alert.raised'`,
    );
    expect(after.size).toBe(Number(raised[0]!.count));
  }, 240_000);

  it('vigil events tail prints the log, one line per event, and refuses a bad flag', async () => {
    const env = { ADMIN_TOKEN, VIGIL_URL: baseUrl };
    const tail = await vigil(
      ['events', 'tail', '--from', '1', '--type', 'alert.raised'],
      env,
      (stdout) => stdout.split('\n').length > 3,
    );
    const [line] = tail.stdout.split('\n');
    expect(line).toMatch(/^\d+ {2}\S+Z {2}alert-\S+ {2}alert\.raised {2}\{/);

    for (const args of [
      ['events', 'tail', '--colour', 'red'],
      ['events', 'tail', '--from', 'yesterday'],
    ]) {
      const refused = await vigil(args, env);
      expect(refused.code).toBe(2);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(/^vigil events tail: /);
    }
  });

  it('vigil replay rebuilds a view through the admin API and says where it stopped', async () => {
    await raiseAlerts(store, 'red-notice-abuse', 20);
    await caughtUp(store);
    const before = await alertsView(worker.get<Database>(DATABASE));
    const head = await store.headPosition();

    const replayed = await vigil(['replay', 'alerts-view'], { ADMIN_TOKEN, VIGIL_URL: baseUrl });

    expect(replayed).toMatchObject({ code: 0, stderr: '' });
    const done = /alerts-view rebuilt from the log up to position (\d+)\n$/.exec(replayed.stdout);
    expect(done).not.toBeNull();
    expect(Number(done![1])).toBeGreaterThanOrEqual(head);
    expect(await alertsView(worker.get<Database>(DATABASE))).toEqual(before);
  }, 120_000);

  it('vigil replay refuses an unknown view in one line', async () => {
    const refused = await vigil(['replay', 'no-such-view'], { ADMIN_TOKEN, VIGIL_URL: baseUrl });

    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^vigil replay: no consumer no-such-view/),
    ]);
  });
});
