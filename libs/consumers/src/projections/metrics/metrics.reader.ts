import type { Database } from '@app/event-store';
import type { Labels } from './metric-increments.js';

/** One series of the metrics view and its current value. */
export interface StoredSeries {
  readonly name: string;
  readonly labels: Labels;
  readonly value: number;
}

/** Reads the metrics view (MetricsProjection) at scrape time. */
export class MetricsReader {
  constructor(private readonly database: Database) {}

  async series(): Promise<StoredSeries[]> {
    const rows = await this.database.query<{
      name: string;
      labels: Labels | string;
      value: number | string;
    }>('SELECT name, labels, value FROM vigil_view_metrics');
    return rows.map((row) => ({
      name: row.name,
      labels: typeof row.labels === 'string' ? (JSON.parse(row.labels) as Labels) : row.labels,
      value: Number(row.value),
    }));
  }
}
