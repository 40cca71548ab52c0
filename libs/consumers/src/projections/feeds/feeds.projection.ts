import { assertNever, isEventOf, type KnownRecordedEvent } from '@app/contracts';
import type { Database } from '@app/event-store';
import type { EventConsumer } from '../../event-consumer.js';

/**
 * Builds vigil_view_feeds from feed.* events. Each row remembers the stream version it has
 * applied, so a replayed or late event never rolls a feed back (delivery is at least once, and
 * several worker processes may run this projection at the same time).
 */
export class FeedsProjection implements EventConsumer {
  readonly name = 'feeds-view';
  readonly eventTypes = [
    'feed.registered',
    'feed.updated',
    'feed.removed',
    'feed.poll_failed',
    'feed.polled',
  ] as const;

  constructor(
    private readonly database: Database,
    private readonly onFeedsChanged: () => void = () => undefined,
  ) {}

  async handle(event: KnownRecordedEvent): Promise<void> {
    if (!isEventOf(event, this.eventTypes)) return;
    switch (event.type) {
      case 'feed.registered': {
        const { data } = event;
        await this.database.query(
          `INSERT INTO vigil_view_feeds (feed_id, url, title, interval_seconds, enabled,
             allow_private_network, source, registered_at, removed, failing_reason, stream_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, NULL, $9)
           ON CONFLICT (feed_id) DO UPDATE SET url = excluded.url, title = excluded.title,
             interval_seconds = excluded.interval_seconds, enabled = excluded.enabled,
             allow_private_network = excluded.allow_private_network, source = excluded.source,
             registered_at = excluded.registered_at, removed = false, failing_reason = NULL,
             stream_version = excluded.stream_version
           WHERE vigil_view_feeds.stream_version < excluded.stream_version`,
          [
            data.feedId,
            data.url,
            data.title,
            data.intervalSeconds,
            data.enabled,
            data.allowPrivateNetwork,
            data.source,
            event.recordedAt,
            event.version,
          ],
        );
        break;
      }
      case 'feed.updated': {
        const { changes } = event.data;
        await this.applyIfNewer(event, {
          url: changes.url,
          title: changes.title,
          interval_seconds: changes.intervalSeconds,
          enabled: changes.enabled,
          allow_private_network: changes.allowPrivateNetwork,
        });
        break;
      }
      case 'feed.removed':
        await this.applyIfNewer(event, { removed: true });
        break;
      case 'feed.poll_failed':
        // A bad item was skipped by a poll that succeeded: the feed is not failing.
        if (event.data.reason === 'bad_item') return;
        await this.applyIfNewer(event, { failing_reason: event.data.reason });
        return;
      case 'feed.polled':
        await this.applyIfNewer(event, { failing_reason: null });
        return;
      default:
        assertNever(event);
    }
    this.onFeedsChanged();
  }

  /** Sets the given columns (undefined ones are left alone) if the event is newer than the row. */
  private async applyIfNewer(
    event: KnownRecordedEvent,
    columns: Readonly<Record<string, string | number | boolean | null | undefined>>,
  ): Promise<void> {
    const entries = Object.entries(columns).filter(([, value]) => value !== undefined);
    const assignments = entries.map(([column], index) => `${column} = $${index + 3}`);
    await this.database.query(
      `UPDATE vigil_view_feeds SET ${[...assignments, 'stream_version = $2'].join(', ')}
        WHERE feed_id = $1 AND stream_version < $2`,
      [event.stream.slice('feed-'.length), event.version, ...entries.map(([, value]) => value)],
    );
  }
}
