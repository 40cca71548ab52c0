import { request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import {
  apiClient,
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import {
  type Caller,
  type HostileRequest,
  hostileRequests,
  type RouteInput,
} from './hostile-requests.js';
import { startInProcessVigil } from './in-process-vigil.js';

const ADMIN_TOKEN = 'e2e-admin-token-hostile-0123456789';
/** `.invalid` never resolves (RFC 2606): whatever the test creates, nothing leaves the machine. */
const HOOK_URL = 'https://hooks.fuzz.invalid/hook';
const FEED_URL = 'https://feeds.fuzz.invalid/rss.xml';
/** Answers for people, not programs: their errors are pages, by design (docs/http.md). */
const HTML_ROUTES =
  /^\/(admin(\/login|\/logout|\/dashboard\/.*)?|v1\/unsubscribe|v1\/subscriptions\/confirm)$/;

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema?: OpenApiSchema }> };
}

interface OpenApiSchema {
  properties?: Record<string, unknown>;
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  example?: Record<string, unknown>;
}

/** Express 5's router: a layer with a `route` is a route. */
interface ExpressRouter {
  router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
}

describe('hostile input on every route', () => {
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let baseUrl: string;
  let agent: Agent;
  let subscription: { id: string; token: string };

  const call = apiClient(() => baseUrl);

  /** One request as written: node:http re-encodes nothing, and lets any method carry a body. */
  const send = (hostile: HostileRequest): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const { hostname, port } = new URL(baseUrl);
      let responded = false;
      const outgoing = httpRequest(
        {
          hostname,
          port,
          agent,
          method: hostile.method,
          path: hostile.target,
          headers: hostile.headers,
        },
        (response) => {
          responded = true;
          const status = response.statusCode ?? 0;
          // A live stream never ends: its status and headers are the answer.
          if (response.headers['content-type']?.startsWith('text/event-stream')) {
            response.destroy();
            resolve({ status, headers: response.headers, body: '' });
            return;
          }
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status, headers: response.headers, body: Buffer.concat(chunks).toString() }),
          );
          response.on('error', reject);
        },
      );
      outgoing.setTimeout(30_000, () => outgoing.destroy(new Error(`no answer: ${hostile.label}`)));
      // A server may answer (413, 431) before reading all of a large body, then close: once
      // the answer is in, the broken upload does not matter.
      outgoing.on('error', (error) => {
        if (!responded) reject(error);
      });
      outgoing.end(hostile.body);
    });

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    ({ worker, api, baseUrl } = await startInProcessVigil(
      testConfig({ DATABASE_URL: database.url, ADMIN_TOKEN }),
    ));
    agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const created = await call('POST', '/v1/subscriptions', {
      body: { channel: 'webhook', url: HOOK_URL, topics: ['red-notice-abuse'] },
    });
    expect(created.status).toBe(201);
    subscription = { id: created.body['id'] as string, token: created.body['token'] as string };
    const feed = await call('POST', '/admin/feeds', {
      token: ADMIN_TOKEN,
      body: { id: 'fuzz-feed', url: FEED_URL, enabled: false },
    });
    expect(feed.status).toBe(201);
  });

  afterAll(async () => {
    agent.destroy();
    await api.close();
    await worker.close();
    await database.drop();
  });

  /** Every route express has, with what the OpenAPI document says it takes. */
  const routes = async (): Promise<RouteInput[]> => {
    const document = (await (await fetch(`${baseUrl}/docs-json`)).json()) as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    const express = api.getHttpAdapter().getInstance() as ExpressRouter;
    const registered = express.router.stack.flatMap(({ route }) =>
      // A wildcard (the not-found catch-all, under every method express knows, CONNECT too)
      // is covered by the unknown routes below.
      route && !route.path.includes('*')
        ? Object.keys(route.methods).map((method): RouteInput => {
            const operation = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[method];
            const schema = operation?.requestBody?.content['application/json']?.schema;
            const variants = schema?.oneOf ?? schema?.anyOf ?? (schema ? [schema] : []);
            return {
              method: method.toUpperCase(),
              path: route.path,
              queryParameters: (operation?.parameters ?? [])
                .filter((parameter) => parameter.in === 'query')
                .map((parameter) => parameter.name),
              bodyFields: [
                ...new Set(variants.flatMap((each) => Object.keys(each.properties ?? {}))),
              ],
              baselineBody: withUrlPointedNowhere(schema?.example ?? {}),
              baselineParams: baselineParams(route.path),
            };
          })
        : [],
    );
    const unknown = ['GET', 'POST'].map((method): RouteInput => ({
      method,
      path: '/v1/nowhere/:id',
      queryParameters: [],
      bodyFields: [],
      baselineBody: {},
      baselineParams: { id: 'x' },
    }));
    return [...registered, ...unknown];
  };

  /** A documented example, its URL pointed nowhere. */
  const withUrlPointedNowhere = (example: Record<string, unknown>): Record<string, unknown> =>
    'url' in example ? { ...example, url: HOOK_URL } : example;

  /** Real ids where the route names one, so that the hostile part is the only thing wrong. */
  const baselineParams = (path: string): Record<string, string> =>
    Object.fromEntries(
      [...path.matchAll(/:(\w+)/g)].map(([, name]) => {
        if (name === 'id' && path.startsWith('/v1/subscriptions')) return [name, subscription.id];
        if (name === 'id' && path.includes('/feeds/')) return [name, 'fuzz-feed'];
        if (name === 'name') return [name, 'alerts-view'];
        if (name === 'queue') return [name, 'deliveries'];
        return [name!, randomUUID()];
      }),
    );

  /** Anonymous and admin on every route; the subscriber too on its own subscription's. */
  const callers = (path: string): Caller[] => {
    const admin = path.startsWith('/admin');
    const ownSubscription = path.startsWith('/v1/subscriptions/:id');
    return [
      { name: 'anonymous', headers: {}, authorized: !admin && !ownSubscription },
      {
        name: 'admin',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        authorized: admin || ownSubscription,
      },
      ...(ownSubscription
        ? [
            {
              name: 'subscriber',
              headers: { authorization: `Bearer ${subscription.token}` },
              authorized: true,
            },
          ]
        : []),
    ];
  };

  it('answers thousands of hostile requests to every route without one 5xx', async () => {
    const all = await routes();
    expect(all.length).toBeGreaterThan(30);
    // Deletions last, so that every other route meets the subscription and feed it expects.
    const ordered = [
      ...all.filter((r) => r.method !== 'DELETE'),
      ...all.filter((r) => r.method === 'DELETE'),
    ];
    const requests = ordered.flatMap((route) =>
      callers(route.path).flatMap((caller) => hostileRequests(route, caller)),
    );

    const statuses = new Map<number, number>();
    const problems: string[] = [];
    const queue = [...requests];
    const startedAt = performance.now();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          const answer = await send(next);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          problems.push(...answerProblems(next, answer));
        }
      }),
    );
    const seconds = (performance.now() - startedAt) / 1000;

    const histogram = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}: ${count}`);
    console.log(
      `${requests.length} hostile requests to ${all.length} routes in ${seconds.toFixed(1)} s; ` +
        `statuses ${histogram.join(', ')}`,
    );
    expect(requests.length).toBeGreaterThanOrEqual(1_000);
    expect(problems).toEqual([]);
    // And the process that took them still serves.
    expect((await call('GET', '/v1/topics')).status).toBe(200);
  }, 300_000);

  it.each<[string, string, string, unknown, number, string]>([
    [
      'webhook URL without a scheme',
      'POST',
      '/v1/subscriptions',
      { url: 'example.org' },
      400,
      'url',
    ],
    ['empty webhook URL', 'POST', '/v1/subscriptions', { url: '' }, 400, 'url'],
    ['webhook URL without a host', 'POST', '/v1/subscriptions', { url: 'https://' }, 400, 'url'],
    [
      'space in the webhook URL',
      'POST',
      '/v1/subscriptions',
      { url: 'https://exa mple.org/' },
      400,
      'url',
    ],
    [
      'NUL in the webhook URL',
      'POST',
      '/v1/subscriptions',
      { url: 'https://\u0000x.org/' },
      400,
      'url',
    ],
    [
      'localhost. (trailing dot)',
      'POST',
      '/v1/subscriptions',
      { url: 'http://localhost.:3000/' },
      400,
      'url',
    ],
    ['year zero', 'GET', '/v1/alerts?since=0000-01-01T00:00:00Z', undefined, 400, 'since'],
    ['NUL in an alert id', 'GET', '/v1/alerts/a%00b', undefined, 400, 'id'],
    ['NUL in a query value', 'GET', '/v1/alerts?topic=%00', undefined, 400, 'topic'],
    ['bad escape in the path', 'GET', '/v1/alerts/%E0%A4%A', undefined, 400, '(path)'],
    ['invalid JSON', 'POST', '/v1/subscriptions', '{"channel":', 400, '(body)'],
  ])(
    'refuses %s with a 400 naming the field',
    async (_label, method, path, body, status, field) => {
      const payload =
        typeof body === 'string'
          ? body
          : body === undefined
            ? undefined
            : JSON.stringify({ channel: 'webhook', topics: ['red-notice-abuse'], ...body });
      const answer = await send({
        label: path,
        method,
        target: path,
        headers: payload === undefined ? {} : { 'content-type': 'application/json' },
        ...(payload === undefined ? {} : { body: Buffer.from(payload) }),
      });

      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.body)).toMatchObject({
        error: { code: expect.any(String), details: [expect.objectContaining({ field })] },
      });
    },
  );

  it('refuses NUL and lone surrogates in admin JSON bodies, naming the field', async () => {
    const title = await call('POST', '/admin/feeds', {
      token: ADMIN_TOKEN,
      body: { url: 'https://feeds.fuzz.invalid/other.xml', title: 'a\u0000b' },
    });
    const query = await call('PUT', '/admin/watchlist', {
      token: ADMIN_TOKEN,
      body: { topics: [{ id: 't', title: 'T', rules: [{ id: 'r', query: 'red\uD800 notice' }] }] },
    });

    expect(title).toMatchObject({
      status: 400,
      body: { error: { details: [{ field: 'title' }] } },
    });
    expect(query).toMatchObject({
      status: 400,
      body: { error: { details: [{ field: 'topics.0.rules.0.query' }] } },
    });
  });

  it('answers what Node itself refuses, a URL over 16 KB or bytes that are not HTTP, in JSON', async () => {
    const { hostname, port } = new URL(baseUrl);
    const raw = (text: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = connect(Number(port), hostname, () => socket.end(text));
        const chunks: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('end', () => resolve(Buffer.concat(chunks).toString()));
        socket.on('error', reject);
      });

    const huge = await raw(`GET /v1/alerts?q=${'u'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const nul = await raw('GET /v1/al\u0000erts HTTP/1.1\r\nHost: x\r\n\r\n');
    const garbage = await raw('\u0001\u0002 nonsense\r\n\r\n');

    for (const [answer, status] of [
      [huge, 431],
      [nul, 400],
      [garbage, 400],
    ] as const) {
      const [head, body] = answer.split('\r\n\r\n') as [string, string];
      expect(head.split('\r\n')[0]).toBe(
        `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}`,
      );
      expect(head).toMatch(/^Content-Type: application\/json/im);
      expect(JSON.parse(body)).toEqual({
        error: {
          code: expect.any(String),
          message: expect.any(String),
          details: expect.any(Array),
        },
      });
    }
  });

  it('puts security headers on /docs, the dashboard and the API, and never X-Powered-By', async () => {
    for (const path of ['/docs', '/docs-json', '/admin', '/v1/topics', '/nowhere']) {
      const response = await fetch(`${baseUrl}${path}`);
      const headers = Object.fromEntries(response.headers);
      expect({ path, poweredBy: headers['x-powered-by'] }).toEqual({ path, poweredBy: undefined });
      expect({ path, headers }).toMatchObject({
        path,
        headers: {
          'x-content-type-options': 'nosniff',
          'x-frame-options': expect.stringMatching(/^(SAMEORIGIN|DENY)$/),
          'content-security-policy': expect.stringMatching(/default-src '(self|none)'/),
          'referrer-policy': expect.any(String),
          'cross-origin-opener-policy': 'same-origin',
        },
      });
    }
  });

  it('keeps answers that carry a secret or a token out of every cache', async () => {
    const created = await fetch(`${baseUrl}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'webhook', url: HOOK_URL, topics: ['red-notice-abuse'] }),
    });
    const login = await fetch(`${baseUrl}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: ADMIN_TOKEN }),
    });

    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      secret: expect.any(String),
      token: expect.any(String),
    });
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(login.status).toBe(303);
    expect(login.headers.get('set-cookie')).toBeTruthy();
    expect(login.headers.get('cache-control')).toBe('no-store');
  });

  /** What is wrong with an answer: a 5xx, an error body out of shape, a header missing. */
  function answerProblems(hostile: HostileRequest, answer: Answer): string[] {
    const problems: string[] = [];
    const where = `${hostile.label} → ${answer.status}`;
    if (answer.status >= 500) problems.push(`${where}: ${answer.body.slice(0, 200)}`);
    if (answer.headers['x-content-type-options'] !== 'nosniff')
      problems.push(`${where}: no nosniff`);
    if (answer.headers['x-powered-by'] !== undefined) problems.push(`${where}: X-Powered-By`);
    const contentType = answer.headers['content-type'] ?? '';
    if (answer.status >= 400 && contentType.startsWith('application/json')) {
      const body = JSON.parse(answer.body) as {
        error?: { code?: unknown; message?: unknown; details?: unknown };
      };
      const { code, message, details } = body.error ?? {};
      if (typeof code !== 'string' || typeof message !== 'string' || !Array.isArray(details)) {
        problems.push(`${where}: error body ${answer.body.slice(0, 200)}`);
      }
    } else if (answer.status >= 400) {
      const path = hostile.target.split('?')[0]!;
      if (!HTML_ROUTES.test(path) || !contentType.startsWith('text/html')) {
        problems.push(`${where}: a ${contentType || 'bodiless'} error`);
      }
    }
    if (answer.status < 300 && contentType.startsWith('application/json')) {
      const body = JSON.parse(answer.body) as unknown;
      const carriesSecret =
        typeof body === 'object' && body !== null && ('secret' in body || 'token' in body);
      if (carriesSecret && answer.headers['cache-control'] !== 'no-store') {
        problems.push(`${where}: a secret or token without no-store`);
      }
    }
    return problems;
  }
});
