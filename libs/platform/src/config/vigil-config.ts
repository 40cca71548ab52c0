export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Tuning read from `config/vigil.yaml`; durations are milliseconds. */
export interface RuntimeSettings {
  readonly shutdownTimeoutMs: number;
  readonly consumers: {
    readonly pageSize: number;
    readonly idlePollMs: number;
    readonly retryDelayMs: number;
    /**
     * How long a consumer's lease outlives its holder's last heartbeat (renewed every third
     * of it): another worker takes a dead or stalled holder's consumers over after this.
     */
    readonly leaseMs: number;
  };
  readonly workers: {
    readonly heartbeatIntervalMs: number;
    /** How long a job's lock lasts unless its worker renews it (every half of it). */
    readonly jobLockMs: number;
    /** How often a worker looks for jobs whose lock expired, and hands them on. */
    readonly stalledCheckMs: number;
  };
  /** How often each worker re-queues the owed work Redis has lost. */
  readonly reconciler: {
    readonly intervalMs: number;
    /** Items discovered this recently and never matched are matched again; older ones are not. */
    readonly matchWithinHours: number;
  };
  readonly feeds: FeedRuntimeSettings;
  readonly stories: StoryRuntimeSettings;
  readonly webhooks: WebhookRuntimeSettings;
  readonly email: EmailRuntimeSettings;
  readonly operators: OperatorRuntimeSettings;
  readonly http: HttpRuntimeSettings;
  readonly rateLimits: RateLimitRuntimeSettings;
}

/** How the api reads the requests that reach it. */
export interface HttpRuntimeSettings {
  /**
   * Proxies in front of the api whose `X-Forwarded-For` is believed (Express `trust proxy`).
   * 0: none, the client is the address of the connection.
   */
  readonly trustedProxies: number;
}

/** At most `limit` requests per client address in each window of `windowMs`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** SPEC §9: limits per client address, shared by every api process through Redis. */
export interface RateLimitRuntimeSettings {
  /** false: nothing is limited (a deployment that limits at its proxy, say). */
  readonly enabled: boolean;
  /** POST, PATCH and DELETE under /v1. */
  readonly publicWrites: RateLimit;
  /** Requests refused 401: a wrong or missing admin or subscription token, a failed sign-in. */
  readonly failedAuthentication: RateLimit;
}

/** When operator alerts (SPEC §9) open an incident. */
export interface OperatorRuntimeSettings {
  /** A feed that failed this many polls in a row is reported failing. */
  readonly feedFailuresBeforeAlert: number;
  /** A consumer further than this many events behind the head of the log is lagging... */
  readonly consumerLagEvents: number;
  /** ...once it has been so for this long. */
  readonly consumerLagForMs: number;
  /** How often each worker measures the consumers' lag. */
  readonly lagCheckIntervalMs: number;
  /** Alerts recorded longer ago than this are not sent any more (a webhook configured late). */
  readonly alertMaxAgeHours: number;
}

/** The email channel: double opt-in, digests, and the SMTP pool (issue 13). */
export interface EmailRuntimeSettings {
  /** An unconfirmed subscription is forgotten this long after it was made. */
  readonly confirmationExpiresHours: number;
  /** At most one confirmation email per subscription in this long. */
  readonly confirmationResendMinutes: number;
  /** The default hour (0-23, local) of a daily digest. */
  readonly dailyDigestHour: number;
  /** Digest periods missed while Vigil was down are sent late, up to this far back. */
  readonly catchUpHours: number;
  /** Pooled SMTP connections per worker process. */
  readonly maxConnections: number;
  readonly connectTimeoutMs: number;
  readonly totalTimeoutMs: number;
}

/** Webhook delivery: timeouts, isolation of failing endpoints, suspension. */
export interface WebhookRuntimeSettings {
  /** Deliveries in flight at once per worker process. */
  readonly concurrency: number;
  readonly connectTimeoutMs: number;
  readonly totalTimeoutMs: number;
  /** Consecutive failures of one endpoint that open its circuit breaker. */
  readonly breakerFailures: number;
  /** First pause of an open breaker; doubles on each re-open up to ten times this. */
  readonly breakerCooldownMs: number;
  /** A subscription whose endpoint has failed this long without a success is suspended. */
  readonly suspendAfterHours: number;
  /** ...or after this many dead-lettered notifications in a row. */
  readonly suspendAfterDeadLetters: number;
  /** The pause after each failed attempt (jittered ±20%); dead-lettered after the last. */
  readonly retryDelaysSeconds: readonly number[];
}

