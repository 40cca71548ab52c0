import { z } from 'zod';

/** The parts of a SPEC §7 alert notification the demo shows; anything else is ignored. */
const alertDeliverySchema = z.object({
  type: z.enum(['alert.raised', 'alert.corroborated']),
  data: z.object({
    alert: z.object({
      title: z.string(),
      topics: z.array(z.string()),
      sources: z.array(z.object({ feedId: z.string() })),
    }),
    item: z.object({ feedId: z.string(), title: z.string() }),
    matches: z.array(
      z.object({
        topic: z.string(),
        rule: z.string(),
        terms: z.array(z.object({ text: z.string() })),
      }),
    ),
  }),
});

export type AlertDelivery = z.infer<typeof alertDeliverySchema>;

/** Terms shown per topic; the rest are counted. */
const TERMS_SHOWN = 6;

/** The body as an alert notification, or undefined when it is not one. */
export function readAlertDelivery(body: unknown): AlertDelivery | undefined {
  const parsed = alertDeliverySchema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

/**
 * A delivery as the person watching the demo reads it: the alert, the report that came in, the
 * topics, the sources, and why it matched (per topic, the rules and the distinct words found).
 * `outletTitles` names feeds by their outlet.
 */
export function describeAlertDelivery(
  delivery: AlertDelivery,
  outletTitles: ReadonlyMap<string, string>,
): string[] {
  const { alert, item, matches } = delivery.data;
  const outlet = (feedId: string) => outletTitles.get(feedId) ?? feedId;
  const lines = [`  alert:   ${alert.title}`];
  if (delivery.type === 'alert.corroborated') {
    lines.push(`  report:  ${item.title} (${outlet(item.feedId)})`);
  }
  lines.push(
    `  topics:  ${alert.topics.join(', ')}`,
    `  sources: ${alert.sources.map((source) => outlet(source.feedId)).join(', ')}`,
  );
  for (const [index, [topic, found]] of [...matchesByTopic(matches)].entries()) {
    const shown = found.terms.slice(0, TERMS_SHOWN).map((term) => `"${term}"`);
    const more = found.terms.length - shown.length;
    const rules = `${found.rules.size === 1 ? 'rule' : 'rules'} ${[...found.rules].join(', ')}`;
    lines.push(
      `  ${index === 0 ? 'why:' : '    '}     ${topic} (${rules}): ` +
        `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    );
  }
  return lines;
}

/** Per topic, in the order they came: its rules and its distinct terms (case-insensitive). */
function matchesByTopic(
  matches: AlertDelivery['data']['matches'],
): Map<string, { rules: Set<string>; terms: string[] }> {
  const byTopic = new Map<string, { rules: Set<string>; terms: string[]; seen: Set<string> }>();
  for (const match of matches) {
    const found = byTopic.get(match.topic) ?? { rules: new Set(), terms: [], seen: new Set() };
    byTopic.set(match.topic, found);
    found.rules.add(match.rule);
    for (const { text } of match.terms) {
      const key = text.toLocaleLowerCase();
      if (found.seen.has(key)) continue;
      found.seen.add(key);
      found.terms.push(text);
    }
  }
  return byTopic;
}
