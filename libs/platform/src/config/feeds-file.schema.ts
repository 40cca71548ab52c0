import { z } from 'zod';

const httpUrl = z.string().refine((value) => {
  const url = URL.parse(value);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
}, 'must be an http:// or https:// URL');

/** One line of config/feeds.yaml. */
const feedEntry = z.strictObject({
  /** Stable id; derived from the URL when absent. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1 to 64 lower-case letters, digits or "-"')
    .optional(),
  url: httpUrl,
  title: z.string().trim().min(1).max(200).optional(),
  /** A fixed interval; absent, polling adapts to the feed's publishing rate. */
  intervalSeconds: z.int().min(60).max(86_400).optional(),
  enabled: z.boolean().default(true),
  allowPrivateNetwork: z.boolean().default(false),
});

/** config/feeds.yaml: strict, and no URL or id twice. */
export const feedsFileSchema = z
  .strictObject({ feeds: z.preprocess((value) => value ?? [], z.array(feedEntry)) })
  .superRefine((file, context) => {
    const seen = new Map<string, number>();
    file.feeds.forEach((feed, index) => {
      for (const [key, value] of [
        ['url', feed.url],
        ['id', feed.id],
      ] as const) {
        if (value === undefined) continue;
        const first = seen.get(`${key}:${value}`);
        if (first === undefined) seen.set(`${key}:${value}`, index);
        else
          context.addIssue({
            code: 'custom',
            path: ['feeds', index, key],
            message: `repeats feeds.${first}.${key}`,
          });
      }
    });
  });

export type FeedsFileEntry = z.output<typeof feedEntry>;
