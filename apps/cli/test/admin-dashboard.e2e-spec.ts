import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { SubscriptionsReader } from '@app/consumers';
import type { EventStore } from '@app/event-store';
import type { VigilConfig } from '@app/platform';
import {
  adminClient,
  apiClient,
  createPostgresTestDatabase,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
  WebhookReceiver,
} from '@app/testing';
import { startInProcessVigil } from './in-process-vigil.js';

/**
 * The dashboard in a real browser against a real api and worker: sign-in, the session cookie,
 * CSRF refusals, a failing feed shown first with its reason, and "Poll now" recovering it.
 * Set DASHBOARD_SCREENSHOTS_DIR to keep full-page screenshots at a phone's and a desktop's width.
 */

// eslint-disable-next-line no-restricted-properties -- this test's own knobs, not app config.
const { CHROMIUM_PATH, DASHBOARD_SCREENSHOTS_DIR } = process.env;

const ADMIN_TOKEN = 'e2e-admin-token-dashboard-0123456789';
const BROWSER_TIMEOUT = 90_000;
const VIEWPORTS = [
  { name: 'phone', width: 375, height: 800 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

const rss = (title: string, items: readonly { title: string; summary: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${title}</title><link>http://example.org/</link>
${items
  .map(
    (item, n) =>
      `<item><title>${item.title}</title><link>http://example.org/${title.length}/${n}</link>` +
      `<guid>${title}-${n}</guid><description>${item.summary}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;

/** Publishes a steady agency feed and a wire feed that is down until the test brings it up. */
class FeedServer {
  wireUp = false;
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => this.answer(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    if (request.url === '/agency.rss') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rss('Agency', [
          {
            title: 'Exiled dissident held in Vilnius on a red notice',
            summary:
              'Police detained the exiled activist on a red notice issued by his home country.',
          },
        ]),
      );
    } else if (request.url === '/wire.rss' && this.wireUp) {
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(rss('Wire', [{ title: 'Wire back online', summary: 'Nothing to see.' }]));
    } else {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded');
    }
  }
}

describe('the admin dashboard in a browser', () => {
  const feeds = new FeedServer();
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let store: EventStore;
  let receiver: WebhookReceiver;
  let browser: Browser;
  let baseUrl = '';
  const admin = adminClient(() => baseUrl, ADMIN_TOKEN);

  const failuresInRow = async (feedId: string): Promise<number | undefined> =>
    (
      (await admin('GET', `/admin/feeds/${feedId}`)).body?.health as {
        failuresInRow: number;
      } | null
    )?.failuresInRow;

  const signedInPage = async (context: BrowserContext): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin`);
    await page.fill('input[name="token"]', ADMIN_TOKEN);
    await Promise.all([page.waitForURL(`${baseUrl}/admin`), page.click('button[type="submit"]')]);
    return page;
  };

  beforeAll(async () => {
    await feeds.start();
    receiver = await WebhookReceiver.start(() => 500);
    database = await createPostgresTestDatabase();
    const base = testConfig({
      DATABASE_URL: database.url,
      ADMIN_TOKEN,
      ALLOW_PRIVATE_NETWORKS: 'true',
    });
    // A failing feed is retried after 1 s, 2 s, 4 s...; deliveries retry in milliseconds.
    const config: VigilConfig = {
      ...base,
      runtime: {
        ...base.runtime,
        feeds: { ...base.runtime.feeds, minIntervalSeconds: 1, maxIntervalSeconds: 1 },
        webhooks: { ...base.runtime.webhooks, retryDelaysSeconds: [0.05], totalTimeoutMs: 1_000 },
      },
    };
    ({ worker, api, baseUrl, store } = await startInProcessVigil(config));
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    if (DASHBOARD_SCREENSHOTS_DIR) await mkdir(DASHBOARD_SCREENSHOTS_DIR, { recursive: true });

    // A subscriber whose endpoint always fails, then the feeds whose reports it will be sent.
    const subscribed = await apiClient(() => baseUrl)('POST', '/v1/subscriptions', {
      body: { channel: 'webhook', url: receiver.url, topics: ['red-notice-abuse'] },
    });
    expect(subscribed.status).toBe(201);
    for (const id of ['agency', 'wire']) {
      const created = await admin('POST', '/admin/feeds', {
        id,
        url: `${feeds.url}/${id}.rss`,
        title: id === 'wire' ? 'Wire <b>service</b>' : 'Agency',
        allowPrivateNetwork: true,
      });
      expect(created.status).toBe(201);
    }
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await worker?.close();
    await receiver?.stop();
    await feeds.stop();
    await database?.drop();
  }, BROWSER_TIMEOUT);

  it(
    'shows the sign-in form without a session and refuses a wrong token',
    async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const first = await page.goto(`${baseUrl}/admin`);
        expect(first?.headers()['content-security-policy']).toContain("default-src 'none'");
        expect(await page.locator('input[name="token"]').isVisible()).toBe(true);
        expect(await page.locator('#feeds').count()).toBe(0);
        await screenshots(page, 'sign-in');

        await page.fill('input[name="token"]', 'not-the-admin-token');
        const [refused] = await Promise.all([
          page.waitForResponse((response) => response.url().endsWith('/admin/login')),
          page.click('button[type="submit"]'),
        ]);
        expect(refused.status()).toBe(401);
        expect(await page.locator('[role="alert"]').innerText()).toBe(
          'That token was not accepted.',
        );
        expect(await context.cookies()).toEqual([]);
      } finally {
        await context.close();
      }
    },
    BROWSER_TIMEOUT,
  );

  it(
    'keeps the session in an HttpOnly, SameSite=Strict cookie that is not the token',
    async () => {
      const context = await browser.newContext();
      try {
        const page = await signedInPage(context);
        expect(await page.locator('#feeds').isVisible()).toBe(true);
        const [cookie, ...others] = await context.cookies();
        expect(others).toEqual([]);
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });
        expect(cookie?.value).not.toContain(ADMIN_TOKEN);

        await page.click('header button[type="submit"]');
        await page.waitForSelector('input[name="token"]');
        expect(await context.cookies()).toEqual([]);
      } finally {
        await context.close();
      }
    },
    BROWSER_TIMEOUT,
  );

  it(
    'refuses a dashboard POST without the CSRF token or from another origin (403)',
    async () => {
      const login = await fetch(`${baseUrl}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
        body: new URLSearchParams({ token: ADMIN_TOKEN }),
      });
      expect(login.status).toBe(303);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const overview = await (await fetch(`${baseUrl}/admin`, { headers: { cookie } })).text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(overview)?.[1];
      expect(csrf).toBeDefined();

      const poll = (headers: Record<string, string>, form: Record<string, string>) =>
        fetch(`${baseUrl}/admin/dashboard/feeds/agency/poll`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
          body: new URLSearchParams(form),
        });
      expect((await poll({ origin: baseUrl }, {})).status).toBe(403);
      expect((await poll({ origin: baseUrl }, { csrf: `${csrf}x` })).status).toBe(403);
      expect((await poll({ origin: 'https://evil.example' }, { csrf: csrf! })).status).toBe(403);
      expect((await poll({ origin: baseUrl }, { csrf: csrf! })).status).toBe(303);
    },
    BROWSER_TIMEOUT,
  );

  it(
    'flags the failing feed first with its reason, and "Poll now" brings it back',
    async () => {
      await expectEventually(
        async () => {
          expect(await failuresInRow('wire')).toBeGreaterThanOrEqual(2);
          expect(await failuresInRow('agency')).toBe(0);
          expect(await worker.get(SubscriptionsReader).withDeliveryTrouble(10)).toHaveLength(1);
        },
        { timeoutMs: 30_000 },
      );
      const context = await browser.newContext();
      try {
        const page = await signedInPage(context);
        const firstFeed = page.locator('#feeds tbody tr').first();
        expect(await firstFeed.getAttribute('data-feed-id')).toBe('wire');
        expect(await firstFeed.getAttribute('class')).toContain('failing');
        expect(await firstFeed.innerText()).toContain('http_5xx');
        // The feed's title is shown as text, never as markup.
        expect(await firstFeed.locator('strong').first().innerText()).toBe('Wire <b>service</b>');
        expect(await page.locator('#subscriptions tbody tr').count()).toBe(1);
        await screenshots(page, 'overview-failing');

        feeds.wireUp = true;
        await Promise.all([
          page.waitForURL(/\/admin\?polled=wire/),
          firstFeed.locator('button:has-text("Poll now")').click(),
        ]);
        expect(await page.locator('[role="status"]').innerText()).toContain('A poll of');
        const requested = await store.readAll({
          after: 0,
          limit: 100,
          types: ['feed.poll_requested'],
        });
        expect(requested.filter((event) => event.stream === 'feed-wire')).toHaveLength(1);
        await expectEventually(
          async () => {
            await page.goto(`${baseUrl}/admin`);
            const wire = page.locator('#feeds tr[data-feed-id="wire"]');
            expect(await wire.getAttribute('class')).not.toContain('failing');
          },
          { timeoutMs: 30_000, intervalMs: 250 },
        );
        await screenshots(page, 'overview-recovered');
      } finally {
        await context.close();
      }
    },
    BROWSER_TIMEOUT,
  );
});

/** At each width: nothing wider than the screen; full-page screenshots when asked for. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      viewport.width,
    );
    if (DASHBOARD_SCREENSHOTS_DIR) {
      const path = join(DASHBOARD_SCREENSHOTS_DIR, `${name}-${viewport.name}.png`);
      await page.screenshot({ path, fullPage: true });
    }
  }
}
