import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { ParsedMail } from 'mailparser';
import { createHttpApplication } from '@app/api';
import { AlertsReader, SubscriptionsReader } from '@app/consumers';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import type { EventStore } from '@app/event-store';
import { SubscriptionKeyStore } from '@app/subscriptions';
import {
  apiClient,
  consumersCaughtUp,
  createPostgresTestDatabase,
  discoverItem,
  expectEventually,
  freePort,
  type PostgresTestDatabase,
  SmtpReceiver,
  testConfig,
  uniqueQueuePrefix,
} from '@app/testing';
import { startInProcessVigil } from './in-process-vigil.js';
import { EmailScheduler } from '@app/worker';

const ADMIN_TOKEN = 'e2e-admin-token-email-0123456789';
const BUSY = 'busy@analysts.example';
const GONE = 'gone@analysts.example';

interface Created {
  readonly id: string;
  readonly token: string;
  readonly status: string;
}

/**
 * The email channel end to end (issue 13): a worker and an api in this process, PostgreSQL, and
 * a real SMTP server (`smtp-server`) whose messages are read back with `mailparser`. Links are
 * followed as a reader would, from the received email's text.
 */
describe('email subscriptions, end to end', () => {
  let database: PostgresTestDatabase;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let store: EventStore;
  let baseUrl: string;
  let smtp: SmtpReceiver;

  const call = apiClient(() => baseUrl);

  const subscribe = async (email: string, extra: Record<string, unknown> = {}) => {
    const response = await call('POST', '/v1/subscriptions', {
      body: { channel: 'email', email, topics: ['red-notice-abuse'], ...extra },
    });
    expect(response.status).toBe(201);
    return response.body as unknown as Created;
  };

  /** The messages an address has received, once there are `count` of them. */
  const inbox = async (address: string, count: number): Promise<ParsedMail[]> => {
    await expectEventually(() => expect(smtp.to(address)).toHaveLength(count), {
      timeoutMs: 20_000,
    });
    return smtp.to(address);
  };

  /** The first link of the message's plain-text part that goes to `path`. */
  const linkIn = (mail: ParsedMail, path: string): string => {
    const link = (mail.text ?? '').match(new RegExp(`${baseUrl}${path}\\?token=[\\w%-]+`))?.[0];
    if (!link) throw new Error(`no ${path} link in: ${mail.text}`);
    return link;
  };

  /** A header as it was sent (mailparser folds List-* headers into one parsed object). */
  const rawHeader = (mail: ParsedMail, name: string): string | undefined =>
    mail.headerLines
      .find((header) => header.key === name.toLowerCase())
      ?.line.slice(name.length + 1)
      .trim();

  /** Subscribes, follows the confirmation email's link, and returns the subscription. */
  const confirmed = async (email: string, extra: Record<string, unknown> = {}) => {
    const created = await subscribe(email, extra);
    const [confirmation] = await inbox(email, 1);
    const page = await fetch(linkIn(confirmation!, '/v1/subscriptions/confirm'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Subscription confirmed');
    return created;
  };

  let itemCounter = 0;
  /** An item the test watchlist matches, about a person of its own: one new alert. */
  const raiseAlert = async (
    fields: { title?: string; summary?: string } = {},
  ): Promise<{ title: string; url: string }> => {
    itemCounter += 1;
    const person = `Person${itemCounter}x${randomUUID().slice(0, 6)}`;
    const title =
      fields.title ?? `Dissident ${person} held in Vilnius${itemCounter} on a red notice`;
    const url = `https://wire.example/${person}`;
    const before = (await store.readAll({ after: 0, limit: 10_000, types: ['alert.raised'] }))
      .length;
    await discoverItem(store, {
      feedId: 'wire',
      title,
      url,
      summary: fields.summary ?? `Police detained ${person}, an exiled activist, on a red notice.`,
    });
    await expectEventually(async () => {
      const raised = await store.readAll({ after: 0, limit: 10_000, types: ['alert.raised'] });
      expect(raised).toHaveLength(before + 1);
    });
    return { title, url };
  };

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    smtp = await SmtpReceiver.start((address, attempt) => {
      if (address === BUSY && attempt === 1) return 450;
      if (address === GONE && attempt > 1) return 550;
      return 'accept';
    });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const base = testConfig({
      DATABASE_URL: database.url,
      ADMIN_TOKEN,
      ALLOW_PRIVATE_NETWORKS: 'true',
      QUEUE_PREFIX: uniqueQueuePrefix(),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Vigil <alerts@vigil.example>',
      PUBLIC_URL: baseUrl,
      PORT: String(port),
    });
    // Retries in milliseconds rather than minutes; everything else as configured.
    const config: VigilConfig = {
      ...base,
      runtime: {
        ...base.runtime,
        webhooks: { ...base.runtime.webhooks, retryDelaysSeconds: [0.05, 0.05, 0.05] },
      },
    };
    ({ worker, api, store } = await startInProcessVigil(config, port));
  });

  afterAll(async () => {
    await api.close();
    await worker.close();
    await smtp.stop();
    await database.drop();
  });

  it('confirms through the emailed link, sends an alert readable in both parts, and unsubscribes in one click', async () => {
    const address = `reader-${randomUUID().slice(0, 8)}@analysts.example`;
    const created = await subscribe(address);
    expect(created).toMatchObject({ status: 'pending_confirmation', channel: 'email' });
    expect(created.token).toMatch(/^vst_/);
    const [confirmation] = await inbox(address, 1);
    expect(confirmation!.subject).toMatch(/confirm/i);
    expect(confirmation!.from?.text).toContain('alerts@vigil.example');

    const link = linkIn(confirmation!, '/v1/subscriptions/confirm');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Subscription confirmed');
    expect(
      (await call('GET', `/v1/subscriptions/${created.id}`, { token: created.token })).body,
    ).toMatchObject({ status: 'active', email: address, frequency: 'instant' });
    const again = await fetch(link);
    expect(await again.text()).toContain('Already confirmed');

    const alert = await raiseAlert();
    const [, message] = await inbox(address, 2);
    expect(message!.subject).toContain(alert.title);
    for (const part of [message!.html as string, message!.text!]) {
      expect(part).toContain(alert.url);
      expect(part).toContain(alert.title);
    }
    expect(message!.html).toMatch(/<mark[^>]*>red notice<\/mark>/i);
    expect(message!.text).toMatch(/red notice/i);
    const unsubscribe = linkIn(message!, '/v1/unsubscribe');
    expect(rawHeader(message!, 'List-Unsubscribe')).toBe(`<${unsubscribe}>`);
    expect(rawHeader(message!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(message!.messageId).toMatch(/^<[0-9a-f]{32}@vigil\.example>$/);

    const shown = await fetch(unsubscribe);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('<form');
    // RFC 8058: what a mail client's unsubscribe button sends.
    const oneClick = await fetch(unsubscribe, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('Unsubscribed');
    expect(
      (await call('GET', `/v1/subscriptions/${created.id}`, { token: ADMIN_TOKEN })).status,
    ).toBe(404);

    await raiseAlert();
    await consumersCaughtUp(store);
    expect(smtp.to(address)).toHaveLength(2);
  });

  it('sends nothing but the confirmation to an address that has not confirmed', async () => {
    const address = `unconfirmed-${randomUUID().slice(0, 8)}@analysts.example`;
    const created = await subscribe(address);
    await inbox(address, 1);
    await raiseAlert();
    await consumersCaughtUp(store);
    expect(smtp.to(address)).toHaveLength(1);
    const test = await call('POST', `/v1/subscriptions/${created.id}/test`, {
      token: created.token,
    });
    expect(test.status).toBe(409);
    expect(test.body['error']).toMatchObject({ code: 'not_confirmed' });
  });

  it('resends the confirmation to an address subscribed again, under the same subscription', async () => {
    const address = `twice-${randomUUID().slice(0, 8)}@analysts.example`;
    const first = await subscribe(address);
    const second = await subscribe(address, { topics: ['interpol-leadership'] });
    expect(second.id).toBe(first.id);
    expect(second.token).not.toBe(first.token);
    expect(
      (await call('GET', `/v1/subscriptions/${first.id}`, { token: first.token })).status,
    ).toBe(401);
    expect(
      (await call('GET', `/v1/subscriptions/${first.id}`, { token: second.token })).body,
    ).toMatchObject({ topics: ['interpol-leadership'], status: 'pending_confirmation' });
    // One email per resend window, however often the form is sent.
    await inbox(address, 1);
    await consumersCaughtUp(store);
    expect(smtp.to(address)).toHaveLength(1);
  });

  it('escapes what came from a feed in the HTML part and keeps it readable in the text part', async () => {
    const address = `escape-${randomUUID().slice(0, 8)}@analysts.example`;
    await confirmed(address);
    const title = `Dissident Kaya & <script>alert(1)</script> held on a red notice &amp; freed`;
    await raiseAlert({ title });
    const [, message] = await inbox(address, 2);
    expect(message!.html).not.toContain('<script>alert(1)</script>');
    expect(message!.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(message!.html).toContain('&amp;amp;');
    expect(message!.text).toContain('<script>alert(1)</script>');
    expect(message!.text).toContain('Kaya & <script>');
    expect(message!.text).toContain('&amp; freed');
  });

  it('retries an SMTP 450 until delivered, and pauses on a 550 with the reason', async () => {
    const busy = await subscribe(BUSY);
    await inbox(BUSY, 1);
    expect(smtp.attemptsFor(BUSY)).toBe(2);
    await expectEventually(async () => {
      const deliveries = await call('GET', `/v1/subscriptions/${busy.id}/deliveries`, {
        token: busy.token,
      });
      expect(deliveries.body['deliveries']).toMatchObject([
        { outcome: 'delivered', status: 250, attempt: 2 },
        { outcome: 'failed', status: 450, attempt: 1 },
      ]);
    });

    const gone = await confirmed(GONE);
    await raiseAlert();
    await expectEventually(async () => {
      const read = await call('GET', `/v1/subscriptions/${gone.id}`, { token: gone.token });
      expect(read.body).toMatchObject({ status: 'paused' });
      expect(read.body['statusReason']).toMatch(/^SMTP 550/);
    });
    const deliveries = await call('GET', `/v1/subscriptions/${gone.id}/deliveries`, {
      token: gone.token,
    });
    expect(deliveries.body['deliveries']).toMatchObject([
      { outcome: 'failed', status: 550, nextAttemptAt: null },
      { outcome: 'delivered' },
    ]);
    await raiseAlert();
    await consumersCaughtUp(store);
    expect(smtp.attemptsFor(GONE)).toBe(2);
  });

  it('sends a daily digest once, grouped by topic, late when its hour was missed, and nothing for an empty day', async () => {
    const address = `digest-${randomUUID().slice(0, 8)}@analysts.example`;
    // The digest hour is half a day away, so the alerts below fall in one period.
    const digestHour = (new Date().getUTCHours() + 12) % 24;
    const created = await confirmed(address, {
      frequency: 'daily',
      timeZone: 'UTC',
      digestHour,
      topics: ['red-notice-abuse', 'interpol-leadership'],
    });
    const alerts = [
      await raiseAlert(),
      await raiseAlert({
        title: `INTERPOL elects a new president ${randomUUID().slice(0, 6)}`,
        summary: 'INTERPOL members elected a president at the General Assembly.',
      }),
      await raiseAlert(),
    ];
    await consumersCaughtUp(store);
    expect(smtp.to(address)).toHaveLength(1);

    const now = new Date();
    const periodEnd = new Date(now);
    periodEnd.setUTCHours(digestHour, 0, 0, 0);
    if (periodEnd <= now) periodEnd.setUTCDate(periodEnd.getUTCDate() + 1);
    // A worker that ticks, or restarts, in the middle of the period sends nothing yet.
    const scheduler = worker.get(EmailScheduler);
    await scheduler.closeDuePeriods(new Date());
    await consumersCaughtUp(store);
    expect(smtp.to(address)).toHaveLength(1);
    // Vigil was down at the digest hour and comes back three hours later.
    const late = new Date(periodEnd.getTime() + 3 * 3_600_000);
    await scheduler.closeDuePeriods(late);
    const [, digest] = await inbox(address, 2);
    expect(digest!.subject).toMatch(/digest/i);
    for (const alert of alerts) {
      expect(digest!.text).toContain(alert.title);
      expect(digest!.html).toContain(alert.url);
    }
    const text = digest!.text!;
    // Grouped by topic, in the subscription's order; newest first within a topic.
    expect(text.indexOf('Abuse of INTERPOL Red Notices')).toBeLessThan(
      text.indexOf('INTERPOL leadership'),
    );
    expect(text.indexOf(alerts[2]!.title)).toBeLessThan(text.indexOf(alerts[0]!.title));
    expect(rawHeader(digest!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    // Again, and from a scheduler that starts afresh (a restart, another process): still once.
    await scheduler.closeDuePeriods(late);
    const restarted = new EmailScheduler(
      worker.get(SubscriptionsReader),
      worker.get(AlertsReader),
      worker.get(SubscriptionKeyStore),
      store,
      worker.get<VigilConfig>(VIGIL_CONFIG),
    );
    await restarted.closeDuePeriods(late);
    // The next day had no alert: its period closes without an email.
    await scheduler.closeDuePeriods(new Date(periodEnd.getTime() + 24 * 3_600_000 + 60_000));
    await consumersCaughtUp(store);
    expect(smtp.to(address)).toHaveLength(2);
    const closed = await store.readAll({ after: 0, limit: 10_000, types: ['digest.sent'] });
    const ofThis = closed.filter(
      (event) => event.type === 'digest.sent' && event.data.subscriptionId === created.id,
    );
    expect(
      ofThis.map((event) => event.type === 'digest.sent' && event.data.alertIds.length),
    ).toEqual([3, 0]);
  });

  it('refuses email, saying why, where no SMTP server is configured', async () => {
    const offline = await createHttpApplication(testConfig({ DATABASE_URL: database.url }));
    await offline.listen(0, '127.0.0.1');
    try {
      const url = (await offline.getUrl()).replace('[::1]', '127.0.0.1');
      const response = await fetch(`${url}/v1/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'email',
          email: 'someone@analysts.example',
          topics: ['red-notice-abuse'],
        }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { code: 'email_channel_off', details: [{ field: 'channel' }] },
      });
    } finally {
      await offline.close();
    }
  });

  it('changes the frequency and time zone of an email subscription, and refuses them for a webhook', async () => {
    const address = `change-${randomUUID().slice(0, 8)}@analysts.example`;
    const created = await confirmed(address);
    const changed = await call('PATCH', `/v1/subscriptions/${created.id}`, {
      token: created.token,
      body: { frequency: 'daily', timeZone: 'Asia/Tokyo', digestHour: 7 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      frequency: 'daily',
      timeZone: 'Asia/Tokyo',
      digestHour: 7,
      status: 'active',
    });
    const badZone = await call('PATCH', `/v1/subscriptions/${created.id}`, {
      token: created.token,
      body: { timeZone: 'Mars/Olympus_Mons' },
    });
    expect(badZone.status).toBe(400);
    expect(badZone.body['error']).toMatchObject({ details: [{ field: 'timeZone' }] });

    const webhook = await call('POST', '/v1/subscriptions', {
      body: { channel: 'webhook', url: 'https://hooks.example/x', topics: ['red-notice-abuse'] },
    });
    const refused = await call('PATCH', `/v1/subscriptions/${String(webhook.body['id'])}`, {
      token: String(webhook.body['token']),
      body: { frequency: 'daily' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body['error']).toMatchObject({ details: [{ field: 'frequency' }] });
  });

  it('forgets an address that never confirmed once the confirmation has expired', async () => {
    const address = `expires-${randomUUID().slice(0, 8)}@analysts.example`;
    const created = await subscribe(address);
    const [confirmation] = await inbox(address, 1);
    await consumersCaughtUp(store);
    const scheduler = worker.get(EmailScheduler);
    await scheduler.expireUnconfirmed(new Date(Date.now() + 6 * 24 * 3_600_000));
    expect(await worker.get(SubscriptionKeyStore).get(created.id)).not.toBeNull();

    await scheduler.expireUnconfirmed(new Date(Date.now() + 8 * 24 * 3_600_000));
    const history = await store.readStream(`subscription-${created.id}`);
    expect(history.at(-1)).toMatchObject({
      type: 'subscription.deleted',
      data: { reason: 'unconfirmed' },
    });
    expect(await worker.get(SubscriptionKeyStore).get(created.id)).toBeNull();
    const late = await fetch(linkIn(confirmation!, '/v1/subscriptions/confirm'));
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('expired');
  });

  it('shreds the address when the subscription is deleted: the log cannot give it back', async () => {
    const address = `shred-${randomUUID().slice(0, 8)}@analysts.example`;
    const created = await confirmed(address);
    const history = JSON.stringify(await store.readStream(`subscription-${created.id}`));
    expect(history).not.toContain(address);
    expect(
      (await call('DELETE', `/v1/subscriptions/${created.id}`, { token: created.token })).status,
    ).toBe(204);
    expect(await worker.get(SubscriptionKeyStore).get(created.id)).toBeNull();
    const everything = await store.readAll({ after: 0, limit: 100_000 });
    expect(JSON.stringify(everything)).not.toContain(address);
  });
});
