import type { KnownRecordedEvent } from '@app/contracts';
import type { NewEventToAppend } from '../src/index.js';

/**
 * A known event with the least data (`feed.poll_requested`), told apart in a test by the label
 * it carries as its feed id: the store does not look inside events, but appends take only
 * known types with their data.
 */
export const labelled = (label: string): NewEventToAppend => ({
  type: 'feed.poll_requested',
  data: { feedId: label },
});

/** The label `labelled` gave an event; the type of any other event, which no label equals. */
export const labelOf = (event: KnownRecordedEvent): string =>
  event.type === 'feed.poll_requested' ? event.data.feedId : event.type;
