import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import {
  apiClient,
  createPostgresTestDatabase,
  childProcessEnv,
  expectEventually,
  freePort,
  NO_FEEDS_FILE,
  type PostgresTestDatabase,
  SmtpReceiver,
  TEST_WATCHLIST_FILE,
  uniqueQueuePrefix,
  WebhookReceiver,
} from '@app/testing';

/** The built CLI, run by the project's pinned Node (rebuild before running this file). */
const CLI = join(process.cwd(), 'apps/cli/dist/main.js');
const ADMIN_TOKEN = `log-secrets-admin-${randomBytes(16).toString('hex')}`;
/** vigil start on PostgreSQL boots in seconds; a loaded machine gets a minute. */
const BOOT_BUDGET_MS = 60_000;

interface Created {
  readonly id: string;
  readonly token: string;
  readonly secret?: string;
}

/**
 * SPEC §11 and issue 15: nothing a subscriber or an operator holds reaches the log. `vigil start`
 * runs as a process with its real logger (JSON, at debug, the most it writes), every secret of
 * both channels and the admin token is used the way people use them, including the email
 * links that carry their tokens in the query, and then the whole output is searched for each.
 */
describe('the log of a real run holds none of the secrets it handled', () => {
  let database: PostgresTestDatabase;
  let dataDir: string;
  let smtp: SmtpReceiver;
  let receiver: WebhookReceiver;
  let child: ChildProcess;
  let output = '';
  let baseUrl: string;
  let exited: Promise<number | null>;

  const call = apiClient(() => baseUrl);

  /** The link of the message's plain-text part that goes to `path`. */
  const linkIn = (mail: ParsedMail, path: string): string => {
    const link = (mail.text ?? '').match(new RegExp(`${baseUrl}${path}\\?token=[\\w%-]+`))?.[0];
    if (!link) throw new Error(`no ${path} link in: ${mail.text}`);
    return link;
  };

  const inbox = async (address: string, count: number): Promise<ParsedMail[]> => {
    await expectEventually(() => expect(smtp.to(address)).toHaveLength(count), {
      timeoutMs: 30_000,
    });
    return smtp.to(address);
  };

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'vigil-log-secrets-'));
    smtp = await SmtpReceiver.start();
    receiver = await WebhookReceiver.start();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [CLI, 'start'], {
      // An explicit environment: nothing leaks in from the test runner's own.
      env: childProcessEnv({
        PORT: String(port),
        PUBLIC_URL: baseUrl,
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        QUEUE_PREFIX: uniqueQueuePrefix(),
        ADMIN_TOKEN,
        ALLOW_PRIVATE_NETWORKS: 'true',
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Vigil <alerts@vigil.example>',
        FEEDS_FILE: NO_FEEDS_FILE,
        WATCHLIST_FILE: TEST_WATCHLIST_FILE,
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'debug',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await expectEventually(
        async () => {
          const health = await fetch(`${baseUrl}/admin/health`, {
            headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
          });
          expect(health.status).toBe(200);
        },
        { timeoutMs: BOOT_BUDGET_MS, intervalMs: 200 },
      );
    } catch (error) {
      throw new Error(`vigil start did not become healthy: ${String(error)}\n${output}`, {
        cause: error,
      });
    }
  }, BOOT_BUDGET_MS + 10_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await receiver.stop();
    await smtp.stop();
    await rm(dataDir, { recursive: true, force: true });
    await database.drop();
  });

  it('never writes a secret, a token, an email address or a webhook URL', async () => {
    const secrets = new Map<string, string>([['admin token', ADMIN_TOKEN]]);

    // A webhook subscriber: the secret and token shown once, then used.
    const personal = `personal-${randomBytes(8).toString('hex')}`;
    const hookUrl = `${receiver.url}/${personal}`;
    const webhook = (
      await call('POST', '/v1/subscriptions', {
        body: { channel: 'webhook', url: hookUrl, topics: ['red-notice-abuse'] },
      })
    ).body as unknown as Created;
    receiver.secret = webhook.secret;
    const secret = webhook.secret ?? '';
    expect(secret).toMatch(/^whsec_/);
    secrets.set('webhook secret', secret);
    secrets.set('webhook secret key', secret.slice('whsec_'.length));
    secrets.set('webhook subscription token', webhook.token);
    secrets.set('webhook URL path', personal);
    const own = `/v1/subscriptions/${webhook.id}`;
    expect((await call('GET', own, { token: webhook.token })).status).toBe(200);
    expect(
      (await call('PATCH', own, { token: webhook.token, body: { minScore: 0.5 } })).status,
    ).toBe(200);
    expect((await call('GET', `${own}/deliveries`, { token: webhook.token })).status).toBe(200);
    expect((await call('POST', `${own}/test`, { token: webhook.token })).status).toBe(202);
    await expectEventually(() => expect(receiver.received[0]?.verified).toBe(true), {
      timeoutMs: 30_000,
    });

    // An email reader: the address, the token, and both links with theirs in the query.
    const address = `reader-${randomBytes(6).toString('hex')}@analysts.example`;
    secrets.set('email address', address);
    const reader = (
      await call('POST', '/v1/subscriptions', {
        body: { channel: 'email', email: address, topics: ['red-notice-abuse'] },
      })
    ).body as unknown as Created;
    secrets.set('email subscription token', reader.token);
    const [confirmation] = await inbox(address, 1);
    const confirm = linkIn(confirmation!, '/v1/subscriptions/confirm');
    secrets.set('confirmation link token', new URL(confirm).searchParams.get('token') ?? '');
    expect((await fetch(confirm)).status).toBe(200);
    const test = await call('POST', `/v1/subscriptions/${reader.id}/test`, {
      token: reader.token,
    });
    expect(test.status).toBe(202);
    const [, testEmail] = await inbox(address, 2);
    const unsubscribe = linkIn(testEmail!, '/v1/unsubscribe');
    secrets.set('unsubscribe link token', new URL(unsubscribe).searchParams.get('token') ?? '');
    expect((await fetch(unsubscribe)).status).toBe(200);
    const oneClick = await fetch(unsubscribe, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);

    // An operator: the admin API, the dashboard's sign-in, and its session cookie.
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    expect((await fetch(`${baseUrl}/admin/events?limit=1000`, { headers: admin })).status).toBe(
      200,
    );
    expect((await fetch(`${baseUrl}${own}`, { headers: admin })).status).toBe(200);
    const signIn = await fetch(`${baseUrl}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: ADMIN_TOKEN }).toString(),
    });
    expect(signIn.status).toBe(303);
    const session = /vigil_admin_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '');
    secrets.set('dashboard session', session?.[1] ?? '');
    const dashboard = await fetch(`${baseUrl}/admin`, {
      headers: { cookie: `vigil_admin_session=${session?.[1] ?? ''}` },
    });
    expect(dashboard.status).toBe(200);
    secrets.set('webhook signature', receiver.received[0]?.signature ?? '');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    // The requests were logged, links and all; their secrets were not.
    expect(output).toContain('GET /v1/subscriptions/confirm?token=[redacted] 200');
    expect(output).toContain('POST /v1/unsubscribe?token=[redacted] 200');
    for (const value of secrets.values()) expect(value.length).toBeGreaterThanOrEqual(12);
    const inTheLog = [...secrets]
      .filter(([, value]) => output.includes(value) || output.includes(encodeURIComponent(value)))
      .map(([name]) => name);
    expect(inTheLog).toEqual([]);
  }, 180_000);
});
