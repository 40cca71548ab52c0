import { z } from 'zod';

/**
 * Durations feed setTimeout, which fires at once past 2^31-1 ms; a day is already far beyond any
 * sensible setting, so larger values are treated as mistakes.
 */
const MAX_DURATION_MS = 86_400_000;

const durationMs = (fallback: number) => z.int().min(1).max(MAX_DURATION_MS).default(fallback);

/** At most `limit` requests per client address in each window; the one after waits for the window's end. */
const rateLimit = (limit: number, windowMs: number) =>
  z
    .strictObject({
      limit: z.int().min(1).max(1_000_000).default(limit),
      windowMs: durationMs(windowMs),
    })
    .prefault({});

/** A section left with every key commented out parses as null: treat it as absent. */
const section = <Section extends z.ZodType>(schema: Section) =>
  z.preprocess((value) => (value === null ? undefined : value), schema);

/** `config/vigil.yaml`: strict, so a misspelt key is an error rather than a silent default. */
export const runtimeSettingsSchema = z.strictObject({
  shutdown: section(
    z
      .strictObject({
        timeoutMs: durationMs(10_000),
      })
      .prefault({}),
  ),
  consumers: section(
    z
      .strictObject({
        pageSize: z.int().min(1).max(10_000).default(500),
        idlePollMs: durationMs(1_000),
        retryDelayMs: durationMs(1_000),
        leaseMs: z.int().min(100).max(MAX_DURATION_MS).default(15_000),
      })
      .prefault({}),
  ),
  reconciler: section(
    z
      .strictObject({
        intervalMs: durationMs(60_000),
        matchWithinHours: z
          .number()
          .min(1)
          .max(24 * 30)
          .default(72),
      })
      .prefault({}),
  ),
  workers: section(
    z
      .strictObject({
        heartbeatIntervalMs: durationMs(5_000),
        jobLockMs: durationMs(30_000),
        stalledCheckMs: durationMs(30_000),
      })
      .prefault({}),
  ),
  feeds: section(
    z
      .strictObject({
        minIntervalSeconds: z.int().min(60).max(86_400).default(300),
        maxIntervalSeconds: z.int().min(60).max(86_400).default(7_200),
        maxBackoffSeconds: z.int().min(60).max(604_800).default(86_400),
        connectTimeoutMs: durationMs(10_000),
        totalTimeoutMs: durationMs(30_000),
        maxBodyBytes: z.int().min(1_024).max(1_073_741_824).default(10_485_760),
        parseTimeoutMs: durationMs(10_000),
        concurrency: z.int().min(1).max(200).default(10),
      })
      .refine((feeds) => feeds.minIntervalSeconds <= feeds.maxIntervalSeconds, {
        message: 'minIntervalSeconds must not exceed maxIntervalSeconds',
        path: ['minIntervalSeconds'],
      })
      .prefault({}),
  ),
  stories: section(
    z
      .strictObject({
        windowHours: z
          .number()
          .min(1)
          .max(24 * 30)
          .default(72),
        similarityThreshold: z.number().gt(0).max(1).default(0.1),
        syndicationThreshold: z.number().gt(0).max(1).default(0.5),
        entityWeight: z.number().min(1).max(10).default(2.5),
        titleWeight: z.number().min(1).max(10).default(1.5),
        priorReports: z.int().min(1).max(100_000).default(20),
        leadWords: z.int().min(1).max(1_000).default(40),
        backgroundWeight: z.number().min(0).max(1).default(0.2),
        weakLikeness: z.number().min(0).max(1).default(0.2),
        weakPlaceLikeness: z.number().min(0).max(1).default(0.4),
        weakNewDevelopment: z.boolean().default(true),
        likenessHalfLifeHours: z
          .number()
          .min(1)
          .max(24 * 30)
          .default(36),
        topicalShare: z.number().gt(0).max(1).default(0.1),
        developmentGapHours: z
          .number()
          .min(1)
          .max(24 * 30)
          .default(20),
        quietHours: z
          .number()
          .min(1)
          .max(24 * 30)
          .default(36),
        sequelHours: z.number().min(1).max(72).default(10),
        placeLinkHours: z.number().min(0).max(72).default(6),
        placeLinkFactor: z.number().min(1).max(10).default(2),
        busyDayHours: z.number().min(0).max(72).default(24),
      })
      .prefault({}),
  ),
  webhooks: section(
    z
      .strictObject({
        concurrency: z.int().min(1).max(1_000).default(200),
        connectTimeoutMs: durationMs(5_000),
        totalTimeoutMs: durationMs(15_000),
        breakerFailures: z.int().min(1).max(1_000).default(5),
        breakerCooldownMs: durationMs(30_000),
        suspendAfterHours: z
          .number()
          .min(1)
          .max(24 * 90)
          .default(120),
        suspendAfterDeadLetters: z.int().min(1).max(10_000).default(10),
        retryDelaysSeconds: z
          .array(z.number().min(0.01).max(86_400))
          .min(1)
          .max(50)
          .default([5, 60, 300, 1_800, 7_200, 18_000, 36_000, 36_000]),
      })
      .prefault({}),
  ),
  email: section(
    z
      .strictObject({
        // An address that never confirms is forgotten (its subscription deleted, its key
        // destroyed) after this long.
        confirmationExpiresHours: z
          .number()
          .min(1)
          .max(24 * 90)
          .default(24 * 7),
        // At most one confirmation email per subscription in this long, however often the
        // address is subscribed again: the form cannot be used to flood a mailbox.
        confirmationResendMinutes: z.int().min(1).max(1_440).default(10),
        // The hour (0-23, in the subscription's time zone) a daily digest goes out, unless the
        // subscription names its own.
        dailyDigestHour: z.int().min(0).max(23).default(8),
        // Digest periods missed while Vigil was down are sent late, up to this far back.
        catchUpHours: z
          .number()
          .min(1)
          .max(24 * 30)
          .default(72),
        // Pooled SMTP connections per worker process.
        maxConnections: z.int().min(1).max(100).default(5),
        connectTimeoutMs: durationMs(10_000),
        totalTimeoutMs: durationMs(60_000),
      })
      .prefault({}),
  ),
  operators: section(
    z
      .strictObject({
        feedFailuresBeforeAlert: z.int().min(1).max(1_000).default(3),
        consumerLagEvents: z.int().min(1).max(100_000_000).default(10_000),
        consumerLagForMs: durationMs(300_000),
        lagCheckIntervalMs: durationMs(30_000),
        alertMaxAgeHours: z
          .number()
          .min(1)
          .max(24 * 30)
          .default(72),
      })
      .prefault({}),
  ),
  http: section(
    z
      .strictObject({
        // Proxies between the clients and the api whose X-Forwarded-For is believed; 0 believes
        // none, so the client is the connection's own address (docs/rate-limits.md).
        trustedProxies: z.int().min(0).max(10).default(0),
      })
      .prefault({}),
  ),
  rateLimits: section(
    z
      .strictObject({
        enabled: z.boolean().default(true),
        publicWrites: section(rateLimit(30, 60_000)),
        failedAuthentication: section(rateLimit(10, 900_000)),
      })
      .prefault({}),
  ),
});
