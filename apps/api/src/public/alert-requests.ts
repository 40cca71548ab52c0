import { z } from 'zod';
import { isoDateTime } from '../http/request-fields.js';

const MAX_PAGE = 100;

/** A page cursor: the log position of the last alert of the page before, opaque to clients. */
export function encodeCursor(position: number): string {
  return Buffer.from(`p${position}`).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, 'base64url').toString();
  const match = /^p(\d{1,15})$/.exec(text);
  return match ? Number(match[1]) : null;
}

const topic = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .meta({ description: 'only the alerts on this topic' });

/** GET /v1/alerts query string. */
export const listAlertsQuery = z.strictObject({
  topic,
  since: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(20),
  cursor: z
    .string()
    .transform((cursor, context) => {
      const position = decodeCursor(cursor);
      if (position === null) {
        context.addIssue({ code: 'custom', message: 'is not a cursor this API gave out' });
        return z.NEVER;
      }
      return position;
    })
    .optional(),
});

export type ListAlertsQuery = z.output<typeof listAlertsQuery>;

/** GET /v1/alerts/stream query string. */
export const alertStreamQuery = z.strictObject({ topic });

export type AlertStreamQuery = z.output<typeof alertStreamQuery>;

/** `Last-Event-ID` of an SSE reconnect: the log position of the last event received. */
export function parseLastEventId(value: string | undefined): number | null | 'invalid' {
  if (value === undefined || value === '') return null;
  return /^\d{1,15}$/.test(value) ? Number(value) : 'invalid';
}
