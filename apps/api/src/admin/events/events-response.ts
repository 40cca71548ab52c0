import { z } from 'zod';
import { EVENT_TYPES } from '@app/contracts';
import { count, isoTime } from '../../http/response-fields.js';

/**
 * A JSON object, typed `object`: each event type's data is its own interface (libs/contracts),
 * which TypeScript would not let stand for a record of JSON values.
 */
const jsonObject = z
  .custom<object>((value) => typeof value === 'object' && value !== null && !Array.isArray(value))
  .meta({ type: 'object' });

/** An event as recorded (SPEC.md §2); `data` is as its type and schema version define it. */
const recordedEvent = z.strictObject({
  id: z.string(),
  stream: z.string(),
  version: z.int().min(1).meta({ description: 'its position in its stream, from 1' }),
  position: z.int().min(1).meta({ description: 'its position in the log, in commit order' }),
  type: z.enum(EVENT_TYPES),
  schemaVersion: z.int().min(1),
  data: jsonObject.meta({ description: 'as its `type` and `schemaVersion` define it' }),
  metadata: jsonObject.meta({ description: 'what caused it; never personal data in clear' }),
  recordedAt: isoTime,
});

/** GET /admin/events */
export const eventPage = z.strictObject({
  events: z.array(recordedEvent).meta({ description: 'oldest first' }),
  next: count
    .nullable()
    .meta({ description: 'the `after` of the next page: the position of the last event here' }),
});
