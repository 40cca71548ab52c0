import type { Database } from '@app/event-store';
import { NEWS_ITEM_TYPE, newsItemData } from './news-item.fixture.js';
import type { Progress } from './progress.js';
import type { Workload } from './workload.js';

/**
 * The floor the store is compared with: the same rows through the same driver into a table with
 * no version check, lock, unique index or notification.
 */
export class BaselineWorkload implements Workload {
  private constructor(private readonly database: Database) {}

  static async create(database: Database): Promise<BaselineWorkload> {
    await database.exec(
      'CREATE TABLE bench_baseline (id bigserial PRIMARY KEY, stream text, type text, data jsonb)',
    );
    return new BaselineWorkload(database);
  }

  async appendOneByOne(count: number, progress: Progress): Promise<number> {
    for (let index = 0; index < count; index++) {
      await this.database.query(
        'INSERT INTO bench_baseline (stream, type, data) VALUES ($1, $2, $3)',
        [`bench-${index}`, NEWS_ITEM_TYPE, JSON.stringify(newsItemData(index))],
      );
      await progress.advance(1);
    }
    return count;
  }

  async appendInBatches(count: number, batchSize: number, progress: Progress): Promise<number> {
    for (let start = 0, batch = 0; start < count; start += batchSize, batch++) {
      const size = Math.min(batchSize, count - start);
      const rows = Array.from({ length: size }, (_, offset) => ({
        stream: `batch-${batch}`,
        type: NEWS_ITEM_TYPE,
        data: newsItemData(start + offset),
      }));
      await this.database.query(
        `INSERT INTO bench_baseline (stream, type, data)
           SELECT e ->> 'stream', e ->> 'type', e -> 'data' FROM jsonb_array_elements($1::jsonb) AS t(e)`,
        [JSON.stringify(rows)],
      );
      await progress.advance(size);
    }
    return count;
  }

  async readAll(pageSize: number, progress: Progress): Promise<number> {
    let read = 0;
    let after = 0;
    for (;;) {
      const page = await this.database.query<{ id: number | string }>(
        'SELECT id, stream, type, data FROM bench_baseline WHERE id > $1 ORDER BY id LIMIT $2',
        [after, pageSize],
      );
      const last = page.at(-1);
      if (last === undefined) return read;
      read += page.length;
      after = Number(last.id);
      await progress.advance(page.length);
    }
  }
}
