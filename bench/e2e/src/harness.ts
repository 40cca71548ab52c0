import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteQueueKeys } from '@app/jobs';
import { testInfrastructure } from '@app/platform';
import {
  childProcessEnv,
  createPostgresTestDatabase,
  freePort,
  type PostgresTestDatabase,
  uniqueQueuePrefix,
} from '@app/testing';
import { writeConfigFiles } from './config-files.js';
import type { FeedServer, Receivers } from './fixtures.js';
import { BENCH_TOPIC, type BenchItem, benchItem } from './news-items.js';
import { type Percentiles, percentiles } from './percentiles.js';
import type { EmailReceipt, WebhookReceipt } from './receivers-protocol.js';
import { type Layout, VigilProcesses } from './vigil-processes.js';

export interface HarnessOptions {
  readonly layout: Layout;
  readonly feeds: number;
  readonly mailboxes: number;
  readonly generatedRules: number;
  /** Items published per second in the steady phase. */
  readonly rate: number;
  /** Share of the items that are on the watchlist. */
  readonly watchlistShare: number;
  readonly steadySeconds: number;
  /** Watchlist items published at once after the steady phase (0: no saturation phase). */
  readonly burstItems: number;
  /** A phase ends when everything expected has arrived, or nothing came for this long. */
  readonly stallMs: number;
  readonly log: (line: string) => void;
  /** Called every `sampleEveryMs` during the steady phase (the soak's samples). */
  readonly sampler?: {
    readonly everyMs: number;
    readonly sample: (vigil: LayoutHandle) => Promise<void>;
  };
}

/** What a sampler may read of the running layout. */
export interface LayoutHandle {
  readonly processes: VigilProcesses;
  readonly apiUrl: string;
  readonly adminToken: string;
}

export interface PhaseResult {
  readonly seconds: number;
  readonly itemsPublished: number;
  readonly watchlistItems: number;
  /** `item.discovered` events of the phase's items. */
  readonly itemsIngested: number;
  readonly itemsPerSecond: number;
  /** `alert.raised` and `alert.corroborated` events recorded in the phase (every topic). */
  readonly alerts: number;
  readonly alertsPerSecond: number;
  /** Verified webhook receipts of the phase's items. */
  readonly deliveries: number;
  readonly deliveriesPerSecond: number;
  readonly emails: number;
  readonly emailsPerSecond: number;
  /** Item on its feed to webhook receipt. */
  readonly itemToWebhookMs: Percentiles;
  /** Item recorded (`item.discovered`) to webhook receipt: without the wait for the poll. */
  readonly discoveredToWebhookMs: Percentiles;
  /** Item on its feed to `item.discovered`: the ping, the poll job and the fetch. */
  readonly itemToDiscoveredMs: Percentiles;
  readonly itemToEmailMs: Percentiles;
  readonly cpuSeconds: number;
  readonly cpuSecondsPer1000Deliveries: number | null;
}

export interface CorrectnessCheck {
  readonly watchlistItems: number;
  /** Watchlist items some receiver got no verified webhook for. */
  readonly itemsMissingWebhooks: number;
  /** Watchlist items some mailbox got no email for. */
  readonly itemsMissingEmails: number;
  /** Webhook requests that failed verification. */
  readonly unverifiedWebhooks: number;
  /** Deliveries of items that are not on the watchlist. */
  readonly offWatchlistDeliveries: number;
  /** What those were: payload type and the run of the item's URL, with their counts. */
  readonly offWatchlistKinds: Record<string, number>;
  /** Verified webhooks beyond the first of an item to a receiver (owed: one each). */
  readonly extraWebhooks: number;
  /** Of those, requests repeating a webhook-id the receiver had already had. */
  readonly repeatedWebhookIds: number;
  /** Emails beyond the first announcing an item to a mailbox. */
  readonly extraEmails: number;
  readonly pingFailures: number;
  readonly confirmationFailures: number;
}

/**
 * How many deliveries the check found wrong: owed and missing, unverified, not owed, or
 * repeated. A bench run with any exits 1.
 */
