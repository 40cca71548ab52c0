export { consumersCaughtUp } from './consumers-caught-up.js';
export { expectEventually } from './expect-eventually.js';
export { freePort } from './free-port.js';
export { createPostgresTestDatabase, type PostgresTestDatabase } from './postgres-test-database.js';
export {
  childProcessEnv,
  NO_ENV_FILE,
  NO_FEEDS_FILE,
  TEST_WATCHLIST_FILE,
  testConfig,
  withWebhookSettings,
} from './test-config.js';
export {
  deleteTestRunData,
  type TestRunLeftovers,
  uniqueDatabaseName,
  uniqueQueuePrefix,
} from './test-run.js';
export { alertRaisedEntry } from './alert-raised.js';
export { adminClient, type AdminResponse, apiClient } from './admin-client.js';
export { discoverItem, type DiscoveredItemFields, discoverNewStory } from './discover-item.js';
export { seedWebhookSubscription } from './seed-webhook-subscription.js';
export {
  type ReceivedWebhook,
  type ReceiverBehaviour,
  WebhookReceiver,
} from './webhook-receiver.js';
export { deciderSpec, recordedOn } from './decider-spec.js';
export { loseRedisData } from './lose-redis-data.js';
export { type MailboxBehaviour, type ReceivedEmail, SmtpReceiver } from './smtp-receiver.js';
export {
  type ProcessExit,
  runProcess,
  type StartedProcess,
  startProcess,
  stopProcesses,
} from './started-process.js';
