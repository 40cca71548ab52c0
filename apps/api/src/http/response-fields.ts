import { z } from 'zod';

/** A time as Vigil answers it: ISO 8601, as `Date.toISOString()` writes it or as recorded. */
export const isoTime = z.iso.datetime({ offset: true });

/** A count: a whole number, 0 or more. */
export const count = z.int().min(0);

/** A matched word or phrase, with its offsets into the field it was found in. */
export const matchedTerm = z.strictObject({
  text: z.string(),
  field: z.enum(['title', 'summary', 'categories']),
  start: count,
  end: count,
  category: count.optional().meta({ description: 'for a category, which one (from 0)' }),
});

/** A rule that matched: its topic, its weight, and the terms that made it hold. */
export const ruleMatch = z.strictObject({
  topic: z.string(),
  rule: z.string(),
  weight: z.number(),
  terms: z.array(matchedTerm),
});
