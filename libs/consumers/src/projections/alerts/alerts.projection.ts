import {
  type AlertCorroborated,
  type AlertRaised,
  assertNever,
  isEventOf,
  type KnownRecordedEvent,
} from '@app/contracts';
import type { Database, SqlQueryable } from '@app/event-store';
import type { EventConsumer } from '../../event-consumer.js';

/**
 * Builds the alerts view from alert.raised and alert.corroborated. An item is shown in one
 * alert only, the first that recorded it; a replayed event changes nothing, since each report
 * is keyed by its item and an alert's totals are recounted from its reports.
 */
export class AlertsProjection implements EventConsumer {
  readonly name = 'alerts-view';
  readonly eventTypes = ['alert.raised', 'alert.corroborated'] as const;

  constructor(private readonly database: Database) {}

  async handle(event: KnownRecordedEvent): Promise<void> {
    if (!isEventOf(event, this.eventTypes)) return;
    switch (event.type) {
      case 'alert.raised':
        await this.raise(event.data, event.position, event.recordedAt);
        return;
      case 'alert.corroborated':
        await this.corroborate(event.data, event.position, event.recordedAt);
        return;
      default:
        assertNever(event);
    }
  }

  private async raise(data: AlertRaised, position: number, recordedAt: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      if (!(await insertReport(tx, 'raised', data, position, recordedAt))) return;
      await tx.query(
        `INSERT INTO vigil_view_alerts (alert_id, topics, score, title, url, first_seen_at,
           raised_position, raised_at, last_position, updated_at, report_count, source_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8, 1, 1)
         ON CONFLICT (alert_id) DO NOTHING`,
        [
          data.alertId,
          data.topics,
          data.score,
          data.title,
          data.url,
          data.firstSeenAt,
          position,
          recordedAt,
        ],
      );
    });
  }

  private async corroborate(
    data: AlertCorroborated,
    position: number,
    recordedAt: string,
  ): Promise<void> {
    await this.database.transaction(async (tx) => {
      if (!(await insertReport(tx, 'corroborated', data, position, recordedAt))) return;
      // Totals are recounted, topics merged in the order first seen, the score the highest.
      await tx.query(
        `UPDATE vigil_view_alerts a SET
           topics = a.topics || ARRAY(SELECT t FROM unnest($2::text[]) t WHERE t <> ALL (a.topics)),
           score = greatest(a.score, $3),
           last_position = greatest(a.last_position, $4),
           updated_at = greatest(a.updated_at, $5::timestamptz),
           report_count = (SELECT count(*) FROM vigil_view_alert_reports r
                            WHERE r.alert_id = a.alert_id),
           source_count = (SELECT count(DISTINCT r.feed_id) FROM vigil_view_alert_reports r
                            WHERE r.alert_id = a.alert_id)
         WHERE a.alert_id = $1`,
        [data.alertId, data.topics, data.score, position, recordedAt],
      );
    });
  }
}

/** Records an item as a report of its alert; false when the item is already in one. */
async function insertReport(
  tx: SqlQueryable,
  kind: 'raised' | 'corroborated',
  data: AlertRaised | AlertCorroborated,
  position: number,
  recordedAt: string,
): Promise<boolean> {
  const inserted = await tx.query(
    `INSERT INTO vigil_view_alert_reports
       (item_id, alert_id, position, kind, feed_id, recorded_at, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (item_id) DO NOTHING RETURNING item_id`,
    [data.item.id, data.alertId, position, kind, data.item.feedId, recordedAt, data],
  );
  return inserted.length > 0;
}
