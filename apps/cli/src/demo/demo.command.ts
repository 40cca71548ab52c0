import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { deleteQueueKeys } from '@app/jobs';
import { loadConfig, shutdownOnSignals, type VigilConfig } from '@app/platform';
import { AdminApiClient, errorMessageOf } from '../admin-api.client.js';
import type { AllInOneVigil } from '../all-in-one.js';
import { describeAlertDelivery, readAlertDelivery } from './alert-delivery.js';
import { type Outlet, OutletFeedsServer } from './outlet-feeds.server.js';
import { type DemoOptions, REPO_ROOT } from './demo-options.js';
import { readSeedReports, type SeedReport } from './seed-reports.js';
import { VerifyingWebhookReceiver } from './verifying-webhook.receiver.js';

/** "A few seconds apart": long enough to read one delivery before the next report comes out. */
const PAUSE_BETWEEN_REPORTS_MS = 3_000;
/** Poll, match, group, fan out and deliver take about a second; a loaded machine takes more. */
const DELIVERY_TIMEOUT_MS = 60_000;

/**
 * `vigil demo`: Vigil on an embedded store of its own, a few local news outlets publishing the
 * seed reports one by one, and a local subscriber that verifies and prints each webhook, so a
 * newcomer sees an alert raised and corroborated, with the reasons, end to end. Everything goes
 * through the real paths: the outlets are RSS feeds registered with the admin API, the
 * subscriber subscribes through the public API, and deliveries are signed Standard Webhooks.
 */
