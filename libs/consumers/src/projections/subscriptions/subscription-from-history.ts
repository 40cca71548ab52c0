import type { KnownRecordedEvent } from '@app/contracts';
import type { SubscriptionRecord } from './subscription-catalog.js';

/**
 * A subscription folded from its own stream: what the api answers right after a change,
 * before the view has caught up. Null when it never existed or was deleted.
 */
export function subscriptionFromHistory(
  history: readonly KnownRecordedEvent[],
): SubscriptionRecord | null {
  let record = null as SubscriptionRecord | null;
  for (const event of history) {
    switch (event.type) {
      case 'subscription.created':
        record = {
          subscriptionId: event.data.subscriptionId,
          channel: event.data.channel,
          topics: event.data.topics,
          minScore: event.data.minScore,
          corroborations: event.data.corroborations,
          status: 'active',
          tokenHash: event.data.tokenHash,
          webhookUrl: event.data.webhook?.url ?? null,
          webhookSecret: event.data.webhook?.secret ?? null,
          createdAt: event.recordedAt,
          updatedAt: event.recordedAt,
        };
        break;
      case 'subscription.updated': {
        if (!record) break;
        const { topics, minScore, corroborations, webhookUrl } = event.data.changes;
        record = {
          ...record,
          ...(topics === undefined ? {} : { topics }),
          ...(minScore === undefined ? {} : { minScore }),
          ...(corroborations === undefined ? {} : { corroborations }),
          ...(webhookUrl === undefined ? {} : { webhookUrl }),
          updatedAt: event.recordedAt,
        };
        break;
      }
      case 'subscription.paused':
        if (record) record = { ...record, status: 'paused', updatedAt: event.recordedAt };
        break;
      case 'subscription.resumed':
        if (record) record = { ...record, status: 'active', updatedAt: event.recordedAt };
        break;
      case 'subscription.suspended':
        if (record) record = { ...record, status: 'suspended', updatedAt: event.recordedAt };
        break;
      case 'subscription.deleted':
        record = null;
        break;
      default:
        break;
    }
  }
  return record;
}