export function faultsOf(check: CorrectnessCheck): number {
  return (
    check.itemsMissingWebhooks +
    check.itemsMissingEmails +
    check.unverifiedWebhooks +
    check.offWatchlistDeliveries +
    check.extraWebhooks +
    check.extraEmails
  );
}

export interface LayoutResult {
  readonly layout: Layout;
  readonly webhooks: number;
  readonly mailboxes: number;
  readonly steady: PhaseResult;
  readonly saturation: PhaseResult | null;
  readonly peakRssBytes: Record<string, number>;
  readonly check: CorrectnessCheck;
}

const REPORT_EVERY_MS = 500;
const TICK_MS = 100;
const PAGE = 1_000;

/** Receipts as they come in from the receivers' process. */
class Receipts {
  readonly webhooks: WebhookReceipt[] = [];
  readonly emails: EmailReceipt[] = [];
  confirmed = 0;
  confirmationFailures = 0;
  lastArrival = Date.now();

  constructor(private readonly receivers: Receivers) {}

  async collect(): Promise<void> {
    const report = await this.receivers.report();
    this.webhooks.push(...report.webhooks);
    this.emails.push(...report.emails);
    this.confirmed = report.confirmed.length;
    this.confirmationFailures = report.confirmationFailures;
    if (report.webhooks.length + report.emails.length > 0) this.lastArrival = Date.now();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function json<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

interface LoggedEvent {
  readonly position: number;
  readonly type: string;
  readonly recordedAt: string;
  readonly data: { readonly url?: string | null };
}

/** Every event of `types` in the log, through the admin API. */
async function readEvents(handle: LayoutHandle, types: readonly string[]): Promise<LoggedEvent[]> {
  const events: LoggedEvent[] = [];
  for (const type of types) {
    for (let after = 0; ;) {
      const page = await json<{ events: LoggedEvent[]; next: number | null }>(
        await fetch(`${handle.apiUrl}/admin/events?type=${type}&after=${after}&limit=${PAGE}`, {
          headers: { authorization: `Bearer ${handle.adminToken}` },
        }),
        `GET /admin/events?type=${type}`,
      );
      events.push(...page.events);
      if (page.next === null) break;
      after = page.next;
    }
  }
  return events;
}

/**
 * One layout under load: Vigil's processes started on a fresh store and queue prefix, the
 * subscribers subscribed through the public API (emails confirmed by their link), items
 * published at `rate` for `steadySeconds` (the steady phase), then `burstItems` watchlist items
 * at once (saturation). Everything it creates is deleted at the end.
 */
export async function runLayout(
  fixtures: { readonly feedServer: FeedServer; readonly receivers: Receivers },
  options: HarnessOptions,
): Promise<LayoutResult> {
  const { feedServer, receivers } = fixtures;
  const runId = randomBytes(4).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-e2e-'));
  const queuePrefix = uniqueQueuePrefix();
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const adminToken = randomBytes(24).toString('hex');
  let database: PostgresTestDatabase | undefined;
  let processes: VigilProcesses | undefined;
  try {
    const files = writeConfigFiles(dir, feedServer.baseUrl, options.feeds, options.generatedRules);
    await feedServer.clear();
    if (options.layout !== 'all-in-one') database = await createPostgresTestDatabase();
    processes = VigilProcesses.start(
      options.layout,
      childProcessEnv({
        PORT: String(port),
        PUBLIC_URL: apiUrl,
        QUEUE_PREFIX: queuePrefix,
        ADMIN_TOKEN: adminToken,
        FEEDS_FILE: files.feedsFile,
        WATCHLIST_FILE: files.watchlistFile,
        VIGIL_CONFIG_FILE: files.settingsFile,
        ALLOW_PRIVATE_NETWORKS: 'true',
        SMTP_URL: receivers.smtpUrl,
        MAIL_FROM: 'Vigil bench <alerts@bench.example>',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        NODE_ENV: 'production',
        ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: join(dir, 'data') }),
      }),
    );
    await processes.ready(apiUrl, adminToken);
    const handle: LayoutHandle = { processes, apiUrl, adminToken };
    options.log(`${options.layout}: healthy; subscribing`);

    const receipts = new Receipts(receivers);
    await receipts.collect();
    receipts.webhooks.length = 0;
    receipts.emails.length = 0;
    await subscribe(apiUrl, receivers, options.mailboxes, receipts);
    feedServer.pingTo(apiUrl, adminToken);

    const items = new Map<string, BenchItem>();
    const appearedAt = new Map<string, number>();
    let pingFailures = 0;
    let nextIndex = 0;
    const publish = async (count: number, onlyWatchlist: boolean): Promise<string[]> => {
      const batch: { feed: number; item: BenchItem }[] = [];
      while (batch.length < count) {
        const item = benchItem(runId, nextIndex, options.watchlistShare);
        // Feeds in a stride that visits each before any twice.
        const feed = (nextIndex * 7) % options.feeds;
        nextIndex += 1;
        if (onlyWatchlist && item.kind !== 'watchlist') continue;
        batch.push({ feed, item });
      }
      const reply = await feedServer.publish(batch);
      pingFailures = reply.pingFailures;
      for (const { item } of batch) items.set(item.url, item);
      for (const [url, at] of reply.appearedAt) appearedAt.set(url, at);
      return batch.map(({ item }) => item.url);
    };

    // An email announces the newest item it names: a corroboration's email also lists the
    // story's earlier reports.
    const itemOfEmail = (named: readonly string[]): string | undefined =>
      named
        .filter((url) => appearedAt.has(url))
        .reduce<string | undefined>(
          (newest, url) =>
            newest === undefined || (appearedAt.get(url) ?? 0) > (appearedAt.get(newest) ?? 0)
              ? url
              : newest,
          undefined,
        );

    const waitForReceipts = async (urls: readonly string[]): Promise<void> => {
      const watched = urls.filter((url) => items.get(url)?.kind === 'watchlist');
      const expectedWebhooks = watched.length * receivers.webhookUrls.length;
      const expectedEmails = watched.length * options.mailboxes;
      const wanted = new Set(watched);
      receipts.lastArrival = Date.now();
      for (;;) {
        await receipts.collect();
        const webhooks = receipts.webhooks.filter(([, , url]) => url !== null && wanted.has(url));
        const emails = receipts.emails.filter(([, named]) => wanted.has(itemOfEmail(named) ?? ''));
        if (webhooks.length >= expectedWebhooks && emails.length >= expectedEmails) return;
        if (Date.now() - receipts.lastArrival > options.stallMs) {
          options.log(
            `  stalled: ${webhooks.length} of ${expectedWebhooks} webhooks, ` +
              `${emails.length} of ${expectedEmails} emails`,
          );
          return;
        }
        await sleep(REPORT_EVERY_MS);
      }
    };

    // Steady phase: `rate` items a second, the receipts collected as they come.
    options.log(
      `${options.layout}: steady phase, ${options.rate} items/s for ${options.steadySeconds} s`,
    );
    const steadyCpu = processes.cpuSeconds();
    const steadyStart = Date.now();
    const steadyUrls: string[] = [];
    let nextReport = steadyStart + REPORT_EVERY_MS;
    let nextSample = steadyStart;
    let nextProgress = steadyStart + 10_000;
    while (Date.now() - steadyStart < options.steadySeconds * 1_000) {
      const due = Math.floor(((Date.now() - steadyStart) / 1_000) * options.rate);
      if (due > steadyUrls.length)
        steadyUrls.push(...(await publish(due - steadyUrls.length, false)));
      if (Date.now() >= nextReport) {
        await receipts.collect();
        nextReport = Date.now() + REPORT_EVERY_MS;
      }
      if (options.sampler && Date.now() >= nextSample) {
        await options.sampler.sample(handle);
        nextSample += options.sampler.everyMs;
      }
      if (Date.now() >= nextProgress) {
        options.log(
          `  ${steadyUrls.length} items published, ${receipts.webhooks.length} webhooks, ` +
            `${receipts.emails.length} emails received`,
        );
        nextProgress += 10_000;
      }
      await sleep(TICK_MS);
    }
    await waitForReceipts(steadyUrls);
    const steadyEnd = Date.now();
    const steadyCpuSeconds = processes.cpuSeconds() - steadyCpu;

    let burst: { urls: string[]; start: number; end: number; cpuSeconds: number } | undefined;
    if (options.burstItems > 0) {
      options.log(`${options.layout}: saturation, ${options.burstItems} watchlist items at once`);
      const cpu = processes.cpuSeconds();
      const start = Date.now();
      const urls = await publish(options.burstItems, true);
      await waitForReceipts(urls);
      burst = { urls, start, end: Date.now(), cpuSeconds: processes.cpuSeconds() - cpu };
    }

    const events = await readEvents(handle, [
      'item.discovered',
      'alert.raised',
      'alert.corroborated',
    ]);
    const discoveredAt = new Map<string, number>();
    const alertTimes: number[] = [];
    for (const event of events) {
      if (event.type === 'item.discovered' && event.data.url) {
        discoveredAt.set(event.data.url, Date.parse(event.recordedAt));
      } else if (event.type !== 'item.discovered') {
        alertTimes.push(Date.parse(event.recordedAt));
      }
    }

    const phase = (
      urls: readonly string[],
      start: number,
      end: number,
      cpuSeconds: number,
    ): PhaseResult => {
      const inPhase = new Set(urls);
      const seconds = (end - start) / 1_000;
      const webhooks = receipts.webhooks.filter(
        ([, , url, verified]) => verified && url !== null && inPhase.has(url),
      );
      const emails = receipts.emails.filter(([, named]) => inPhase.has(itemOfEmail(named) ?? ''));
      const since = (url: string | null | undefined, at: number, from: Map<string, number>) => {
        const origin = url ? from.get(url) : undefined;
        return origin === undefined ? [] : [at - origin];
      };
      const itemsIngested = urls.filter((url) => discoveredAt.has(url)).length;
      const alerts = alertTimes.filter((at) => at >= start && at <= end).length;
      return {
        seconds,
        itemsPublished: urls.length,
        watchlistItems: urls.filter((url) => items.get(url)?.kind === 'watchlist').length,
        itemsIngested,
        itemsPerSecond: itemsIngested / seconds,
        alerts,
        alertsPerSecond: alerts / seconds,
        deliveries: webhooks.length,
        deliveriesPerSecond: webhooks.length / seconds,
        emails: emails.length,
        emailsPerSecond: emails.length / seconds,
        itemToWebhookMs: percentiles(
          webhooks.flatMap(([, , url, , at]) => since(url, at, appearedAt)),
        ),
        discoveredToWebhookMs: percentiles(
          webhooks.flatMap(([, , url, , at]) => since(url, at, discoveredAt)),
        ),
        itemToDiscoveredMs: percentiles(
          urls.flatMap((url) => {
            const at = discoveredAt.get(url);
            return at === undefined ? [] : since(url, at, appearedAt);
          }),
        ),
        itemToEmailMs: percentiles(
          emails.flatMap(([, named, at]) => since(itemOfEmail(named), at, appearedAt)),
        ),
        cpuSeconds,
        cpuSecondsPer1000Deliveries:
          webhooks.length === 0 ? null : (cpuSeconds / webhooks.length) * 1_000,
      };
    };

    const watchlistUrls = [...items.values()]
      .filter((item) => item.kind === 'watchlist')
      .map((item) => item.url);
    const receiversOf = new Map<string, Set<number>>();
    const mailboxesOf = new Map<string, Set<string>>();
    const seenIds = new Set<string>();
    let extraWebhooks = 0;
    let repeatedWebhookIds = 0;
    let extraEmails = 0;
    for (const [receiver, id, url, verified] of receipts.webhooks) {
      if (!verified || url === null) continue;
      const got = receiversOf.get(url) ?? new Set();
      if (got.has(receiver)) extraWebhooks += 1;
      receiversOf.set(url, got.add(receiver));
      if (seenIds.has(`${receiver} ${id}`)) repeatedWebhookIds += 1;
      seenIds.add(`${receiver} ${id}`);
    }
    for (const [mailbox, named] of receipts.emails) {
      const url = itemOfEmail(named);
      if (url === undefined) continue;
      const got = mailboxesOf.get(url) ?? new Set();
      if (got.has(mailbox)) extraEmails += 1;
      mailboxesOf.set(url, got.add(mailbox));
    }
    const offWatchlist = receipts.webhooks.filter(
      ([, , url]) => url === null || items.get(url)?.kind !== 'watchlist',
    );
    const check: CorrectnessCheck = {
      watchlistItems: watchlistUrls.length,
      itemsMissingWebhooks: watchlistUrls.filter(
        (url) => (receiversOf.get(url)?.size ?? 0) < receivers.webhookUrls.length,
      ).length,
      itemsMissingEmails: watchlistUrls.filter(
        (url) => (mailboxesOf.get(url)?.size ?? 0) < options.mailboxes,
      ).length,
      unverifiedWebhooks: receipts.webhooks.filter(([, , , verified]) => !verified).length,
      offWatchlistDeliveries: offWatchlist.length,
      offWatchlistKinds: offWatchlist.reduce<Record<string, number>>(
        (kinds, [, , url, verified, , type]) => {
          const kind = `${type} ${url === null ? 'no item' : items.has(url) ? 'item of this run' : (url.split('/')[3] ?? url)} ${verified ? 'verified' : 'unverified'}`;
          kinds[kind] = (kinds[kind] ?? 0) + 1;
          return kinds;
        },
        {},
      ),
      extraWebhooks,
      repeatedWebhookIds,
      extraEmails,
      pingFailures,
      confirmationFailures: receipts.confirmationFailures,
    };

    return {
      layout: options.layout,
      webhooks: receivers.webhookUrls.length,
      mailboxes: options.mailboxes,
      steady: phase(steadyUrls, steadyStart, steadyEnd, steadyCpuSeconds),
      saturation: burst ? phase(burst.urls, burst.start, burst.end, burst.cpuSeconds) : null,
      peakRssBytes: processes.peakRssBytes(),
      check,
    };
  } finally {
    await processes?.stop();
    await database?.drop();
    await deleteQueueKeys(testInfrastructure().redisUrl, queuePrefix);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every webhook receiver and `mailboxes` addresses subscribed to the bench's topic through
 * `POST /v1/subscriptions`, corroborations included (each watchlist item is then one delivery
 * to each, whether it raises its story's alert or corroborates it); resolves once every
 * address has followed its confirmation link.
 */
async function subscribe(
  apiUrl: string,
  receivers: Receivers,
  mailboxes: number,
  receipts: Receipts,
): Promise<void> {
  const post = async (body: object) =>
    json<{ secret?: string }>(
      await fetch(`${apiUrl}/v1/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      'POST /v1/subscriptions',
    );
  const secrets: string[] = [];
  for (const url of receivers.webhookUrls) {
    const created = await post({
      channel: 'webhook',
      url,
      topics: [BENCH_TOPIC],
      corroborations: true,
    });
    if (!created.secret) throw new Error('a webhook subscription came back without its secret');
    secrets.push(created.secret);
  }
  await receivers.setSecrets(secrets);
  for (let index = 0; index < mailboxes; index++) {
    await post({
      channel: 'email',
      email: `reader-${index}@bench.example`,
      topics: [BENCH_TOPIC],
      frequency: 'instant',
      corroborations: true,
    });
  }
  const deadline = Date.now() + 60_000;
  while (receipts.confirmed < mailboxes) {
    if (Date.now() > deadline) {
      throw new Error(`only ${receipts.confirmed} of ${mailboxes} email subscriptions confirmed`);
    }
    await sleep(REPORT_EVERY_MS);
    await receipts.collect();
  }
}
