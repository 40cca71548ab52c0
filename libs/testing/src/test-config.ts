import { fileURLToPath } from 'node:url';
import { loadConfig, testInfrastructure, type VigilConfig } from '@app/platform';
import { uniqueQueuePrefix } from './test-run.js';

/** A feeds file listing nothing, so a test never polls the real feeds of config/feeds.yaml. */
export const NO_FEEDS_FILE = fileURLToPath(new URL('../no-feeds.yaml', import.meta.url));
/** A small, stable watchlist, so tests do not depend on config/watchlist.yaml's tuning. */
export const TEST_WATCHLIST_FILE = fileURLToPath(new URL('../watchlist.yaml', import.meta.url));
/** An env file with nothing in it: see {@link childProcessEnv}. */
export const NO_ENV_FILE = fileURLToPath(new URL('../no-env-file.env', import.meta.url));

/**
 * The environment of a Vigil process a test spawns: what the test gives, on the tests' Redis
 * (TEST_REDIS_URL), and never a developer's `.env` from the working directory (ENV_FILE names
 * an empty file instead), so what the test sets is all there is.
 */
export function childProcessEnv(
  env: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return { ENV_FILE: NO_ENV_FILE, REDIS_URL: testInfrastructure().redisUrl, ...env };
}

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
 * test runner's: quiet logs, the tests' Redis (TEST_REDIS_URL) with a namespace of its own in
 * it, no feeds and the test watchlist, unless the test says otherwise, and rate limits out of
 * reach.
 */
export function testConfig(env: Readonly<Record<string, string>> = {}): VigilConfig {
  const config = loadConfig({
    env: {
      LOG_LEVEL: 'silent',
      REDIS_URL: testInfrastructure().redisUrl,
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
