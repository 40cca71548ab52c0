import type { EventStore } from '@app/event-store';
import { newsItemEvent } from './news-item.fixture.js';
import type { Progress } from './progress.js';
import type { Workload } from './workload.js';

export class EventStoreWorkload implements Workload {
  constructor(private readonly store: EventStore) {}

  async appendOneByOne(count: number, progress: Progress): Promise<number> {
    for (let index = 0; index < count; index++) {
      await this.store.append(`bench-${index}`, newsItemEvent(index), {
        expectedVersion: 'no_stream',
      });
      await progress.advance(1);
    }
    return count;
  }

  async appendInBatches(count: number, batchSize: number, progress: Progress): Promise<number> {
    for (let start = 0, batch = 0; start < count; start += batchSize, batch++) {
      const size = Math.min(batchSize, count - start);
      const events = Array.from({ length: size }, (_, offset) => newsItemEvent(start + offset));
      await this.store.append(`batch-${batch}`, events, { expectedVersion: 'no_stream' });
      await progress.advance(size);
    }
    return count;
  }

  async readAll(pageSize: number, progress: Progress): Promise<number> {
    let read = 0;
    let after = 0;
    for (;;) {
      const page = await this.store.readAll({ after, limit: pageSize });
      const last = page.at(-1);
      if (last === undefined) return read;
      read += page.length;
      after = last.position;
      await progress.advance(page.length);
    }
  }
}
