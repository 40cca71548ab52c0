import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeedServer, Receivers } from '../src/fixtures.js';
import { type LayoutResult, runLayout } from '../src/harness.js';

/**
 * The harness of `npm run bench:e2e` and `bench:soak`, briefly: the real all-in-one process,
 * feeds on loopback, webhook receivers verifying with `standardwebhooks` and a real SMTP server.
 * Every item on the watchlist must reach every subscriber, verified, and nothing else may; if
 * the harness counted wrong, the bench's figures would be wrong too.
 */
const WEBHOOKS = 3;
const MAILBOXES = 2;

describe('bench:e2e harness', () => {
  let feedServer: FeedServer;
  let receivers: Receivers;
  let result: LayoutResult;

  beforeAll(async () => {
    feedServer = await FeedServer.start(20);
    receivers = await Receivers.start(WEBHOOKS);
    result = await runLayout(
      { feedServer, receivers },
      {
        layout: 'all-in-one',
        feeds: 20,
        mailboxes: MAILBOXES,
        generatedRules: 50,
        rate: 4,
        watchlistShare: 0.5,
        steadySeconds: 3,
        burstItems: 2,
        stallMs: 30_000,
        log: () => undefined,
      },
    );
  }, 240_000);

  afterAll(async () => {
    await receivers?.stop();
    await feedServer?.stop();
  });

  it('delivers every watchlist item to every webhook, verified, and to every mailbox', () => {
    const { check, steady, saturation } = result;
    expect(check.watchlistItems).toBeGreaterThan(0);
    expect(check).toMatchObject({
      itemsMissingWebhooks: 0,
      itemsMissingEmails: 0,
      unverifiedWebhooks: 0,
      offWatchlistDeliveries: 0,
      extraWebhooks: 0,
      extraEmails: 0,
      pingFailures: 0,
      confirmationFailures: 0,
    });
    const watchlistItems = steady.watchlistItems + (saturation?.watchlistItems ?? 0);
    expect(watchlistItems).toBe(check.watchlistItems);
    expect(steady.deliveries + (saturation?.deliveries ?? 0)).toBe(watchlistItems * WEBHOOKS);
    expect(steady.emails + (saturation?.emails ?? 0)).toBe(watchlistItems * MAILBOXES);
  });

  it('ingests every published item and times each receipt from its publication', () => {
    const { steady } = result;
    expect(steady.itemsIngested).toBe(steady.itemsPublished);
    expect(steady.itemToWebhookMs.count).toBe(steady.deliveries);
    expect(steady.itemToEmailMs.count).toBe(steady.emails);
    expect(steady.itemToWebhookMs.p50).toBeGreaterThanOrEqual(0);
    expect(Object.values(result.peakRssBytes)[0]).toBeGreaterThan(0);
  });
});
