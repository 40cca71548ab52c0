export { EVENT_TYPES, type EventType } from './event-types.js';
export type {
  EventMetadata,
  JsonObject,
  JsonValue,
  NewEvent,
  RecordedEvent,
} from './event-envelope.js';
