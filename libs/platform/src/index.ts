export { ConfigError } from './config/config-error.js';
export type { ConfigIssue } from './config/config-issue.js';
export { type EnvValues, loadConfig, type LoadConfigOptions } from './config/load-config.js';
export { redactUrlCredentials } from './config/redact-url-credentials.js';
export {
  beginTestRun,
  testInfrastructure,
  type TestInfrastructure,
} from './config/test-infrastructure.js';
export type { LogFormat, LogLevel, RuntimeSettings, VigilConfig } from './config/vigil-config.js';
export { VIGIL_CONFIG } from './config/vigil-config.token.js';
export { createLogger } from './logging/create-logger.js';
export { REDACTED_PATHS } from './logging/redacted-paths.js';
export { PlatformModule } from './platform.module.js';
export { runMain } from './process/run-main.js';
export { shutdownOnSignals } from './process/shutdown-on-signals.js';
export { loadFeedsFile } from './config/load-feeds-file.js';
export type { FeedsFileEntry } from './config/feeds-file.schema.js';
export type {
  FeedRuntimeSettings,
  StoryRuntimeSettings,
  WebhookRuntimeSettings,
} from './config/vigil-config.js';
export { readRuntimeSettings } from './config/read-runtime-settings.js';
export { readYamlFile, type YamlFile, type YamlFileResult } from './config/read-yaml-file.js';
export { TimeoutError, withTimeout } from './process/with-timeout.js';
export { NEST_BOOT_OPTIONS } from './process/nest-boot-options.js';
export { loadEnvFile, type LoadEnvFileOptions } from './config/load-env-file.js';
