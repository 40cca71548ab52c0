import { z } from 'zod';

export interface LabeledItem {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** The topics that must fire for this item; empty when none may. */
  readonly topics: readonly string[];
}

const labeledItem = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  summary: z.string().min(1),
  topics: z.array(z.string().min(1)),
});

/** eval/watchlist/data/labeled-items.yaml: unique ids, each topic listed once per item. */
export const labeledItemsFileSchema = z
  .strictObject({ items: z.array(labeledItem).min(1) })
  .superRefine((file, context) => {
    const seen = new Map<string, number>();
    file.items.forEach((item, index) => {
      const first = seen.get(item.id);
      if (first === undefined) seen.set(item.id, index);
      else
        context.addIssue({
          code: 'custom',
          path: ['items', index, 'id'],
          message: `repeats the id of items.${first}`,
        });
      if (new Set(item.topics).size !== item.topics.length) {
        context.addIssue({
          code: 'custom',
          path: ['items', index, 'topics'],
          message: 'lists a topic twice',
        });
      }
    });
  });

/** Labels that name no topic of the watchlist: a typo there would count as a silent negative. */
export function unknownTopicLabels(
  items: readonly LabeledItem[],
  topicIds: ReadonlySet<string>,
): string[] {
  return items.flatMap((item) =>
    item.topics
      .filter((topic) => !topicIds.has(topic))
      .map((topic) => `${item.id}: unknown topic "${topic}"`),
  );
}
