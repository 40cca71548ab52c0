export { signedHeaders, type SignedHeaders } from './webhook-signer.js';
export {
  WebhookClient,
  type DeliveryError,
  type DeliveryOutcome,
  type WebhookClientOptions,
  type WebhookDelivery,
} from './webhook-client.js';
export {
  EndpointCircuitBreaker,
  type BreakerVerdict,
  type EndpointCircuitBreakerOptions,
} from './endpoint-circuit-breaker.js';
