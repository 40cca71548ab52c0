import type { KnownRecordedEvent } from '@app/contracts';
import { subscriptionDecider } from '@app/domain';
import type { SubscriptionRecord } from './subscription-catalog.js';

/**
 * A subscription folded from its own stream with the decider's evolve: what the api answers
 * right after a change, before the view has caught up. Null when it never existed or was
 * deleted.
 */
export function subscriptionFromHistory(
  history: readonly KnownRecordedEvent[],
): SubscriptionRecord | null {
  const state = history.reduce(
    (folded, event) => subscriptionDecider.evolve(folded, event),
    subscriptionDecider.initialState(),
  );
  const [first] = history;
  const last = history.at(-1);
  if (!state || state.status === 'deleted' || !first || !last) return null;
  return {
    subscriptionId: first.stream.slice('subscription-'.length),
    channel: state.channel,
    topics: state.topics,
    minScore: state.minScore,
    corroborations: state.corroborations,
    status: state.status,
    tokenHash: state.tokenHash,
    webhookUrl: state.webhook?.url ?? null,
    webhookSecret: state.webhook?.secret ?? null,
    createdAt: first.recordedAt,
    updatedAt: last.recordedAt,
  };
}
