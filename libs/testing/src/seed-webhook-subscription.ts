import { randomUUID } from 'node:crypto';
import { type KnownNewEvent, subscriptionStream } from '@app/contracts';
import type { EventStore } from '@app/event-store';
import {
  hashToken,
  newSubscriptionToken,
  seal,
  type SubscriptionKeyStore,
} from '@app/subscriptions';

/**
 * Records an active webhook subscription straight into the log, sealed as the api seals it,
 * for tests and benches that start at delivery. Resolves with its id.
 */
export async function seedWebhookSubscription(
  store: EventStore,
  keys: SubscriptionKeyStore,
  subscription: {
    readonly url: string;
    readonly secret: string;
    readonly topics: readonly string[];
  },
): Promise<string> {
  const subscriptionId = randomUUID();
  const key = await keys.create(subscriptionId);
  await store.append(
    subscriptionStream(subscriptionId),
    {
      type: 'subscription.created',
      data: {
        subscriptionId,
        channel: 'webhook',
        topics: subscription.topics,
        minScore: 0,
        corroborations: false,
        tokenHash: hashToken(newSubscriptionToken()),
        webhook: {
          url: seal(key, subscriptionId, 'webhook.url', subscription.url),
          secret: seal(key, subscriptionId, 'webhook.secret', subscription.secret),
        },
      },
    } satisfies KnownNewEvent,
    { expectedVersion: 'no_stream' },
  );
  return subscriptionId;
}
