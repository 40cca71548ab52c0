import { readYamlFile, type YamlFile } from './read-yaml-file.js';
import { type ConfigIssue } from './config-issue.js';
import { runtimeSettingsSchema } from './runtime-settings.schema.js';
import { type RuntimeSettings } from './vigil-config.js';

export type RuntimeSettingsResult =
  | { readonly ok: true; readonly settings: RuntimeSettings }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

export function readRuntimeSettings(file: YamlFile): RuntimeSettingsResult {
  const result = readYamlFile(file, runtimeSettingsSchema);
  if (!result.ok) return result;
  const data = result.value;
  return {
    ok: true,
    settings: {
      shutdownTimeoutMs: data.shutdown.timeoutMs,
      consumers: { ...data.consumers },
      workers: { ...data.workers },
      reconciler: { ...data.reconciler },
      feeds: { ...data.feeds },
      stories: { ...data.stories },
      webhooks: { ...data.webhooks },
      email: { ...data.email },
      operators: { ...data.operators },
      http: { ...data.http },
      rateLimits: {
        enabled: data.rateLimits.enabled,
        publicWrites: { ...data.rateLimits.publicWrites },
        failedAuthentication: { ...data.rateLimits.failedAuthentication },
      },
    },
  };
}
