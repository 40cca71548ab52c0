import {
  assertNever,
  type EventOf,
  isEventOf,
  isStreamEventOf,
  type KnownRecordedEvent,
  type StreamEventOf,
} from '@app/contracts';
import type { Database } from '@app/event-store';
import type { EventConsumer } from '../../event-consumer.js';

/**
 * The subscriptions view's checkpoint name. Once its checkpoint has reached an alert event's
 * position, the view holds every subscription created before that alert: the fan-out waits for
 * that, so a subscription made a moment before an alert is never missed.
 */
export const SUBSCRIPTIONS_VIEW = 'subscriptions-view';

/**
 * Builds vigil_view_subscriptions and vigil_view_deliveries. A subscription row remembers the
 * stream version it applied, so a replayed event never rolls it back; a delivery row is keyed
 * by its event's position.
 */
export class SubscriptionsProjection implements EventConsumer {
  readonly name = SUBSCRIPTIONS_VIEW;
  /**
   * Alert events change nothing here, but reading them carries the checkpoint past each alert
   * at once: the fan-out waits for that (see SUBSCRIPTIONS_VIEW).
   */
  readonly eventTypes = [
    'alert.raised',
    'alert.corroborated',
    'subscription.created',
    'subscription.confirmed',
    'subscription.updated',
    'subscription.paused',
    'subscription.resumed',
    'subscription.suspended',
    'subscription.deleted',
    'notification.requested',
    'notification.delivered',
    'notification.attempt_failed',
    'notification.dead_lettered',
    'digest.sent',
  ] as const;

  constructor(private readonly database: Database) {}

  async handle(event: KnownRecordedEvent): Promise<void> {
    await this.handleBatch([event]);
  }

  /**
   * Subscription events one by one (they are few); a page's notification events in three
   * statements, since every delivery adds two of them.
   */
  async handleBatch(page: readonly KnownRecordedEvent[]): Promise<void> {
    const notificationEvents: NotificationEvent[] = [];
    for (const event of page) {
      if (!isEventOf(event, this.eventTypes)) continue;
      if (isStreamEventOf(event, 'notification')) notificationEvents.push(event);
      else await this.applySubscriptionEvent(event);
    }
    await this.applyNotificationEvents(notificationEvents);
  }

  private async applySubscriptionEvent(
    event: Exclude<SubscriptionsViewEvent, NotificationEvent>,
  ): Promise<void> {
    switch (event.type) {
      case 'alert.raised':
      case 'alert.corroborated':
        // Read only to carry the checkpoint past the alert (see eventTypes).
        return;
      case 'subscription.created': {
        const { data } = event;
        await this.database.query(
          `INSERT INTO vigil_view_subscriptions (subscription_id, channel, topics, min_score,
             corroborations, status, token_hash, webhook_url, webhook_secret, created_at,
             updated_at, stream_version, email_address, email_confirm_token,
             email_unsubscribe_token, frequency, time_zone, digest_hour)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14, $15, $16,
             $17)
           ON CONFLICT (subscription_id) DO NOTHING`,
          [
            data.subscriptionId,
            data.channel,
            data.topics,
            data.minScore,
            data.corroborations,
            data.channel === 'email' ? 'pending_confirmation' : 'active',
            data.tokenHash,
            data.webhook?.url ?? null,
            data.webhook?.secret ?? null,
            event.recordedAt,
            event.version,
            data.email?.address ?? null,
            data.email?.confirmToken ?? null,
            data.email?.unsubscribeToken ?? null,
            data.schedule?.frequency ?? null,
            data.schedule?.timeZone ?? null,
            data.schedule?.digestHour ?? null,
          ],
        );
        return;
      }
      case 'subscription.confirmed':
        await this.applyIfNewer(event, { status: 'active', confirmed_at: event.recordedAt });
        return;
      case 'subscription.updated': {
        const { changes } = event.data;
        await this.applyIfNewer(event, {
          topics: changes.topics,
          min_score: changes.minScore,
          corroborations: changes.corroborations,
          webhook_url: changes.webhookUrl,
          frequency: changes.schedule?.frequency,
          time_zone: changes.schedule?.timeZone,
          digest_hour: changes.schedule?.digestHour,
          token_hash: changes.tokenHash,
        });
        return;
      }
      case 'subscription.paused':
        await this.applyIfNewer(event, {
          status: 'paused',
          status_reason: event.data.reason ?? null,
        });
        return;
      case 'subscription.resumed':
        await this.applyIfNewer(event, { status: 'active', status_reason: null });
        return;
      case 'subscription.suspended':
        await this.applyIfNewer(event, {
          status: 'suspended',
          status_reason: event.data.reason,
        });
        return;
      case 'subscription.deleted':
        // The row goes; the log keeps the history, sealed with a key that no longer exists.
        await this.database.query(
          'DELETE FROM vigil_view_subscriptions WHERE subscription_id = $1',
          [event.data.subscriptionId],
        );
        return;
      case 'digest.sent':
        // Periods close in order, but a replayed or late event never moves the mark back.
        await this.database.query(
          `UPDATE vigil_view_subscriptions
              SET digest_through = greatest(digest_through, $2::timestamptz)
            WHERE subscription_id = $1`,
          [event.data.subscriptionId, event.data.periodEnd],
        );
        return;
      default:
        assertNever(event);
    }
  }

