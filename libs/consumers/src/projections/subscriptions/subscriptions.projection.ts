import type { KnownRecordedEvent, RecordedEvent } from '@app/contracts';
import type { Database } from '@app/event-store';
import type { EventConsumer } from '../../event-consumer.js';

/**
 * Builds vigil_view_subscriptions and vigil_view_deliveries. A subscription row remembers the
 * stream version it applied, so a replayed event never rolls it back; a delivery row is keyed
 * by its event's position.
 */
export class SubscriptionsProjection implements EventConsumer {
  readonly name = 'subscriptions-view';

  constructor(private readonly database: Database) {}

  async handle(recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as KnownRecordedEvent;
    switch (event.type) {
      case 'subscription.created': {
        const { data } = event;
        await this.database.query(
          `INSERT INTO vigil_view_subscriptions (subscription_id, channel, topics, min_score,
             corroborations, status, token_hash, webhook_url, webhook_secret, created_at,
             updated_at, stream_version)
           VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $8, $9, $9, $10)
           ON CONFLICT (subscription_id) DO NOTHING`,
          [
            data.subscriptionId,
            data.channel,
            data.topics,
            data.minScore,
            data.corroborations,
            data.tokenHash,
            data.webhook?.url ?? null,
            data.webhook?.secret ?? null,
            event.recordedAt,
            event.version,
          ],
        );
        return;
      }
      case 'subscription.updated': {
        const { changes } = event.data;
        await this.applyIfNewer(event, {
          topics: changes.topics,
          min_score: changes.minScore,
          corroborations: changes.corroborations,
          webhook_url: changes.webhookUrl,
        });
        return;
      }
      case 'subscription.paused':
        await this.applyIfNewer(event, { status: 'paused' });
        return;
      case 'subscription.resumed':
        await this.applyIfNewer(event, { status: 'active' });
        return;
      case 'subscription.suspended':
        await this.applyIfNewer(event, { status: 'suspended' });
        return;
      case 'subscription.deleted':
        // The row goes; the log keeps the history, sealed with a key that no longer exists.
        await this.database.query(
          'DELETE FROM vigil_view_subscriptions WHERE subscription_id = $1',
          [event.data.subscriptionId],
        );
        return;
      case 'notification.requested':
        await this.database.query(
          `INSERT INTO vigil_view_notifications
             (notification_id, subscription_id, kind, state, requested_at)
           VALUES ($1, $2, $3, 'pending', $4)
           ON CONFLICT (notification_id) DO UPDATE SET state = 'pending'`,
          [event.data.notificationId, event.data.subscriptionId, event.data.kind, event.recordedAt],
        );
        return;
      case 'notification.delivered':
        await this.settle(event.data.notificationId, 'delivered');
        await this.recordDelivery(event, 'delivered', {
          status: event.data.status,
          latencyMs: event.data.latencyMs,
        });
        return;
      case 'notification.attempt_failed':
        await this.recordDelivery(event, 'failed', {
          status: event.data.status,
          error: event.data.error,
          latencyMs: event.data.latencyMs,
          nextAttemptAt: event.data.nextAttemptAt,
          responseExcerpt: event.data.responseExcerpt,
        });
        return;
      case 'notification.dead_lettered':
        await this.settle(event.data.notificationId, 'dead_lettered');
        await this.recordDelivery(event, 'dead_lettered', { attempt: event.data.attempts });
        return;
      default:
        return;
    }
  }

  private async settle(
    notificationId: string,
    state: 'delivered' | 'dead_lettered',
  ): Promise<void> {
    await this.database.query(
      'UPDATE vigil_view_notifications SET state = $2 WHERE notification_id = $1',
      [notificationId, state],
    );
  }

  private async recordDelivery(
    event: KnownRecordedEvent & { data: { notificationId: string; subscriptionId: string } },
    outcome: 'delivered' | 'failed' | 'dead_lettered',
    details: {
      readonly attempt?: number;
      readonly status?: number | null;
      readonly error?: string | null;
      readonly latencyMs?: number;
      readonly nextAttemptAt?: string | null;
      readonly responseExcerpt?: string | null;
    },
  ): Promise<void> {
    const attempt = details.attempt ?? ('attempt' in event.data ? Number(event.data.attempt) : 0);
    await this.database.query(
      `INSERT INTO vigil_view_deliveries (position, notification_id, subscription_id, outcome,
         attempt, status, error, latency_ms, next_attempt_at, recorded_at, response_excerpt)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (position) DO NOTHING`,
      [
        event.position,
        event.data.notificationId,
        event.data.subscriptionId,
        outcome,
        attempt,
        details.status ?? null,
        details.error ?? null,
        details.latencyMs ?? null,
        details.nextAttemptAt ?? null,
        event.recordedAt,
        details.responseExcerpt ?? null,
      ],
    );
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
