import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { loadConfig, type VigilConfig } from '@app/platform';

/** A unique QUEUE_PREFIX so test files sharing the machine's Redis never see each other's keys. */
export function uniqueQueuePrefix(): string {
  return `test-${randomBytes(5).toString('hex')}`;
}

/** A feeds file listing nothing, so a test never polls the real feeds of config/feeds.yaml. */
export const NO_FEEDS_FILE = fileURLToPath(new URL('../no-feeds.yaml', import.meta.url));
/** A small, stable watchlist, so tests do not depend on config/watchlist.yaml's tuning. */
export const TEST_WATCHLIST_FILE = fileURLToPath(new URL('../watchlist.yaml', import.meta.url));

/**
 * Every test file calls the api from 127.0.0.1, often hundreds of times, with wrong tokens on
 * purpose: the limits stay on (the same code runs) but far out of reach. The rate-limit tests
 * set their own.
 */
const TEST_RATE_LIMITS: VigilConfig['runtime']['rateLimits'] = {
  enabled: true,
  publicWrites: { limit: 1_000_000, windowMs: 60_000 },
  failedAuthentication: { limit: 1_000_000, windowMs: 60_000 },
};

/**
 * Configuration as a process would load it, from an explicit environment instead of the
 * test runner's: quiet logs, a Redis namespace of its own, no feeds and the test watchlist,
 * unless the test says otherwise, and rate limits out of reach.
 */
export function testConfig(env: Readonly<Record<string, string>> = {}): VigilConfig {
  const config = loadConfig({
    env: {
      LOG_LEVEL: 'silent',
      QUEUE_PREFIX: uniqueQueuePrefix(),
      FEEDS_FILE: NO_FEEDS_FILE,
      WATCHLIST_FILE: TEST_WATCHLIST_FILE,
      ...env,
    },
  });
  return { ...config, runtime: { ...config.runtime, rateLimits: TEST_RATE_LIMITS } };
}

/** `config` with some webhook delivery settings changed (retries in milliseconds, say). */
export function withWebhookSettings(
  config: VigilConfig,
  webhooks: Partial<VigilConfig['runtime']['webhooks']>,
): VigilConfig {
  return {
    ...config,
    runtime: { ...config.runtime, webhooks: { ...config.runtime.webhooks, ...webhooks } },
  };
}
