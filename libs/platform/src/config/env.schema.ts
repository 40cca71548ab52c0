import { z } from 'zod';
import { LOG_FORMATS, LOG_LEVELS } from './vigil-config.js';

/** Every environment variable Vigil reads (SPEC.md §1); `.env.example` documents each one. */
export const ENV_NAMES = [
  'PORT',
  'PUBLIC_URL',
  'REDIS_URL',
  'QUEUE_PREFIX',
  'DATABASE_URL',
  'DATA_DIR',
  'ADMIN_TOKEN',
  'FEEDS_FILE',
  'WATCHLIST_FILE',
  'ALLOW_PRIVATE_NETWORKS',
  'SMTP_URL',
  'MAIL_FROM',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'NODE_ENV',
  'VIGIL_CONFIG_FILE',
  'OPERATOR_WEBHOOK_URL',
  'OPERATOR_WEBHOOK_SECRET',
  'VIGIL_URL',
] as const;

export type EnvName = (typeof ENV_NAMES)[number];

/**
 * How a rejected value may be quoted back in an error: as is, as a URL with its password
 * masked, or not at all.
 */
export const ENV_VALUE_DISPLAY: Record<EnvName, 'plain' | 'url' | 'hidden'> = {
  PORT: 'plain',
  PUBLIC_URL: 'url',
  REDIS_URL: 'url',
  QUEUE_PREFIX: 'plain',
  DATABASE_URL: 'url',
  DATA_DIR: 'plain',
  ADMIN_TOKEN: 'hidden',
  FEEDS_FILE: 'plain',
  WATCHLIST_FILE: 'plain',
  ALLOW_PRIVATE_NETWORKS: 'plain',
  SMTP_URL: 'url',
  MAIL_FROM: 'plain',
  LOG_LEVEL: 'plain',
  LOG_FORMAT: 'plain',
  NODE_ENV: 'plain',
  VIGIL_CONFIG_FILE: 'plain',
  OPERATOR_WEBHOOK_URL: 'url',
  OPERATOR_WEBHOOK_SECRET: 'hidden',
  VIGIL_URL: 'url',
};

export const MIN_ADMIN_TOKEN_LENGTH = 16;

const PORT_ERROR = 'must be an integer between 1 and 65535';

function urlWith(protocols: readonly string[], error: string) {
  return z.string().refine((value) => {
    const url = URL.parse(value);
    return url !== null && protocols.includes(url.protocol);
  }, error);
}

const BARE_ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;
const NAMED_ADDRESS = /^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/;

/**
 * Values arrive as strings, already with empty strings removed; every field is optional here
 * because defaults that depend on other fields (PUBLIC_URL on PORT, LOG_FORMAT on the terminal)
 * are applied by loadConfig.
 */
export const envSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, PORT_ERROR)
    .transform(Number)
    .refine((port) => port >= 1 && port <= 65535, PORT_ERROR)
    .optional(),
  PUBLIC_URL: urlWith(['http:', 'https:'], 'must be an http:// or https:// URL').optional(),
  REDIS_URL: urlWith(['redis:', 'rediss:'], 'must be a redis:// or rediss:// URL').optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1 to 32 letters, digits, "-" or "_"')
    .optional(),
  DATABASE_URL: urlWith(
    ['postgres:', 'postgresql:'],
    'must be a postgres:// or postgresql:// URL',
  ).optional(),
  DATA_DIR: z.string().optional(),
  ADMIN_TOKEN: z
    .string()
    .min(MIN_ADMIN_TOKEN_LENGTH, `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters long`)
    .regex(/^\S*$/, 'must not contain spaces or line breaks')
    .optional(),
  FEEDS_FILE: z.string().optional(),
  WATCHLIST_FILE: z.string().optional(),
  ALLOW_PRIVATE_NETWORKS: z
    .enum(['true', 'false'], 'must be true or false')
    .transform((value) => value === 'true')
    .optional(),
  SMTP_URL: urlWith(['smtp:', 'smtps:'], 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z
    .string()
    .refine(
      (value) => BARE_ADDRESS.test(value) || NAMED_ADDRESS.test(value),
      'must be an email address, optionally with a name as in "Vigil <alerts@example.org>"',
    )
    .optional(),
  LOG_LEVEL: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`))
    .optional(),
  LOG_FORMAT: z.enum(LOG_FORMATS, `must be one of ${LOG_FORMATS.join(', ')}`).optional(),
  NODE_ENV: z.string().optional(),
  VIGIL_CONFIG_FILE: z.string().optional(),
  OPERATOR_WEBHOOK_URL: urlWith(
    ['http:', 'https:'],
    'must be an http:// or https:// URL',
  ).optional(),
  OPERATOR_WEBHOOK_SECRET: z
    .string()
    .regex(
      /^whsec_[A-Za-z0-9+/]{16,}={0,2}$/,
      'must be a Standard Webhooks secret: whsec_ followed by base64 of at least 12 bytes',
    )
    .optional(),
  VIGIL_URL: urlWith(['http:', 'https:'], 'must be an http:// or https:// URL').optional(),
});

export type ParsedEnv = z.output<typeof envSchema>;
