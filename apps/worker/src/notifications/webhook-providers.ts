import type { Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { EndpointCircuitBreaker, WebhookClient } from '@app/webhooks';

/** One keep-alive client per worker process, with the configured timeouts and guard. */
export const webhookClientProvider: Provider = {
  provide: WebhookClient,
  inject: [VIGIL_CONFIG],
  useFactory: (config: VigilConfig) =>
    new WebhookClient({
      connectTimeoutMs: config.runtime.webhooks.connectTimeoutMs,
      totalTimeoutMs: config.runtime.webhooks.totalTimeoutMs,
      allowPrivateNetworks: config.allowPrivateNetworks,
      userAgent: `Vigil/0.1 (+${config.publicUrl}; webhooks)`,
    }),
};

/** Breaker state in Redis, shared by every worker process of this deployment. */
export const circuitBreakerProvider: Provider = {
  provide: EndpointCircuitBreaker,
  inject: [REDIS, VIGIL_CONFIG],
  useFactory: (redis: Redis, config: VigilConfig) =>
    new EndpointCircuitBreaker(redis, config.queuePrefix, {
      failureThreshold: config.runtime.webhooks.breakerFailures,
      coolDownMs: config.runtime.webhooks.breakerCooldownMs,
      maxCoolDownMs: config.runtime.webhooks.breakerCooldownMs * 10,
    }),
};
