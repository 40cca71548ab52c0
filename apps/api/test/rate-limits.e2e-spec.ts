import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Agent, fetch } from 'undici';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { VigilConfig } from '@app/platform';
import {
  adminClient,
  createPostgresTestDatabase,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import { createHttpApplication } from '../src/index.js';

const ADMIN_TOKEN = 'e2e-admin-token-rate-limits-0123456789';
const LIMIT = 3;
/** Short, so that the reset is seen within the test; long enough for a burst on a busy machine. */
const WINDOW_MS = 4_000;

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly text: string;
  json(): unknown;
}

interface CallOptions {
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as an HTML form would. */
  readonly form?: Readonly<Record<string, string>>;
  readonly token?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

function requestBody(options: CallOptions): { type?: string; body?: string } {
  if (options.form !== undefined) {
    return {
      type: 'application/x-www-form-urlencoded',
      body: new URLSearchParams(options.form).toString(),
    };
  }
  if (options.body !== undefined) {
    return { type: 'application/json', body: JSON.stringify(options.body) };
  }
  return {};
}

/** The configuration of every api process of a test: same Redis prefix, same limits. */
function limitedConfig(
  base: VigilConfig,
  changes: { readonly enabled?: boolean; readonly trustedProxies?: number } = {},
): VigilConfig {
  return {
    ...base,
    runtime: {
      ...base.runtime,
      http: { trustedProxies: changes.trustedProxies ?? 0 },
      rateLimits: {
        enabled: changes.enabled ?? true,
        publicWrites: { limit: LIMIT, windowMs: WINDOW_MS },
        failedAuthentication: { limit: LIMIT, windowMs: WINDOW_MS },
      },
    },
  };
}

async function listening(config: VigilConfig): Promise<{ app: INestApplication; url: string }> {
  const app = await createHttpApplication(config);
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

/**
 * SPEC §9 rate limits against the real Redis: two api processes (two Nest apps in this process,
 * on one Redis prefix) and clients that really connect from different loopback addresses
 * (127.0.0.2, 127.0.0.3, ...: all of 127.0.0.0/8 is the loopback interface on Linux), so each
 * test has addresses of its own and none waits for another's window.
 */
describe('rate limits per client address, shared by api processes', () => {
  let database: PostgresTestDatabase;
  let base: VigilConfig;
  let first: { app: INestApplication; url: string };
  let second: { app: INestApplication; url: string };
  let store: EventStore;
  const apps: INestApplication[] = [];
  const agents: Agent[] = [];

  /** Calls an api from `localAddress`, as a client at that address would. */
  const from = (localAddress: string) => {
    const agent = new Agent({ localAddress });
    agents.push(agent);
    return async (
      baseUrl: string,
      method: string,
      path: string,
      options: CallOptions = {},
    ): Promise<Answer> => {
      const { type, body } = requestBody(options);
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        dispatcher: agent,
        redirect: 'manual',
        headers: {
          ...(type === undefined ? {} : { 'content-type': type }),
          ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
          ...options.headers,
        },
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        text,
        json: () => JSON.parse(text) as unknown,
      };
    };
  };

  const webhook = (token?: string): CallOptions => ({
    body: { channel: 'webhook', url: 'http://127.0.0.1:9/hook', topics: ['red-notice-abuse'] },
    ...(token === undefined ? {} : { token }),
  });

  const expectRateLimited = (answer: Answer): number => {
    expect(answer.status).toBe(429);
    expect(answer.retryAfter).toMatch(/^\d+$/);
    const seconds = Number(answer.retryAfter);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(answer.json()).toEqual({
      error: {
        code: 'rate_limited',
        message: expect.stringContaining(`try again in ${seconds} s`),
        details: [],
      },
    });
    return seconds;
  };

  const created = async (): Promise<number> =>
    (await store.readAll({ after: 0, limit: 10_000, types: ['subscription.created'] })).length;

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    base = testConfig({ DATABASE_URL: database.url, ADMIN_TOKEN, ALLOW_PRIVATE_NETWORKS: 'true' });
    first = await listening(limitedConfig(base));
    second = await listening(limitedConfig(base));
    apps.push(first.app, second.app);
    store = first.app.get<EventStore>(EVENT_STORE);
    const watchlist = await adminClient(() => first.url, ADMIN_TOKEN)('PUT', '/admin/watchlist', {
      topics: [
        {
          id: 'red-notice-abuse',
          title: 'Abuse of INTERPOL Red Notices',
          rules: [{ id: 'red-notice', query: '"red notice"' }],
        },
      ],
    });
    expect(watchlist.status).toBe(200);
  });

  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.close()));
    for (const app of apps) await app.close();
    await database.drop();
  });

  it('answers the creation past the limit 429 with Retry-After and the error body, and records nothing for it', async () => {
    const call = from('127.0.0.2');
    const before = await created();
    for (let index = 0; index < LIMIT; index += 1) {
      expect((await call(first.url, 'POST', '/v1/subscriptions', webhook())).status).toBe(201);
    }

    expectRateLimited(await call(first.url, 'POST', '/v1/subscriptions', webhook()));
    expect(await created()).toBe(before + LIMIT);
  });

  it('gives an address one budget whichever api process answers, and another address its own', async () => {
    const call = from('127.0.0.3');
    expect((await call(first.url, 'POST', '/v1/subscriptions', webhook())).status).toBe(201);
    expect((await call(second.url, 'POST', '/v1/subscriptions', webhook())).status).toBe(201);
    expect((await call(first.url, 'POST', '/v1/subscriptions', webhook())).status).toBe(201);
    expectRateLimited(await call(second.url, 'POST', '/v1/subscriptions', webhook()));

    const other = from('127.0.0.4');
    expect((await other(second.url, 'POST', '/v1/subscriptions', webhook())).status).toBe(201);
  });

  it('counts every public write in one budget, and leaves reads alone', async () => {
    const call = from('127.0.0.5');
    const subscription = (await call(first.url, 'POST', '/v1/subscriptions', webhook())).json() as {
      id: string;
      token: string;
    };
    const own = `/v1/subscriptions/${subscription.id}`;
    const token = subscription.token;
    expect((await call(second.url, 'PATCH', own, { token, body: { minScore: 1 } })).status).toBe(
      200,
    );
    expect((await call(first.url, 'POST', `${own}/test`, { token })).status).toBe(202);

    for (const [method, path, options] of [
      ['POST', `${own}/replay`, { token, body: { since: '2026-01-01T00:00:00Z' } }],
      ['DELETE', own, { token }],
      ['POST', '/v1/unsubscribe?token=vun_not-a-token', {}],
      ['POST', '/v1/subscriptions', webhook()],
    ] as const) {
      const answer = await call(second.url, method, path, options);
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 429 });
    }

    expect((await call(first.url, 'GET', own, { token })).status).toBe(200);
    expect((await call(first.url, 'GET', '/v1/topics')).status).toBe(200);
    expect((await call(second.url, 'GET', '/v1/alerts?limit=1')).status).toBe(200);
  });

  it("does not count an operator's writes, made with the admin token", async () => {
    const call = from('127.0.0.6');
    for (let index = 0; index < LIMIT + 2; index += 1) {
      const answer = await call(first.url, 'POST', '/v1/subscriptions', webhook(ADMIN_TOKEN));
      expect(answer.status).toBe(201);
    }
    for (let index = 0; index < LIMIT; index += 1) {
      expect((await call(second.url, 'POST', '/v1/subscriptions', webhook())).status).toBe(201);
    }
    expectRateLimited(await call(first.url, 'POST', '/v1/subscriptions', webhook()));
    const operator = await call(second.url, 'POST', '/v1/subscriptions', webhook(ADMIN_TOKEN));
    expect(operator.status).toBe(201);
  });

  it('limits failed admin authentication per address across processes, never counting a success', async () => {
    const call = from('127.0.0.7');
    for (let index = 0; index < LIMIT * 2; index += 1) {
      const app = index % 2 === 0 ? first : second;
      expect((await call(app.url, 'GET', '/admin/feeds', { token: ADMIN_TOKEN })).status).toBe(200);
    }

    expect((await call(first.url, 'GET', '/admin/feeds')).status).toBe(401);
    expect((await call(second.url, 'GET', '/admin/events', { token: 'wrong-token' })).status).toBe(
      401,
    );
    // Bull Board is express's, not Nest's: the same guard refuses, and counts.
    expect(
      (await call(first.url, 'GET', '/admin/queues/ui', { token: 'wrong-token' })).status,
    ).toBe(401);
    const limited = await call(second.url, 'GET', '/admin/feeds', { token: 'wrong-token' });
    expectRateLimited(limited);

    // Blocked means blocked: a right token from that address waits too...
    expectRateLimited(await call(first.url, 'GET', '/admin/feeds', { token: ADMIN_TOKEN }));
    // ...while the operator elsewhere is not affected.
    const operator = from('127.0.0.8');
    expect((await operator(second.url, 'GET', '/admin/feeds', { token: ADMIN_TOKEN })).status).toBe(
      200,
    );
  });

  it('counts a wrong subscription token with them: it may be a guess at the admin token', async () => {
    const call = from('127.0.0.9');
    const own = (await call(first.url, 'POST', '/v1/subscriptions', webhook())).json() as {
      id: string;
      token: string;
    };
    for (let index = 0; index < LIMIT; index += 1) {
      const app = index % 2 === 0 ? first : second;
      const answer = await call(app.url, 'GET', `/v1/subscriptions/${randomUUID()}`, {
        token: `vst_guess-${index}`,
      });
      expect(answer.status).toBe(401);
    }
    expectRateLimited(
      await call(second.url, 'GET', `/v1/subscriptions/${own.id}/deliveries`, {
        token: 'vst_one-guess-too-many',
      }),
    );

    expectRateLimited(
      await call(first.url, 'GET', `/v1/subscriptions/${own.id}`, { token: own.token }),
    );
    expectRateLimited(await call(second.url, 'GET', '/admin/feeds', { token: ADMIN_TOKEN }));
    // Subscribing needs no token and is not an authentication.
    expect((await call(first.url, 'POST', '/v1/subscriptions', webhook())).status).toBe(201);
  });

  it('limits failed dashboard sign-ins, answering with the sign-in page and Retry-After', async () => {
    const call = from('127.0.0.10');
    const signIn = (app: { url: string }, token: string) =>
      call(app.url, 'POST', '/admin/login', { headers: { origin: app.url }, form: { token } });
    for (let index = 0; index < LIMIT; index += 1) {
      const answer = await signIn(index % 2 === 0 ? first : second, 'wrong-token');
      expect(answer.status).toBe(401);
    }

    const limited = await signIn(first, 'wrong-token');
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(limited.text).toContain('Too many failed sign-ins from your address');
    expect((await signIn(second, ADMIN_TOKEN)).status).toBe(429);
    expect((await call(first.url, 'GET', '/admin/feeds', { token: ADMIN_TOKEN })).status).toBe(429);

    const operator = from('127.0.0.11');
    const signedIn = await operator(second.url, 'POST', '/admin/login', {
      headers: { origin: second.url },
      form: { token: ADMIN_TOKEN },
    });
    expect(signedIn.status).toBe(303);
  });

  it('lets an address try again once its wait is over, and not before', async () => {
    const call = from('127.0.0.12');
    for (let index = 0; index <= LIMIT; index += 1) {
      await call(first.url, 'POST', '/v1/subscriptions', webhook());
      await call(second.url, 'GET', '/admin/feeds', { token: 'wrong-token' });
    }
    const blockedAt = Date.now();
    const writeWait = expectRateLimited(
      await call(first.url, 'POST', '/v1/subscriptions', webhook()),
    );
    const authWait = expectRateLimited(
      await call(second.url, 'GET', '/admin/feeds', { token: ADMIN_TOKEN }),
    );

    const [writeAgain, authAgain] = await Promise.all([
      expectEventually(
        async () => {
          expect((await call(second.url, 'POST', '/v1/subscriptions', webhook())).status).toBe(201);
          return Date.now();
        },
        { timeoutMs: (writeWait + 2) * 1000, intervalMs: 250 },
      ),
      expectEventually(
        async () => {
          const answer = await call(first.url, 'GET', '/admin/feeds', { token: ADMIN_TOKEN });
          expect(answer.status).toBe(200);
          return Date.now();
        },
        { timeoutMs: (authWait + 2) * 1000, intervalMs: 250 },
      ),
    ]);
    // Asking again while blocked neither counted nor lengthened the wait.
    expect(writeAgain - blockedAt).toBeGreaterThanOrEqual((writeWait - 1) * 1000);
    expect(authAgain - blockedAt).toBeGreaterThanOrEqual((authWait - 1) * 1000);
    expect(writeAgain - blockedAt).toBeLessThanOrEqual((writeWait + 2) * 1000);
  });

  it('ignores X-Forwarded-For when no proxy is trusted: a client cannot name itself', async () => {
    const call = from('127.0.0.13');
    const answers = [];
    for (let index = 0; index <= LIMIT; index += 1) {
      answers.push(
        (
          await call(first.url, 'POST', '/v1/subscriptions', {
            ...webhook(),
            headers: { 'x-forwarded-for': `198.51.100.${index + 1}` },
          })
        ).status,
      );
    }
    expect(answers).toEqual([201, 201, 201, 429]);
  });

  describe('behind one trusted proxy', () => {
    let proxied: { app: INestApplication; url: string };

    beforeAll(async () => {
      proxied = await listening(limitedConfig(base, { trustedProxies: 1 }));
      apps.push(proxied.app);
    });

    it("counts the address the proxy saw, not the proxy's, nor one the client wrote", async () => {
      const proxy = from('127.0.0.14');
      const subscribeVia = (forwardedFor: string) =>
        proxy(proxied.url, 'POST', '/v1/subscriptions', {
          ...webhook(),
          headers: { 'x-forwarded-for': forwardedFor },
        });
      for (let index = 0; index < LIMIT; index += 1) {
        expect((await subscribeVia('203.0.113.7')).status).toBe(201);
      }
      // The client wrote a first hop of its own; the proxy appended the address it saw.
      expectRateLimited(await subscribeVia('192.0.2.1, 203.0.113.7'));
      expect((await subscribeVia('203.0.113.8')).status).toBe(201);
    });
  });

  describe('with rateLimits.enabled: false', () => {
    let unlimited: { app: INestApplication; url: string };

    beforeAll(async () => {
      unlimited = await listening(limitedConfig(base, { enabled: false }));
      apps.push(unlimited.app);
    });

    it('limits nothing', async () => {
      const call = from('127.0.0.15');
      for (let index = 0; index < LIMIT * 2; index += 1) {
        expect((await call(unlimited.url, 'POST', '/v1/subscriptions', webhook())).status).toBe(
          201,
        );
        expect(
          (await call(unlimited.url, 'GET', '/admin/feeds', { token: 'wrong-token' })).status,
        ).toBe(401);
      }
      expect(
        (await call(unlimited.url, 'GET', '/admin/feeds', { token: ADMIN_TOKEN })).status,
      ).toBe(200);
    });
  });
});
