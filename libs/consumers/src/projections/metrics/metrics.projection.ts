import { assertNever, isEventOf, type KnownRecordedEvent } from '@app/contracts';
import type { Database, SqlQueryable } from '@app/event-store';
import type { EventConsumer } from '../../event-consumer.js';
import { MetricIncrements } from './metric-increments.js';
import {
  ALERTS_CORROBORATED,
  ALERTS_RAISED,
  DELIVERIES,
  DELIVERY_LATENCY,
  ITEM_MATCHES,
  ITEM_TO_DELIVERY,
  ITEMS_DISCOVERED,
} from './stored-metrics.js';

/** What a delivery's events do not say: the subscription's channel and the item's discovery. */
interface DeliveryFacts {
  readonly channel: string;
  readonly discoveredAt: Date | null;
}

/**
 * Builds the metrics view from the log: counts of discoveries, matches, alerts and delivery
 * outcomes, and the latency histograms. Every api process reads the same rows, so a scrape of
 * any of them gives the same numbers however many workers did the work.
 */
export class MetricsProjection implements EventConsumer {
  readonly name = 'metrics-view';
  readonly eventTypes = [
    'item.discovered',
    'item.matched',
    'alert.raised',
    'alert.corroborated',
    'notification.delivered',
    'notification.attempt_failed',
    'notification.dead_lettered',
  ] as const;

  constructor(private readonly database: Database) {}

  async handle(event: KnownRecordedEvent): Promise<void> {
    await this.handleBatch([event]);
  }

  /** One transaction a page: the counts and the position they are counted up to move together. */
  async handleBatch(page: readonly KnownRecordedEvent[]): Promise<void> {
    await this.database.transaction(async (tx) => {
      const [row] = await tx.query<{ position: number | string }>(
        'SELECT position FROM vigil_view_metrics_position FOR UPDATE',
      );
      const counted = Number(row?.position ?? 0);
      const fresh = page.filter((event) => event.position > counted);
      const last = fresh.at(-1);
      if (last === undefined) return;
      const increments = await this.count(tx, fresh);
      if (increments.length > 0) {
        await tx.query(
          `INSERT INTO vigil_view_metrics AS m (name, labels, value)
           SELECT name, labels::jsonb, value
             FROM unnest($1::text[], $2::text[], $3::float8[]) AS t(name, labels, value)
           ON CONFLICT (name, labels) DO UPDATE SET value = m.value + excluded.value`,
          [
            increments.map((each) => each.name),
            increments.map((each) => each.labels),
            increments.map((each) => each.value),
          ],
        );
      }
      await tx.query('UPDATE vigil_view_metrics_position SET position = $1', [last.position]);
    });
  }

  private async count(tx: SqlQueryable, events: readonly KnownRecordedEvent[]) {
    const increments = new MetricIncrements();
    const facts = await deliveryFacts(
      tx,
      events.filter((event) => event.type.startsWith('notification.')).map((event) => event.stream),
    );
    for (const event of events) {
      if (!isEventOf(event, this.eventTypes)) continue;
      switch (event.type) {
        case 'item.discovered':
          increments.inc(ITEMS_DISCOVERED);
          break;
        case 'item.matched':
          for (const topic of Object.keys(event.data.scores))
            increments.inc(ITEM_MATCHES, { topic });
          break;
        case 'alert.raised':
          increments.inc(ALERTS_RAISED);
          break;
        case 'alert.corroborated':
          increments.inc(ALERTS_CORROBORATED);
          break;
        case 'notification.delivered': {
          const { channel, discoveredAt } = facts.get(event.stream) ?? UNKNOWN_DELIVERY;
          increments.inc(DELIVERIES, { channel, outcome: 'delivered' });
          increments.observe(
            DELIVERY_LATENCY,
            { channel, outcome: 'delivered' },
            event.data.latencyMs / 1_000,
          );
          if (discoveredAt !== null) {
            const seconds = (Date.parse(event.recordedAt) - discoveredAt.getTime()) / 1_000;
            increments.observe(ITEM_TO_DELIVERY, { channel }, Math.max(0, seconds));
          }
          break;
        }
        case 'notification.attempt_failed': {
          const { channel } = facts.get(event.stream) ?? UNKNOWN_DELIVERY;
          increments.inc(DELIVERIES, { channel, outcome: 'failed' });
          increments.observe(
            DELIVERY_LATENCY,
            { channel, outcome: 'failed' },
            event.data.latencyMs / 1_000,
          );
          break;
        }
        case 'notification.dead_lettered': {
          const { channel } = facts.get(event.stream) ?? UNKNOWN_DELIVERY;
          increments.inc(DELIVERIES, { channel, outcome: 'dead_lettered' });
          break;
        }
        default:
          assertNever(event);
      }
    }
    return increments.toArray();
  }
}

const UNKNOWN_DELIVERY: DeliveryFacts = { channel: 'unknown', discoveredAt: null };

/**
 * For each notification stream, in one round trip: its subscription's channel (from
 * `subscription.created`, which crypto-shredding leaves readable) and, for a notification of a
 * new alert, when the alert's item was discovered (`notification.requested` names the alert
 * event by position, the alert event names the item, the item's first event is its
 * discovery). Read from the log itself rather than from other views, which may lag this one.
 */
async function deliveryFacts(
  tx: SqlQueryable,
  notificationStreams: readonly string[],
): Promise<Map<string, DeliveryFacts>> {
  if (notificationStreams.length === 0) return new Map();
  const rows = await tx.query<{
    stream: string;
    channel: string | null;
    discovered_at: Date | string | null;
  }>(
    `SELECT wanted.stream,
            s.data->>'channel' AS channel,
            CASE WHEN n.data->>'cause' = 'alert' THEN i.recorded_at END AS discovered_at
       FROM unnest($1::text[]) AS wanted(stream)
       JOIN vigil_events n ON n.stream = wanted.stream AND n.version = 1
       LEFT JOIN vigil_events s
         ON s.stream = 'subscription-' || (n.data->>'subscriptionId') AND s.version = 1
       LEFT JOIN vigil_events a ON a.position = (n.data->>'sourcePosition')::bigint
       LEFT JOIN vigil_events i ON i.stream = 'item-' || (a.data->'item'->>'id') AND i.version = 1`,
    [[...new Set(notificationStreams)]],
  );
  return new Map(
    rows.map((row) => [
      row.stream,
      {
        channel: row.channel ?? 'unknown',
        discoveredAt: row.discovered_at === null ? null : new Date(row.discovered_at),
      },
    ]),
  );
}
