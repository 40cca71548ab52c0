import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '@app/event-store';

const POLL_MS = 20;
const WARN_EVERY_MS = 10_000;

/**
 * Waits until the consumer `name` has handled the log up to `position`: a reactor that reads a
 * view waits for it rather than acting on a view that lags (a fan-out would miss the newest
 * subscribers for good). `onSlow` hears of each 10 s waited.
 */
export async function untilCheckpointReaches(
  store: EventStore,
  name: string,
  position: number,
  onSlow: (waitedMs: number) => void = () => undefined,
): Promise<void> {
  let waitedMs = 0;
  while ((await store.loadCheckpoint(name)) < position) {
    if (waitedMs > 0 && waitedMs % WARN_EVERY_MS === 0) onSlow(waitedMs);
    await sleep(POLL_MS);
    waitedMs += POLL_MS;
  }
}
