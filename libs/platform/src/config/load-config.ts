import { resolve } from 'node:path';
import { type z } from 'zod';
import { ConfigError } from './config-error.js';
import { type ConfigIssue } from './config-issue.js';
import { ENV_NAMES, ENV_VALUE_DISPLAY, type EnvName, envSchema } from './env.schema.js';
import { quoteValue } from './quote-value.js';
import { readRuntimeSettings } from './read-runtime-settings.js';
import { redactUrlCredentials } from './redact-url-credentials.js';
import { type VigilConfig } from './vigil-config.js';

export interface LoadConfigOptions {
  /** Defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Relative paths are resolved against it; defaults to `process.cwd()`. */
  readonly cwd?: string;
  /** Picks the default LOG_FORMAT; defaults to whether stdout is a terminal. */
  readonly stdoutIsTTY?: boolean;
  /** Values for the variables `env` leaves unset (`vigil demo` logs only warnings by default). */
  readonly defaults?: EnvValues;
  /**
   * Values that replace `env`'s, an empty string unsetting the variable: a command that runs
   * Vigil its own way (`vigil demo`, on a store of its own) overrides what the operator set.
   */
  readonly overrides?: EnvValues;
}

/** Environment variables by name, as strings. */
export type EnvValues = Readonly<Partial<Record<EnvName, string>>>;

const DEFAULTS = {
  port: 3000,
  redisUrl: 'redis://127.0.0.1:6379',
  queuePrefix: 'vigil',
  dataDir: './data',
  feedsFile: 'config/feeds.yaml',
  watchlistFile: 'config/watchlist.yaml',
  configFile: 'config/vigil.yaml',
  logLevel: 'info',
  nodeEnv: 'development',
} as const;

/**
 * Reads and validates the whole configuration once, at boot. Every problem in the environment
 * and in the runtime settings file is reported together in one {@link ConfigError}, so an
 * operator fixes them in one pass instead of one restart per mistake.
 */
export function loadConfig(options: LoadConfigOptions = {}): VigilConfig {
  const env = {
    ...readEnv(options.defaults ?? {}),
    ...readEnv(options.env ?? process.env),
    ...options.overrides,
  };
  for (const name of ENV_NAMES) if (env[name] === '') delete env[name];
  const cwd = options.cwd ?? process.cwd();
  const issues: ConfigIssue[] = [];

  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    issues.push(...parsed.error.issues.map((issue) => toEnvIssue(issue, env)));
  }
  if (env.SMTP_URL !== undefined && env.MAIL_FROM === undefined) {
    issues.push({
      source: 'MAIL_FROM',
      field: 'MAIL_FROM',
      message: 'must be set when SMTP_URL is set (emails need a sender address)',
    });
  }

  if ((env.OPERATOR_WEBHOOK_URL === undefined) !== (env.OPERATOR_WEBHOOK_SECRET === undefined)) {
    const missing =
      env.OPERATOR_WEBHOOK_URL === undefined ? 'OPERATOR_WEBHOOK_URL' : 'OPERATOR_WEBHOOK_SECRET';
    issues.push({
      source: missing,
      field: missing,
      message:
        'OPERATOR_WEBHOOK_URL and OPERATOR_WEBHOOK_SECRET go together (operator alerts are always signed)',
    });
  }

  const configSource = env.VIGIL_CONFIG_FILE ?? DEFAULTS.configFile;
  const configFile = resolve(cwd, configSource);
  const runtime = readRuntimeSettings({
    path: configFile,
    source: configSource,
    required: env.VIGIL_CONFIG_FILE !== undefined,
  });
  if (!runtime.ok) {
    issues.push(...runtime.issues);
  }

  if (!parsed.success || !runtime.ok || issues.length > 0) {
    throw new ConfigError(issues);
  }

  const values = parsed.data;
  const port = values.PORT ?? DEFAULTS.port;
  const nodeEnv = values.NODE_ENV ?? DEFAULTS.nodeEnv;
  const prettyByDefault =
    (options.stdoutIsTTY ?? process.stdout.isTTY === true) && nodeEnv !== 'production';

  return deepFreeze({
    port,
    publicUrl: (values.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    apiUrl: (values.VIGIL_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    redisUrl: values.REDIS_URL ?? DEFAULTS.redisUrl,
    redisUrlIsDefault: values.REDIS_URL === undefined,
    queuePrefix: values.QUEUE_PREFIX ?? DEFAULTS.queuePrefix,
    ...(values.DATABASE_URL === undefined ? {} : { databaseUrl: values.DATABASE_URL }),
    dataDir: resolve(cwd, values.DATA_DIR ?? DEFAULTS.dataDir),
    ...(values.ADMIN_TOKEN === undefined ? {} : { adminToken: values.ADMIN_TOKEN }),
    feedsFile: resolve(cwd, values.FEEDS_FILE ?? DEFAULTS.feedsFile),
    watchlistFile: resolve(cwd, values.WATCHLIST_FILE ?? DEFAULTS.watchlistFile),
    allowPrivateNetworks: values.ALLOW_PRIVATE_NETWORKS ?? false,
    ...(values.SMTP_URL === undefined ? {} : { smtpUrl: values.SMTP_URL }),
    ...(values.MAIL_FROM === undefined ? {} : { mailFrom: values.MAIL_FROM }),
    ...(values.OPERATOR_WEBHOOK_URL === undefined || values.OPERATOR_WEBHOOK_SECRET === undefined
      ? {}
      : {
          operatorWebhook: {
            url: values.OPERATOR_WEBHOOK_URL,
            secret: values.OPERATOR_WEBHOOK_SECRET,
          },
        }),
    logLevel: values.LOG_LEVEL ?? DEFAULTS.logLevel,
    logFormat: values.LOG_FORMAT ?? (prettyByDefault ? 'pretty' : 'json'),
    nodeEnv,
    configFile,
    runtime: runtime.settings,
  });
}

type RawEnv = Partial<Record<EnvName, string>>;

/** Only the variables Vigil knows, with empty strings counted as unset (`PORT=` in a .env). */
function readEnv(source: Readonly<Record<string, string | undefined>>): RawEnv {
  const env: RawEnv = {};
  for (const name of ENV_NAMES) {
    const value = source[name];
    if (value !== undefined && value !== '') {
      env[name] = value;
    }
  }
  return env;
}

function toEnvIssue(issue: z.core.$ZodIssue, env: RawEnv): ConfigIssue {
  const name = String(issue.path[0]) as EnvName;
  const value = env[name];
  const got = value === undefined ? undefined : quoteEnvValue(name, value);
  return {
    source: name,
    field: name,
    message: got === undefined ? issue.message : `${issue.message} (got ${got})`,
  };
}

/**
 * Secrets are never quoted back. A URL is quoted only when it has no `@`, that is no user info
 * that could hold a password; otherwise only its scheme, the usual mistake, is named.
 */
function quoteEnvValue(name: EnvName, value: string): string | undefined {
  switch (ENV_VALUE_DISPLAY[name]) {
    case 'plain':
      return quoteValue(value);
    case 'hidden':
      return undefined;
    case 'url': {
      if (!value.includes('@')) {
        return quoteValue(redactUrlCredentials(value));
      }
      const url = URL.parse(value);
      return url === null ? undefined : `a ${url.protocol} URL`;
    }
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') {
      deepFreeze(child as object);
    }
  }
  return Object.freeze(value);
}
