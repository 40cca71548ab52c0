import { subscriptionStream } from '@app/contracts';
import { stateOf, subscriptionDecider } from '@app/domain';
import type { EventStore } from '@app/event-store';
import type { SubscriptionRecord } from './subscription-record.js';

/**
 * A subscription read from its own stream and folded with the decider's evolve: current right
 * after a change, where the view may not have caught up yet. Null when it never existed or
 * was deleted.
 */
export async function loadSubscription(
  store: EventStore,
  subscriptionId: string,
): Promise<SubscriptionRecord | null> {
  const history = await store.readStream(subscriptionStream(subscriptionId));
  const state = stateOf(subscriptionDecider, history);
  const [first] = history;
  const last = history.at(-1);
  if (!state || state.status === 'deleted' || !first || !last) return null;
  return {
    subscriptionId,
    channel: state.channel,
    topics: state.topics,
    minScore: state.minScore,
    corroborations: state.corroborations,
    status: state.status,
    statusReason: state.statusReason,
    tokenHash: state.tokenHash,
    webhookUrl: state.webhook?.url ?? null,
    webhookSecret: state.webhook?.secret ?? null,
    email: state.email,
    schedule: state.schedule,
    confirmedAt:
      history.find((event) => event.type === 'subscription.confirmed')?.recordedAt ?? null,
    createdAt: first.recordedAt,
    updatedAt: last.recordedAt,
  };
}