  /**
   * A notification's row holds its last event's state (requested or failed: pending, due at the
   * request's or the next attempt's time; delivered; dead-lettered) and that event's stream
   * version, so a replayed event never rolls it back; each attempt's outcome is a delivery row
   * keyed by the event's position.
   */
  private async applyNotificationEvents(events: readonly NotificationEvent[]): Promise<void> {
    if (events.length === 0) return;
    const requested = new Map<string, RequestedRow>();
    const latest = new Map<string, NotificationProgress>();
    const deliveries: DeliveryRow[] = [];
    for (const event of events) {
      const { notificationId, subscriptionId } = event.data;
      const progress = (state: NotificationState, dueAt: string | null): NotificationProgress => ({
        notification_id: notificationId,
        state,
        at_version: event.version,
        due_at: dueAt,
      });
      switch (event.type) {
        case 'notification.requested':
          requested.set(notificationId, {
            notification_id: notificationId,
            subscription_id: subscriptionId,
            kind: event.data.kind,
            requested_at: requested.get(notificationId)?.requested_at ?? event.recordedAt,
          });
          latest.set(notificationId, progress('pending', event.recordedAt));
          break;
        case 'notification.attempt_failed':
          latest.set(notificationId, progress('pending', event.data.nextAttemptAt));
          deliveries.push(deliveryRow(event, 'failed', event.data.attempt, event.data));
          break;
        case 'notification.delivered':
          latest.set(notificationId, progress('delivered', null));
          deliveries.push(deliveryRow(event, 'delivered', event.data.attempt, event.data));
          break;
        case 'notification.dead_lettered':
          latest.set(notificationId, progress('dead_lettered', null));
          deliveries.push(
            deliveryRow(event, 'dead_lettered', event.data.attempts, {
              error: event.data.reason ?? null,
            }),
          );
          break;
        default:
          assertNever(event);
      }
    }
    if (requested.size > 0) {
      await this.database.query(
        `INSERT INTO vigil_view_notifications
           (notification_id, subscription_id, kind, state, requested_at, at_version, due_at)
         SELECT notification_id, subscription_id, kind, 'pending', requested_at, 0, NULL
           FROM jsonb_to_recordset($1::jsonb) AS r(notification_id text, subscription_id text,
             kind text, requested_at timestamptz)
         ON CONFLICT (notification_id) DO NOTHING`,
        [JSON.stringify([...requested.values()])],
      );
    }
    await this.database.query(
      `UPDATE vigil_view_notifications AS n
          SET state = p.state, at_version = p.at_version, due_at = p.due_at
         FROM jsonb_to_recordset($1::jsonb) AS p(notification_id text, state text,
           at_version integer, due_at timestamptz)
        WHERE n.notification_id = p.notification_id
          AND (n.at_version IS NULL OR n.at_version < p.at_version)`,
      [JSON.stringify([...latest.values()])],
    );
    if (deliveries.length > 0) {
      await this.database.query(
        `INSERT INTO vigil_view_deliveries (position, notification_id, subscription_id, outcome,
           attempt, status, error, latency_ms, next_attempt_at, recorded_at, response_excerpt)
         SELECT position, notification_id, subscription_id, outcome, attempt, status, error,
                latency_ms, next_attempt_at, recorded_at, response_excerpt
           FROM jsonb_to_recordset($1::jsonb) AS d(position bigint, notification_id text,
             subscription_id text, outcome text, attempt integer, status integer, error text,
             latency_ms integer, next_attempt_at timestamptz, recorded_at timestamptz,
             response_excerpt text)
         ON CONFLICT (position) DO NOTHING`,
        [JSON.stringify(deliveries)],
      );
    }
  }

  private async applyIfNewer(
    event: KnownRecordedEvent,
    columns: Readonly<Record<string, unknown>>,
  ): Promise<void> {
    const entries = Object.entries(columns).filter(([, value]) => value !== undefined);
    const assignments = entries.map(([column], index) => `${column} = $${index + 4}`);
    await this.database.query(
      `UPDATE vigil_view_subscriptions
          SET ${[...assignments, 'stream_version = $2', 'updated_at = $3'].join(', ')}
        WHERE subscription_id = $1 AND stream_version < $2`,
      [
        event.stream.slice('subscription-'.length),
        event.version,
        event.recordedAt,
        ...entries.map(([, value]) => value),
      ],
    );
  }
}

type SubscriptionsViewEvent = EventOf<SubscriptionsProjection['eventTypes'][number]>;
type NotificationEvent = StreamEventOf<'notification'>;
type NotificationState = 'pending' | 'delivered' | 'dead_lettered';

interface RequestedRow {
  readonly notification_id: string;
  readonly subscription_id: string;
  readonly kind: string;
  readonly requested_at: string;
}

interface NotificationProgress {
  readonly notification_id: string;
  readonly state: NotificationState;
  readonly at_version: number;
  readonly due_at: string | null;
}

interface DeliveryRow {
  readonly position: number;
  readonly notification_id: string;
  readonly subscription_id: string;
  readonly outcome: 'delivered' | 'failed' | 'dead_lettered';
  readonly attempt: number;
  readonly status: number | null;
  readonly error: string | null;
  readonly latency_ms: number | null;
  readonly next_attempt_at: string | null;
  readonly recorded_at: string;
  readonly response_excerpt: string | null;
}

function deliveryRow(
  event: NotificationEvent,
  outcome: DeliveryRow['outcome'],
  attempt: number,
  details: {
    readonly status?: number | null;
    readonly error?: string | null;
    readonly latencyMs?: number;
    readonly nextAttemptAt?: string | null;
    readonly responseExcerpt?: string | null;
  },
): DeliveryRow {
  return {
    position: event.position,
    notification_id: event.data.notificationId,
    subscription_id: event.data.subscriptionId,
    outcome,
    attempt,
    status: details.status ?? null,
    error: details.error ?? null,
    latency_ms: details.latencyMs ?? null,
    next_attempt_at: details.nextAttemptAt ?? null,
    recorded_at: event.recordedAt,
    response_excerpt: details.responseExcerpt ?? null,
  };
}
