import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createHttpApplication } from '@app/api';
import { DATABASE, type Database, EVENT_STORE, type EventStore } from '@app/event-store';
import { adminClient, apiClient, testConfig } from '@app/testing';
import { startWorker, WorkerModule } from '@app/worker';
import { alertsView, caughtUp, raiseAlerts, rebuildCompleted } from './event-log-fixtures.js';

const ADMIN_TOKEN = 'e2e-admin-token-rebuild-embedded-0123456789';

/**
 * The rebuild swaps a shadow schema in; PGlite is a different engine from the PostgreSQL server
 * the other rebuild test runs on, so the one-machine install gets its own proof.
 */
describe('rebuilding a view on the embedded store (vigil start)', () => {
  let dataDir: string;
  let app: INestApplication;
  let store: EventStore;
  let baseUrl: string;
  const call = adminClient(() => baseUrl, ADMIN_TOKEN);
  const publicCall = apiClient(() => baseUrl);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'vigil-rebuild-'));
    // One process holds the embedded store, as `vigil start` does.
    app = await createHttpApplication(testConfig({ DATA_DIR: dataDir, ADMIN_TOKEN }), [
      WorkerModule,
    ]);
    await app.listen(0, '127.0.0.1');
    await startWorker(app);
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    store = app.get<EventStore>(EVENT_STORE);
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('rebuilds alerts-view from the log into the same rows, serving reads meanwhile', async () => {
    await raiseAlerts(store, 'before', 300);
    await caughtUp(store);
    const database = app.get<Database>(DATABASE);
    const before = await alertsView(database);
    expect(before.size).toBe(300);

    const requested = await call('POST', '/admin/consumers/alerts-view/rebuild');
    expect(requested).toMatchObject({ status: 202, body: { consumer: 'alerts-view' } });
    const rebuildId = requested.body!['rebuildId'];
    await raiseAlerts(store, 'during', 5);
    const read = await publicCall('GET', '/v1/alerts?limit=20');
    expect(read.status).toBe(200);
    await rebuildCompleted(call, 'alerts-view', rebuildId);
    await caughtUp(store);

    const after = await alertsView(database);
    for (const [alertId, row] of before) expect(after.get(alertId)).toEqual(row);
    expect(after.size).toBe(305);
  }, 240_000);
});
