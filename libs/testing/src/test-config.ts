import { randomBytes } from 'node:crypto';
import { loadConfig, type VigilConfig } from '@app/platform';

/** A unique QUEUE_PREFIX so test files sharing the machine's Redis never see each other's keys. */
export function uniqueQueuePrefix(): string {
  return `test-${randomBytes(5).toString('hex')}`;
}

/**
 * Configuration as a process would load it, from an explicit environment instead of the
 * test runner's: quiet logs and a Redis namespace of its own unless the test says otherwise.
 */
export function testConfig(env: Readonly<Record<string, string>> = {}): VigilConfig {
  return loadConfig({
    env: { LOG_LEVEL: 'silent', QUEUE_PREFIX: uniqueQueuePrefix(), ...env },
  });
}
