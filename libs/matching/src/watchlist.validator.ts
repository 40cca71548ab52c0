import { z } from 'zod';
import type { Matcher } from './matcher.js';
import { compileWatchlist } from './watchlist.compiler.js';

const slug = z
  .string({ error: 'must be a string' })
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1 to 64 lower-case letters, digits or "-"');

/** config/watchlist.yaml, and the body of PUT /admin/watchlist. */
export const watchlistSchema = z.strictObject({
  aliases: z
    .record(
      z
        .string()
        .regex(/^[a-z0-9_-]{1,64}$/, 'alias names are lower-case letters, digits, "_" or "-"'),
      z
        .array(z.string({ error: 'must be a string' }).min(1, 'must not be empty'))
        .min(1, 'must list at least one text'),
    )
    .default({}),
  topics: z
    .array(
      z.strictObject({
        id: slug,
        title: z.string({ error: 'must be a string' }).min(1, 'must not be empty'),
        rules: z
          .array(
            z.strictObject({
              id: slug,
              query: z.string({ error: 'must be a string' }).min(1, 'must not be empty'),
              weight: z
                .number({ error: 'must be a number' })
                .positive('must be positive')
                .default(1),
            }),
          )
          .min(1, 'a topic needs at least one rule'),
      }),
    )
    .min(1, 'a watchlist needs at least one topic'),
});

export type WatchlistDocument = z.output<typeof watchlistSchema>;

export interface WatchlistIssue {
  /** Dotted path, e.g. `topics.2.rules.0.query`. */
  readonly field: string;
  readonly message: string;
}

export type WatchlistValidation =
  | { readonly ok: true; readonly definition: WatchlistDocument; readonly matcher: Matcher }
  | { readonly ok: false; readonly issues: readonly WatchlistIssue[] };

/**
 * Checks a watchlist's shape and compiles every query; each problem names its field (for a
 * query: the character position and what was expected), so a file or an API body can be fixed
 * in one pass.
 */
export function validateWatchlist(data: unknown): WatchlistValidation {
  const parsed = watchlistSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => ({
              field: [...issue.path, key].join('.'),
              message: 'is not a known field',
            }))
          : [{ field: issue.path.join('.') || '(watchlist)', message: issue.message }],
      ),
    };
  }
  const definition = parsed.data;
  const compiled = compileWatchlist(definition);
  if (compiled.ok) return { ok: true, definition, matcher: compiled.matcher };
  return {
    ok: false,
    issues: compiled.errors.map((error) => {
      const topicIndex = definition.topics.findIndex((topic) => topic.id === error.topic);
      const ruleIndex =
        definition.topics[topicIndex]?.rules.findIndex((rule) => rule.id === error.rule) ?? -1;
      const field =
        ruleIndex >= 0 ? `topics.${topicIndex}.rules.${ruleIndex}.query` : `topics.${topicIndex}`;
      return {
        field,
        message: ruleIndex >= 0 ? `at position ${error.position}: ${error.message}` : error.message,
      };
    }),
  };
}
