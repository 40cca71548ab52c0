import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { beat, REDIS } from '@app/jobs';
import type { VigilConfig } from '@app/platform';
import { createPostgresTestDatabase, type PostgresTestDatabase, testConfig } from '@app/testing';
import type { Redis } from 'ioredis';
import { createHttpApplication, healthReport } from '../src/index.js';

const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

async function boot(config: VigilConfig): Promise<{ app: INestApplication; url: string }> {
  const app = await createHttpApplication(config);
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

describe('api alone: GET /admin/health on PostgreSQL and Redis', () => {
  let database: PostgresTestDatabase;
  let config: VigilConfig;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    config = testConfig({ DATABASE_URL: database.url, ADMIN_TOKEN });
    ({ app, url } = await boot(config));
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('answers 401 with a Bearer challenge and the error shape when no token is sent', async () => {
    const response = await fetch(`${url}/admin/health`);

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await response.json()).toEqual({
      error: {
        code: 'unauthorized',
        message: expect.stringContaining('Authorization: Bearer'),
        details: [{ field: 'Authorization', message: 'is missing' }],
      },
    });
  });

  it('answers 401 to a wrong token', async () => {
    const response = await fetch(`${url}/admin/health`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}x` },
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'unauthorized',
        details: [{ field: 'Authorization', message: 'is not the admin token' }],
      },
    });
  });

  it('reports the store and Redis up but 503 while no worker has reported in', async () => {
    const response = await fetch(`${url}/admin/health`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });

    expect(response.status).toBe(503);
    const report: unknown = await response.json();
    // The report of a component down is the document's, as strict as the 200's.
    expect(healthReport.safeParse(report).error).toBeUndefined();
    expect(report).toMatchObject({
      status: 'error',
      checks: {
        eventStore: { status: 'up', adapter: 'postgres' },
        redis: { status: 'up' },
        workers: { status: 'down', error: 'no worker process has reported in' },
      },
    });
  });

  it('reports healthy once a worker heartbeat is in Redis', async () => {
    await beat(app.get<Redis>(REDIS), config.queuePrefix, 'e2e-worker', 10_000, { pid: 1 });

    const response = await fetch(`${url}/admin/health`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      checks: { workers: { status: 'up', count: 1 } },
    });
  });

  it('serves the OpenAPI page at /docs and documents the admin routes', async () => {
    const page = await fetch(`${url}/docs`);
    const document = (await (await fetch(`${url}/docs-json`)).json()) as {
      paths: Record<string, unknown>;
    };

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(Object.keys(document.paths)).toContain('/admin/health');
  });

  it('answers unknown routes with the error shape', async () => {
    const response = await fetch(`${url}/nowhere`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'Cannot GET /nowhere', details: [] },
    });
  });
});

describe('api without ADMIN_TOKEN', () => {
  it('keeps the admin API closed with 503, whatever token is sent', async () => {
    const database = await createPostgresTestDatabase();
    const { app, url } = await boot(testConfig({ DATABASE_URL: database.url }));
    try {
      const response = await fetch(`${url}/admin/health`, {
        headers: { authorization: 'Bearer anything-at-all-123456' },
      });

      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        error: {
          code: 'admin_api_closed',
          message: expect.stringContaining('ADMIN_TOKEN'),
          details: [],
        },
      });
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
