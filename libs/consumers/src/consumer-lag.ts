import type { EventStore } from '@app/event-store';

export interface ConsumerLag {
  readonly name: string;
  readonly position: number;
  /** Events committed after the checkpoint, not yet handled. */
  readonly lag: number;
  readonly updatedAt: string;
}

/** Every consumer's checkpoint and how far it trails the head of the log. */
export async function consumerLag(store: EventStore): Promise<ConsumerLag[]> {
  const [checkpoints, head] = await Promise.all([store.listCheckpoints(), store.headPosition()]);
  return checkpoints.map((checkpoint) => ({
    ...checkpoint,
    lag: Math.max(0, head - checkpoint.position),
  }));
}