/** How matched items are grouped into stories (libs/stories; reasoning in docs/stories.md). */
export interface StoryRuntimeSettings {
  readonly windowHours: number;
  readonly similarityThreshold: number;
  readonly syndicationThreshold: number;
  readonly entityWeight: number;
  readonly titleWeight: number;
  readonly priorReports: number;
  /** The summary's first sentences up to at least this many words are its lead. */
  readonly leadWords: number;
  /** Weight of a word after the lead (the background), against 1 for the lead. */
  readonly backgroundWeight: number;
  /**
   * A corroboration alike by words and names below this is sent to subscribers without
   * corroborations too: it may be a different story the grouper merged.
   */
  readonly weakLikeness: number;
  /**
   * The same, for a report that shares no person's or organisation's name with the story, only
   * places and single names (the host city of a summit links all its stories): a weaker link.
   */
  readonly weakPlaceLikeness: number;
  /** A report whose headline tells a development the story's do not is weak too. */
  readonly weakNewDevelopment: boolean;
  /** A report's likeness to a story halves for every this many hours between them. */
  readonly likenessHalfLifeHours: number;
  /** A matched watchlist name held by this share of reports is topic vocabulary, not a name. */
  readonly topicalShare: number;
  /** A report this many hours after a story began joins only if its headline tells their development. */
  readonly developmentGapHours: number;
  /** A report this many hours after a story was last told, telling any development, is news of its own. */
  readonly quietHours: number;
  /** A sequel (relatives pressed; a release or removal after an arrest) this many hours after a story began is news of its own. */
  readonly sequelHours: number;
  /** A report linked by places only, or by no telling name, joins as a retelling within this many hours. */
  readonly placeLinkHours: number;
  /** Any other link by places only needs this many times the likeness threshold. */
  readonly placeLinkFactor: number;
  /** Names other stories within this many hours are about count for no link by places only. */
  readonly busyDayHours: number;
}

/** Polling bounds and the limits of every feed fetch. */
export interface FeedRuntimeSettings {
  /** Bounds of the adaptive polling interval. */
  readonly minIntervalSeconds: number;
  readonly maxIntervalSeconds: number;
  /** Ceiling of the exponential back-off of a failing feed. */
  readonly maxBackoffSeconds: number;
  readonly connectTimeoutMs: number;
  readonly totalTimeoutMs: number;
  /** Cap on a feed body, on the wire and after decompression. */
  readonly maxBodyBytes: number;
  readonly parseTimeoutMs: number;
  /** Feeds polled at once by one worker process. */
  readonly concurrency: number;
}

/**
 * Everything a process needs to know about its surroundings, validated once at boot and frozen.
 * Paths are absolute. Optional fields are absent (not undefined) when unset.
 */
export interface VigilConfig {
  readonly port: number;
  /** Without a trailing slash, so links are built as `${publicUrl}/v1/...`. */
  readonly publicUrl: string;
  /** Where the CLI finds the api (VIGIL_URL), without a trailing slash. */
  readonly apiUrl: string;
  readonly redisUrl: string;
  /** True when REDIS_URL was not set, so start-up can say which Redis it assumed. */
  readonly redisUrlIsDefault: boolean;
  /** Namespace of every Redis key Vigil writes, so deployments (and test files) can share a Redis. */
  readonly queuePrefix: string;
  /** Absent: the embedded event store under `dataDir` is used. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  /** Absent: the admin API is closed. */
  readonly adminToken?: string;
  readonly feedsFile: string;
  readonly watchlistFile: string;
  readonly allowPrivateNetworks: boolean;
  /** Absent: the email channel is off. */
  readonly smtpUrl?: string;
  readonly mailFrom?: string;
  /** Absent: operator alerts are recorded in the log but sent nowhere. */
  readonly operatorWebhook?: { readonly url: string; readonly secret: string };
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  readonly nodeEnv: string;
  readonly configFile: string;
  readonly runtime: RuntimeSettings;
}
