export type { EventConsumer } from './event-consumer.js';
export {
  ConsumerRunner,
  type ConsumerFailureListener,
  type ConsumerRunnerOptions,
} from './consumer-runner.js';
export { consumerLag, type ConsumerLag } from './consumer-lag.js';
export { AsEventConsumer } from './event-consumer.decorator.js';