export async function runDemo(options: DemoOptions): Promise<void> {
  const clock = new DemoClock();
  const reports = await readSeedReports(options.seedsDir);
  const closers: (() => Promise<void>)[] = [];
  /** Last opened, first closed; each once, whichever path gets here first. */
  const closeAll = async () => {
    for (let close = closers.pop(); close !== undefined; close = closers.pop()) await close();
  };
  try {
    const dataDir = await mkdtemp(join(tmpdir(), 'vigil-demo-'));
    closers.push(() => rm(dataDir, { recursive: true, force: true }));
    const { config, adminTokenIsOwn } = await demoConfig(dataDir);
    const outlets = await OutletFeedsServer.start(reports.length);
    closers.push(() => outlets.stop());
    const receiver = await VerifyingWebhookReceiver.start();
    closers.push(() => receiver.stop());

    clock.say(
      `Vigil demo: ${reports.length} news outlets will publish the reports of ${options.seedsDir}, ` +
        `one every few seconds; a local subscriber receives the alerts.`,
    );
    clock.say(`Starting Vigil on an embedded store in ${dataDir} (deleted at the end)...`);
    const vigil = await bootVigil(config);
    closers.push(...vigilClosers(vigil, config));
    const shutdown = new DemoShutdown(vigil, async () => {
      await closeAll();
      clock.say('Vigil stopped; the demo data is deleted.');
    });
    shutdownOnSignals(shutdown, vigil.logger);
    const apiUrl = `http://127.0.0.1:${config.port}`;
    clock.say(`Vigil is running: api on ${apiUrl}${vigil.redisServer ? redisNote(config) : ''}.`);

    try {
      const admin = new AdminApiClient(apiUrl, config.adminToken);
      await subscribe(apiUrl, receiver, clock);
      await registerOutlets(admin, outlets.outlets, clock);
      const [done, whatHappened] = await publishAndWatch(admin, outlets, reports, receiver, clock);
      clock.say(done);
      clock.write(whatHappened);
    } catch (error) {
      // A failure caused by Ctrl-C closing Vigil mid-way is no failure: the shutdown reports.
      if (shutdown.started) return;
      await shutdown.close();
      throw error;
    }

    if (options.once) {
      await shutdown.close();
      return;
    }
    clock.say(
      `Vigil keeps running: ${apiUrl}/v1/alerts lists the alert, ${apiUrl}/docs is the API` +
        (adminTokenIsOwn
          ? `, and ${apiUrl}/admin the dashboard (sign in with your ADMIN_TOKEN).`
          : `; set ADMIN_TOKEN before the demo to open the dashboard at ${apiUrl}/admin.`),
    );
    clock.say('Press Ctrl-C to stop.');
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * The operator's environment, but on a store, a Redis namespace and a feed list of the demo's
 * own, the repository's watchlist (the seeds match it), quiet logs unless LOG_LEVEL says
 * otherwise, and private addresses allowed: the outlets and the subscriber are on loopback, and
 * the api listens on loopback only.
 */
async function demoConfig(
  dataDir: string,
): Promise<{ config: VigilConfig; adminTokenIsOwn: boolean }> {
  const feedsFile = join(dataDir, 'feeds.yaml');
  await writeFile(feedsFile, 'feeds: []\n');
  const generatedToken = randomBytes(24).toString('base64url');
  const config = loadConfig({
    defaults: { LOG_LEVEL: 'warn', ADMIN_TOKEN: generatedToken },
    overrides: {
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      QUEUE_PREFIX: `vigil-demo-${randomBytes(5).toString('hex')}`,
      FEEDS_FILE: feedsFile,
      WATCHLIST_FILE: join(REPO_ROOT, 'config/watchlist.yaml'),
      ALLOW_PRIVATE_NETWORKS: 'true',
    },
  });
  return { config, adminTokenIsOwn: config.adminToken !== generatedToken };
}

async function bootVigil(config: VigilConfig): Promise<AllInOneVigil> {
  // Loaded only now: the api and the worker take seconds to load, and a demo without its seed
  // reports says so before that.
  const { startAllInOne } = await import('../all-in-one.js');
  try {
    return await startAllInOne(config, '127.0.0.1');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${config.port} is in use (another Vigil?): set PORT to a free port`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** What to undo after Vigil closed, in reverse order: its Redis keys, then its redis-server. */
function vigilClosers(vigil: AllInOneVigil, config: VigilConfig): (() => Promise<void>)[] {
  const { redisServer } = vigil;
  if (redisServer) return [() => redisServer.stop()];
  return [
    async () => {
      await deleteQueueKeys(config.redisUrl, config.queuePrefix);
    },
  ];
}

function redisNote(config: VigilConfig): string {
  return `, with a redis-server of its own (nothing answered at ${config.redisUrl})`;
}

/** The subscriber subscribes to every topic, corroborations included, as any client would. */
async function subscribe(
  apiUrl: string,
  receiver: VerifyingWebhookReceiver,
  clock: DemoClock,
): Promise<void> {
  const { topics } = await publicApi<{ topics: { id: string }[] }>(apiUrl, 'GET', '/v1/topics');
  const subscription = await publicApi<{ id: string; secret: string }>(
    apiUrl,
    'POST',
    '/v1/subscriptions',
    {
      channel: 'webhook',
      url: receiver.url,
      topics: topics.map((topic) => topic.id),
      minScore: 0,
      corroborations: true,
    },
  );
  receiver.trust(subscription.secret);
  clock.say(
    `Subscribed the webhook receiver ${receiver.url} to the ${topics.length} topics of ` +
      `config/watchlist.yaml, corroborations included (subscription ${subscription.id}).`,
  );
}

async function registerOutlets(
  admin: AdminApiClient,
  outlets: readonly Outlet[],
  clock: DemoClock,
): Promise<void> {
  for (const outlet of outlets) {
    await admin.request('POST', '/admin/feeds', {
      id: outlet.id,
      url: outlet.feedUrl,
      title: outlet.title,
      allowPrivateNetwork: true,
    });
  }
  clock.say(
    `Registered ${outlets.length} feeds through the admin API: ` +
      outlets.map((outlet) => outlet.feedUrl).join(', '),
  );
}

/**
 * Each outlet publishes its report, Vigil is asked to poll that feed now (as an operator's
 * "Poll now" does; the feed would otherwise wait for its next scheduled poll, minutes away), and
 * the subscriber waits for the webhook it brings before the next outlet publishes. Resolves with
 * the account of what happened, in two lines; throws when a report brings no verified alert.
 */
async function publishAndWatch(
  admin: AdminApiClient,
  outlets: OutletFeedsServer,
  reports: readonly SeedReport[],
  receiver: VerifyingWebhookReceiver,
  clock: DemoClock,
): Promise<[string, string]> {
  const outletTitles = new Map(outlets.outlets.map((outlet) => [outlet.id, outlet.title]));
  const types: string[] = [];
  for (const [index, report] of reports.entries()) {
    const outlet = outlets.outlets[index]!;
    if (index > 0) await sleep(PAUSE_BETWEEN_REPORTS_MS, undefined, { ref: false });
    outlets.publish(outlet, report, new Date());
    await admin.request('POST', `/admin/feeds/${outlet.id}/poll`);
    clock.say(
      `${outlet.title} publishes ${report.file}: ` +
        (report.title === undefined
          ? '(no headline: Vigil titles it from its text)'
          : report.title),
    );
    const received = await receiver.next(DELIVERY_TIMEOUT_MS);
    if (received === undefined) {
      throw new Error(
        `no webhook arrived within ${DELIVERY_TIMEOUT_MS / 1000} s of ${report.file}: does it match ` +
          `config/watchlist.yaml (vigil watchlist test)? LOG_LEVEL=info shows what Vigil did`,
      );
    }
    if (!received.verified) {
      throw new Error(`a webhook did not verify (${received.webhookId}): ${received.reason}`);
    }
    const delivery = readAlertDelivery(received.body);
    if (delivery === undefined) {
      throw new Error(`webhook ${received.webhookId} is not an alert notification`);
    }
    types.push(delivery.type);
    clock.say(`webhook ${delivery.type}, signature verified (webhook-id ${received.webhookId})`);
    for (const line of describeAlertDelivery(delivery, outletTitles)) clock.write(line);
  }
  const raised = types.filter((type) => type === 'alert.raised').length;
  return [
    `Done in ${clock.elapsed()}: ${count(reports.length, 'report')} from ` +
      `${count(reports.length, 'outlet')}, ${count(raised, 'alert')} raised and ` +
      `${count(types.length - raised, 'corroboration')}, ${count(types.length, 'webhook')} ` +
      `signed by Vigil and verified by the receiver.`,
    "What happened: Vigil polled each outlet's feed, discovered its report, matched it against " +
      'the watchlist (the "why" lines), and raised a new alert or, recognising a story already ' +
      'alerted on, corroborated it; every step is an event in its log (GET /admin/events).',
  ];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

async function publicApi<TBody>(
  apiUrl: string,
  method: 'GET' | 'POST',
  path: string,
  body?: object,
): Promise<TBody> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    throw new Error(
      `${method} ${path}: ${errorMessageOf({ status: response.status, body: answer })}`,
    );
  }
  return answer as TBody;
}

/** Progress lines on stdout, each stamped with the time since the demo started. */
class DemoClock {
  private readonly startedAt = performance.now();

  say(line: string): void {
    this.write(`[${this.elapsed().padStart(6)}] ${line}`);
  }

  write(line: string): void {
    process.stdout.write(`${line}\n`);
  }

  elapsed(): string {
    return `${((performance.now() - this.startedAt) / 1000).toFixed(1)} s`;
  }
}

/**
 * Closes Vigil, then what the demo opened around it, once, whether Ctrl-C or the end of a
 * `--once` run or a failure asks first.
 */
class DemoShutdown {
  private closing: Promise<void> | undefined;

  constructor(
    private readonly vigil: AllInOneVigil,
    private readonly closeAround: () => Promise<void>,
  ) {}

  get started(): boolean {
    return this.closing !== undefined;
  }

  close(): Promise<void> {
    this.closing ??= this.vigil.app.close().then(this.closeAround);
    return this.closing;
  }
}
