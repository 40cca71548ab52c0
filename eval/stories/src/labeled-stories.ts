import { z } from 'zod';

const labeledReport = z.strictObject({
  id: z.string().min(1),
  /** Reports with the same label describe the same event. */
  story: z.string().min(1),
  feedId: z.string().min(1),
  publishedAt: z.iso.datetime({ offset: true }),
  url: z.url(),
  title: z.string().min(1),
  summary: z.string().min(1),
});

export type LabeledReport = z.output<typeof labeledReport>;

/** eval/stories/data/labeled-stories.yaml: unique ids. */
export const labeledStoriesFileSchema = z
  .strictObject({ items: z.array(labeledReport).min(2) })
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
    });
  });
