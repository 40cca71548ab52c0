import { STORY_START_REASONS } from '@app/contracts';
import { z } from 'zod';
import { count, isoTime, ruleMatch } from '../http/response-fields.js';

/** An alert as listed: one story, however many reports it has. */
export const alertSummary = z.strictObject({
  id: z.string(),
  topics: z.array(z.string()),
  score: z.number(),
  title: z.string(),
  url: z.string().nullable(),
  firstSeenAt: isoTime,
  raisedAt: isoTime.meta({ description: 'when the first report was recorded as an alert' }),
  updatedAt: isoTime.meta({ description: 'when the last report was added' }),
  reportCount: count,
  sourceCount: count,
});

/** GET /v1/alerts */
export const alertPage = z.strictObject({
  alerts: z.array(alertSummary),
  next: z
    .string()
    .nullable()
    .meta({ description: 'the `cursor` of the next page; null at the end' }),
});

/** One report of the story, as its event recorded it. */
const alertReport = z.strictObject({
  kind: z.enum(['raised', 'corroborated']),
  itemId: z.string(),
  feedId: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  summary: z.string(),
  publishedAt: isoTime.nullable(),
  seenAt: isoTime.meta({
    description:
      'when the grouping placed it in time: its publication if plausible, else discovery',
  }),
  recordedAt: isoTime,
  topics: z.array(z.string()),
  score: z.number(),
  matches: z.array(ruleMatch),
  likeness: z
    .strictObject({
      reason: z.enum(['syndicated', 'similar']),
      similarity: z.number().min(0).max(1),
      closestItemId: z.string(),
      sharedTerms: z.array(z.string()),
      sharesPerson: z
        .boolean()
        .optional()
        .meta({
          description:
            'for a similar report: whether a name it shares with what the story is about is a ' +
            "person's or an organisation's full name; false when only places and single names " +
            'link them (a weak link: the report went to every subscriber of its topics)',
        }),
      tellsNews: z
        .boolean()
        .optional()
        .meta({
          description:
            'for a similar report: whether its headline tells a development none of the ' +
            "story's headlines tell (released, after detained); when true the report went to " +
            'every subscriber of its topics (stories.weakNewDevelopment)',
        }),
    })
    .optional()
    .meta({ description: 'why it joined the story; absent for the report that raised the alert' }),
  start: z
    .strictObject({
      reason: z.enum(STORY_START_REASONS).meta({
        description:
          'no-candidate: no story was open; outside-window: none had a report in the window; ' +
          'commentary, no-shared-name, different-people, new-development, not-alike: the check the nearest ' +
          'open story failed (docs/stories.md)',
      }),
      nearestAlertId: z
        .string()
        .optional()
        .meta({ description: 'the alert of the open story that came nearest to taking it' }),
      similarity: z.number().min(0).max(1).optional().meta({
        description:
          'its likeness to that story, after the time decay; absent for no-candidate and outside-window',
      }),
    })
    .optional()
    .meta({
      description:
        'why the report that raised the alert started a story rather than joining one; ' +
        'absent for corroborations and for alerts raised before it was recorded',
    }),
});

/** GET /v1/alerts/:id */
export const alertDetail = alertSummary.extend({
  items: z.array(alertReport),
  sources: z.array(
    z.strictObject({
      feedId: z.string(),
      title: z.string().nullable().meta({ description: "the feed's title as registered" }),
      reportCount: count,
      firstReportAt: isoTime,
    }),
  ),
  timeline: z.array(
    z.strictObject({
      at: isoTime,
      type: z.enum(['alert.raised', 'alert.corroborated']),
      itemId: z.string(),
      feedId: z.string(),
    }),
  ),
});
