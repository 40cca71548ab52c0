import type { EventStore } from '@app/event-store';
import { expectEventually } from './expect-eventually.js';

/** Until every consumer of the log has handled all of it: views are current, reactors done. */
export async function consumersCaughtUp(store: EventStore): Promise<void> {
  await expectEventually(async () => {
    const head = await store.headPosition();
    const behind = (await store.listCheckpoints()).filter((each) => each.position < head);
    if (behind.length > 0) {
      const names = behind.map((each) => `${each.name} at ${each.position}`).join(', ');
      throw new Error(`consumers behind the head (${head}): ${names}`);
    }
  });
}
