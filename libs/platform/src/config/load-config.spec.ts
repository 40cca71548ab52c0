import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'vigil-config-'));
});

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function load(env: Record<string, string | undefined> = {}, stdoutIsTTY = false) {
  return loadConfig({ env, cwd, stdoutIsTTY });
}

function loadError(env: Record<string, string | undefined> = {}): ConfigError {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

function writeSettings(text: string, name = 'vigil.yaml'): string {
  mkdirSync(join(cwd, 'config'), { recursive: true });
  writeFileSync(join(cwd, 'config', name), text);
  return `config/${name}`;
}

describe('loadConfig defaults', () => {
  it('applies the defaults of SPEC.md §1 when nothing is set', () => {
    expect(load()).toEqual({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      apiUrl: 'http://localhost:3000',
      redisUrl: 'redis://127.0.0.1:6379',
      redisUrlIsDefault: true,
      queuePrefix: 'vigil',
      dataDir: join(cwd, 'data'),
      feedsFile: join(cwd, 'config/feeds.yaml'),
      watchlistFile: join(cwd, 'config/watchlist.yaml'),
      allowPrivateNetworks: false,
      logLevel: 'info',
      logFormat: 'json',
      nodeEnv: 'development',
      configFile: join(cwd, 'config/vigil.yaml'),
      runtime: {
        shutdownTimeoutMs: 10_000,
        consumers: { pageSize: 500, idlePollMs: 1_000, retryDelayMs: 1_000, leaseMs: 15_000 },
        workers: { heartbeatIntervalMs: 5_000, jobLockMs: 30_000, stalledCheckMs: 30_000 },
        reconciler: { intervalMs: 60_000, matchWithinHours: 72 },
        email: {
          confirmationExpiresHours: 168,
          confirmationResendMinutes: 10,
          dailyDigestHour: 8,
          catchUpHours: 72,
          maxConnections: 5,
          connectTimeoutMs: 10_000,
          totalTimeoutMs: 60_000,
        },
        feeds: {
          minIntervalSeconds: 300,
          maxIntervalSeconds: 7_200,
          maxBackoffSeconds: 86_400,
          connectTimeoutMs: 10_000,
          totalTimeoutMs: 30_000,
          maxBodyBytes: 10_485_760,
          parseTimeoutMs: 10_000,
          concurrency: 10,
        },
        stories: {
          windowHours: 72,
          similarityThreshold: 0.1,
          syndicationThreshold: 0.5,
          entityWeight: 2.5,
          titleWeight: 1.5,
          priorReports: 20,
          leadWords: 40,
          backgroundWeight: 0.2,
          weakLikeness: 0.2,
          weakPlaceLikeness: 0.4,
          weakNewDevelopment: true,
          likenessHalfLifeHours: 36,
          topicalShare: 0.1,
          developmentGapHours: 20,
          quietHours: 36,
          sequelHours: 10,
          placeLinkHours: 6,
          placeLinkFactor: 2,
          busyDayHours: 24,
        },
        webhooks: {
          concurrency: 200,
          connectTimeoutMs: 5_000,
          totalTimeoutMs: 15_000,
          breakerFailures: 5,
          breakerCooldownMs: 30_000,
          suspendAfterHours: 120,
          suspendAfterDeadLetters: 10,
          retryDelaysSeconds: [5, 60, 300, 1_800, 7_200, 18_000, 36_000, 36_000],
        },
        operators: {
          feedFailuresBeforeAlert: 3,
          consumerLagEvents: 10_000,
          consumerLagForMs: 300_000,
          lagCheckIntervalMs: 30_000,
          alertMaxAgeHours: 72,
        },
        http: { trustedProxies: 0 },
        rateLimits: {
          enabled: true,
          publicWrites: { limit: 30, windowMs: 60_000 },
          failedAuthentication: { limit: 10, windowMs: 900_000 },
        },
      },
    });
  });

  it('leaves unset optional values out rather than undefined', () => {
    const config = load();
    for (const key of ['databaseUrl', 'adminToken', 'smtpUrl', 'mailFrom', 'operatorWebhook']) {
      expect(Object.keys(config)).not.toContain(key);
    }
  });

  it('takes the operator webhook as a URL and a whsec_ secret, together, never quoting the secret', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    expect(
      load({
        OPERATOR_WEBHOOK_URL: 'https://ops.example.org/vigil',
        OPERATOR_WEBHOOK_SECRET: secret,
      }).operatorWebhook,
    ).toEqual({ url: 'https://ops.example.org/vigil', secret });
    expect(loadError({ OPERATOR_WEBHOOK_URL: 'https://ops.example.org/vigil' }).message).toContain(
      'OPERATOR_WEBHOOK_SECRET: OPERATOR_WEBHOOK_URL and OPERATOR_WEBHOOK_SECRET go together',
    );
    const refused = loadError({
      OPERATOR_WEBHOOK_URL: 'ftp://ops.example.org',
      OPERATOR_WEBHOOK_SECRET: 'hunter2-not-a-secret',
    }).message;
    expect(refused).toContain('OPERATOR_WEBHOOK_URL: must be an http:// or https:// URL');
    expect(refused).toContain('OPERATOR_WEBHOOK_SECRET: must be a Standard Webhooks secret');
    expect(refused).not.toContain('hunter2');
  });

  it('counts empty strings as unset', () => {
    const config = load({
      PORT: '',
      REDIS_URL: '',
      DATABASE_URL: '',
      ADMIN_TOKEN: '',
      LOG_LEVEL: '',
    });
    expect(config.port).toBe(3000);
    expect(config.redisUrlIsDefault).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.adminToken).toBeUndefined();
    expect(config.logLevel).toBe('info');
  });

  it('takes defaults for what the environment leaves unset or empty, and nothing else', () => {
    const defaults = { LOG_LEVEL: 'warn', PORT: '4000' } as const;
    const config = loadConfig({ env: { PORT: '8080', LOG_LEVEL: '' }, cwd, defaults });
    expect(config.logLevel).toBe('warn');
    expect(config.port).toBe(8080);
  });

  it('lets overrides replace the environment, an empty override unsetting a variable', () => {
    const config = loadConfig({
      env: { DATABASE_URL: 'postgres://db/vigil', DATA_DIR: 'data', QUEUE_PREFIX: 'prod' },
      cwd,
      defaults: { QUEUE_PREFIX: 'fallback' },
      overrides: { DATABASE_URL: '', DATA_DIR: '/tmp/elsewhere', QUEUE_PREFIX: 'demo' },
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('/tmp/elsewhere');
    expect(config.queuePrefix).toBe('demo');
  });

  it('derives PUBLIC_URL from PORT', () => {
    expect(load({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('picks pretty logs on a terminal outside production, JSON otherwise', () => {
    expect(load({}, true).logFormat).toBe('pretty');
    expect(load({ NODE_ENV: 'production' }, true).logFormat).toBe('json');
    expect(load({}, false).logFormat).toBe('json');
    expect(load({ LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
  });

  it('is deeply frozen', () => {
    const config = load();
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.runtime)).toBe(true);
    expect(Object.isFrozen(config.runtime.consumers)).toBe(true);
  });
});

describe('loadConfig with every variable set', () => {
  it('reads and normalises them', () => {
    const config = load({
      PORT: '4000',
      PUBLIC_URL: 'https://vigil.example.org/alerts/',
      REDIS_URL: 'rediss://:pw@redis.internal:6380/2',
      QUEUE_PREFIX: 'vigil-staging',
      DATABASE_URL: 'postgresql://vigil:pw@db.internal:5432/vigil',
      DATA_DIR: '/var/lib/vigil',
      ADMIN_TOKEN: 'a-very-long-admin-token',
      FEEDS_FILE: 'etc/feeds.yaml',
      WATCHLIST_FILE: '/etc/vigil/watchlist.yaml',
      ALLOW_PRIVATE_NETWORKS: 'true',
      SMTP_URL: 'smtps://mailer:pw@smtp.example.org:465',
      MAIL_FROM: 'Vigil <alerts@example.org>',
      LOG_LEVEL: 'DEBUG',
      LOG_FORMAT: 'json',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      port: 4000,
      publicUrl: 'https://vigil.example.org/alerts',
      redisUrl: 'rediss://:pw@redis.internal:6380/2',
      redisUrlIsDefault: false,
      queuePrefix: 'vigil-staging',
      databaseUrl: 'postgresql://vigil:pw@db.internal:5432/vigil',
      dataDir: '/var/lib/vigil',
      adminToken: 'a-very-long-admin-token',
      feedsFile: join(cwd, 'etc/feeds.yaml'),
      watchlistFile: '/etc/vigil/watchlist.yaml',
      allowPrivateNetworks: true,
      smtpUrl: 'smtps://mailer:pw@smtp.example.org:465',
      mailFrom: 'Vigil <alerts@example.org>',
      logLevel: 'debug',
      logFormat: 'json',
      nodeEnv: 'production',
    });
  });

  it('ignores variables it does not know', () => {
    expect(() => load({ SOMETHING_ELSE: 'x', PATH: '/usr/bin' })).not.toThrow();
  });
});

describe('loadConfig rejects invalid environment values', () => {
  it.each([
    ['PORT', 'abc', 'PORT: must be an integer between 1 and 65535 (got "abc")'],
    ['PORT', '0', 'PORT: must be an integer between 1 and 65535 (got "0")'],
    ['PORT', '70000', 'PORT: must be an integer between 1 and 65535 (got "70000")'],
    ['PORT', '80.5', 'PORT: must be an integer between 1 and 65535 (got "80.5")'],
    [
      'PUBLIC_URL',
      'vigil.example.org',
      'PUBLIC_URL: must be an http:// or https:// URL (got "vigil.example.org")',
    ],
    [
      'PUBLIC_URL',
      'ftp://example.org',
      'PUBLIC_URL: must be an http:// or https:// URL (got "ftp://example.org")',
    ],
    [
      'REDIS_URL',
      'localhost:6379',
      'REDIS_URL: must be a redis:// or rediss:// URL (got "localhost:6379")',
    ],
    [
      'QUEUE_PREFIX',
      'vigil:prod',
      'QUEUE_PREFIX: must be 1 to 32 letters, digits, "-" or "_" (got "vigil:prod")',
    ],
    [
      'DATABASE_URL',
      'mysql://db/vigil',
      'DATABASE_URL: must be a postgres:// or postgresql:// URL (got "mysql://db/vigil")',
    ],
    ['ADMIN_TOKEN', 'short', 'ADMIN_TOKEN: must be at least 16 characters long'],
    [
      'ADMIN_TOKEN',
      'long enough but has spaces',
      'ADMIN_TOKEN: must not contain spaces or line breaks',
    ],
    ['ALLOW_PRIVATE_NETWORKS', 'yes', 'ALLOW_PRIVATE_NETWORKS: must be true or false (got "yes")'],
    ['ALLOW_PRIVATE_NETWORKS', '1', 'ALLOW_PRIVATE_NETWORKS: must be true or false (got "1")'],
    [
      'SMTP_URL',
      'mail.example.org:25',
      'SMTP_URL: must be an smtp:// or smtps:// URL (got "mail.example.org:25")',
    ],
    [
      'MAIL_FROM',
      'not an address',
      'MAIL_FROM: must be an email address, optionally with a name as in "Vigil <alerts@example.org>" (got "not an address")',
    ],
    [
      'LOG_LEVEL',
      'verbose',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    ],
    ['LOG_FORMAT', 'xml', 'LOG_FORMAT: must be one of json, pretty (got "xml")'],
  ])('%s=%s', (name, value, line) => {
    const error = loadError({
      [name]: value,
      ...(name === 'SMTP_URL' ? { MAIL_FROM: 'a@b.org' } : {}),
    });
    expect(error.message.split('\n')).toContain(line);
    expect(error.issues).toEqual([
      { source: name, field: name, message: line.slice(name.length + 2) },
    ]);
  });

  it('cuts a long rejected value short, keeping one line per problem', () => {
    const error = loadError({ LOG_FORMAT: `x${'\n'}${'y'.repeat(500)}` });
    const [, line] = error.message.split('\n');
    expect(error.message.split('\n')).toHaveLength(2);
    expect(line).toMatch(/^LOG_FORMAT: must be one of json, pretty \(got "x\\nyyy+…\)$/);
    expect(line?.length).toBeLessThan(140);
  });

  it('requires MAIL_FROM when SMTP_URL is set', () => {
    const error = loadError({ SMTP_URL: 'smtp://127.0.0.1:1025' });
    expect(error.message).toContain(
      'MAIL_FROM: must be set when SMTP_URL is set (emails need a sender address)',
    );
  });

  it('lists every problem at once, one per line', () => {
    const error = loadError({ PORT: 'abc', LOG_LEVEL: 'loud', ALLOW_PRIVATE_NETWORKS: 'maybe' });
    expect(error.name).toBe('ConfigError');
    expect(error.issues.map((issue) => issue.source).sort()).toEqual([
      'ALLOW_PRIVATE_NETWORKS',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(error.message.split('\n')).toEqual([
      'Invalid configuration:',
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^ALLOW_PRIVATE_NETWORKS: /),
      expect.stringMatching(/^LOG_LEVEL: /),
    ]);
  });
});

describe('loadConfig never echoes secrets', () => {
  it.each([
    ['ADMIN_TOKEN', 'hunter2secret', 'hunter2secret'],
    ['ADMIN_TOKEN', 'a very secret token with spaces', 'very secret'],
    ['DATABASE_URL', 'mysql://vigil:S3cretPw@db/vigil', 'S3cretPw'],
    ['DATABASE_URL', 'postgres//vigil:S3cretPw@db/vigil', 'S3cretPw'],
    ['DATABASE_URL', 'db.internal/vigil?password=S3cretPw', 'S3cretPw'],
    ['SMTP_URL', 'http://mailer:S3cretPw@smtp.example.org', 'S3cretPw'],
    ['REDIS_URL', 'http://:S3cretPw@redis.internal', 'S3cretPw'],
    ['REDIS_URL', 'user:S3cretPw@redis.internal', 'S3cretPw'],
  ])('%s=%s', (name, value, secret) => {
    const error = loadError({ [name]: value, MAIL_FROM: 'a@b.org' });
    expect(error.issues.map((issue) => issue.source)).toContain(name);
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error.issues)).not.toContain(secret);
  });

  it('names the wrong scheme of a URL with credentials', () => {
    const error = loadError({ DATABASE_URL: 'mysql://vigil:S3cretPw@db/vigil' });
    expect(error.message).toContain(
      'DATABASE_URL: must be a postgres:// or postgresql:// URL (got a mysql: URL)',
    );
  });
});

describe('loadConfig reads config/vigil.yaml', () => {
  it('takes settings from the file and defaults for the rest', () => {
    writeSettings(
      'consumers:\n  pageSize: 200\nshutdown:\n  timeoutMs: 2500\nreconciler:\n  intervalMs: 5000\n',
    );
    expect(load().runtime).toEqual({
      shutdownTimeoutMs: 2_500,
      consumers: { pageSize: 200, idlePollMs: 1_000, retryDelayMs: 1_000, leaseMs: 15_000 },
      workers: { heartbeatIntervalMs: 5_000, jobLockMs: 30_000, stalledCheckMs: 30_000 },
      reconciler: { intervalMs: 5_000, matchWithinHours: 72 },
      feeds: expect.objectContaining({ minIntervalSeconds: 300, concurrency: 10 }),
      stories: expect.objectContaining({ windowHours: 72, similarityThreshold: 0.1 }),
      webhooks: expect.objectContaining({ concurrency: 200 }),
      email: expect.objectContaining({ dailyDigestHour: 8 }),
      operators: expect.objectContaining({ feedFailuresBeforeAlert: 3 }),
      http: { trustedProxies: 0 },
      rateLimits: expect.objectContaining({ enabled: true }),
    });
  });

  it('takes the rate limits and the proxies to trust, or turns the limits off', () => {
    writeSettings(
      'http:\n  trustedProxies: 2\nrateLimits:\n  publicWrites:\n    limit: 5\n    windowMs: 1000\n',
    );
    expect(load().runtime).toMatchObject({
      http: { trustedProxies: 2 },
      rateLimits: {
        enabled: true,
        publicWrites: { limit: 5, windowMs: 1_000 },
        failedAuthentication: { limit: 10, windowMs: 900_000 },
      },
    });
    writeSettings('rateLimits:\n  enabled: false\n');
    expect(load().runtime.rateLimits.enabled).toBe(false);
  });

  it('refuses a limit of nothing, a proxy count that is not one, and a switch that is not a boolean', () => {
    writeSettings(
      'http:\n  trustedProxies: -1\nrateLimits:\n  enabled: "no"\n  failedAuthentication:\n    limit: 0\n',
    );
    const lines = loadError().message.split('\n');
    expect(lines).toContain('config/vigil.yaml: http.trustedProxies: must be at least 0 (got -1)');
    expect(lines).toContain(
      'config/vigil.yaml: rateLimits.failedAuthentication.limit: must be at least 1 (got 0)',
    );
    expect(lines.some((line) => line.startsWith('config/vigil.yaml: rateLimits.enabled: '))).toBe(
      true,
    );
  });

  it('treats an empty file and a section with every key commented out as defaults', () => {
    writeSettings('# nothing yet\nworkers:\n  # heartbeatIntervalMs: 100\n');
    expect(load().runtime.workers.heartbeatIntervalMs).toBe(5_000);
    writeSettings('');
    expect(load().runtime.consumers.pageSize).toBe(500);
  });

  it('reads the file named by VIGIL_CONFIG_FILE', () => {
    const source = writeSettings('workers:\n  heartbeatIntervalMs: 750\n', 'other.yaml');
    const config = load({ VIGIL_CONFIG_FILE: source });
    expect(config.configFile).toBe(join(cwd, source));
    expect(config.runtime.workers.heartbeatIntervalMs).toBe(750);
  });

  it('refuses feed polling bounds that contradict each other', () => {
    writeSettings('feeds:\n  minIntervalSeconds: 3600\n  maxIntervalSeconds: 600\n');
    expect(loadError().message).toContain(
      'config/vigil.yaml: feeds.minIntervalSeconds: minIntervalSeconds must not exceed maxIntervalSeconds',
    );
  });

  it('names the file, the dotted field and the reason for a bad value', () => {
    writeSettings(
      'consumers:\n  pageSize: 50000\n  idlePollMs: 1.5\nshutdown:\n  timeoutMs: "soon"\n',
    );
    const lines = loadError().message.split('\n');
    expect(lines).toContain(
      'config/vigil.yaml: consumers.pageSize: must be at most 10000 (got 50000)',
    );
    expect(lines).toContain(
      'config/vigil.yaml: consumers.idlePollMs: must be a whole number (got 1.5)',
    );
    expect(lines).toContain('config/vigil.yaml: shutdown.timeoutMs: must be a number (got "soon")');
  });

  it('rejects zero and negative durations', () => {
    writeSettings('workers:\n  heartbeatIntervalMs: 0\nconsumers:\n  retryDelayMs: -5\n');
    const error = loadError();
    expect(error.issues).toEqual(
      expect.arrayContaining([
        {
          source: 'config/vigil.yaml',
          field: 'workers.heartbeatIntervalMs',
          message: 'must be at least 1 (got 0)',
        },
        {
          source: 'config/vigil.yaml',
          field: 'consumers.retryDelayMs',
          message: 'must be at least 1 (got -5)',
        },
      ]),
    );
  });

  it('rejects unknown keys, at the top level and inside a section', () => {
    writeSettings('consumer:\n  pageSize: 10\nconsumers:\n  pagesize: 10\n');
    const lines = loadError().message.split('\n');
    expect(lines).toContain(
      'config/vigil.yaml: consumer: is not a known setting (known settings here: shutdown, consumers, reconciler, workers, feeds, stories, webhooks, email, operators, http, rateLimits)',
    );
    expect(lines).toContain(
      'config/vigil.yaml: consumers.pagesize: is not a known setting (known settings here: pageSize, idlePollMs, retryDelayMs, leaseMs)',
    );
  });

  it('rejects a section that is not a mapping, and a file that is not one', () => {
    writeSettings('consumers: 5\n');
    expect(loadError().message).toContain(
      'config/vigil.yaml: consumers: must be a mapping of settings (got 5)',
    );
    writeSettings('- a\n- b\n');
    expect(loadError().message).toContain(
      'config/vigil.yaml: must be a mapping of settings (got ["a","b"])',
    );
  });

  it('rejects a file that is not YAML, naming the file and the position', () => {
    writeSettings('consumers:\n  pageSize: [1, 2\nworkers: {\n');
    const error = loadError();
    // The parser finds more errors after the first; they follow from it and are left out.
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ source: 'config/vigil.yaml', field: '' });
    expect(error.issues[0]?.message).toMatch(/^is not valid YAML: .*line \d+, column \d+/);
  });

  it('rejects duplicate keys', () => {
    writeSettings('consumers:\n  pageSize: 1\n  pageSize: 2\n');
    expect(loadError().message).toMatch(/config\/vigil\.yaml: is not valid YAML: .*unique/i);
  });

  it('rejects a file that cannot be read', () => {
    mkdirSync(join(cwd, 'config/vigil.yaml'), { recursive: true });
    expect(loadError().message).toContain('config/vigil.yaml: is a directory, not a file');
  });

  it('fails when the file named by VIGIL_CONFIG_FILE does not exist', () => {
    expect(loadError({ VIGIL_CONFIG_FILE: 'config/missing.yaml' }).message).toContain(
      'config/missing.yaml: does not exist',
    );
  });

  it('reports environment and file problems together', () => {
    writeSettings('consumers:\n  pageSize: 0\n');
    const error = loadError({ PORT: '-1' });
    expect(error.issues.map((issue) => issue.source)).toEqual(['PORT', 'config/vigil.yaml']);
  });

  it('ships a config/vigil.yaml that holds exactly the defaults', () => {
    expect(existsSync(join(REPO_ROOT, 'config/vigil.yaml'))).toBe(true);
    const config = loadConfig({ env: {}, cwd: REPO_ROOT, stdoutIsTTY: false });
    expect(config.configFile).toBe(join(REPO_ROOT, 'config/vigil.yaml'));
    expect(config.runtime).toEqual(load().runtime);
  });
});
