import type { StoredMetric } from './stored-metrics.js';

export type Labels = Readonly<Record<string, string>>;

/** One series' increment, as the view stores it (`labels` as JSON). */
export interface SeriesIncrement {
  readonly name: string;
  readonly labels: string;
  readonly value: number;
}

/**
 * The increments of one page of events, summed per series before they are written, so a page
 * costs one upsert whatever its size. Histograms are kept as Prometheus stores them: cumulative
 * `_bucket` series with an `le` label, `_sum` and `_count`.
 */
export class MetricIncrements {
  private readonly series = new Map<string, SeriesIncrement>();

  inc(metric: StoredMetric, labels: Labels = {}, value = 1): void {
    this.add(metric.name, labels, value);
  }

  observe(metric: StoredMetric, labels: Labels, seconds: number): void {
    for (const bound of metric.buckets ?? []) {
      if (seconds <= bound) this.add(`${metric.name}_bucket`, { ...labels, le: String(bound) }, 1);
    }
    this.add(`${metric.name}_bucket`, { ...labels, le: '+Inf' }, 1);
    this.add(`${metric.name}_sum`, labels, seconds);
    this.add(`${metric.name}_count`, labels, 1);
  }

  toArray(): SeriesIncrement[] {
    return [...this.series.values()];
  }

  private add(name: string, labels: Labels, value: number): void {
    const json = JSON.stringify(Object.fromEntries(Object.entries(labels).sort()));
    const key = `${name}${json}`;
    const previous = this.series.get(key)?.value ?? 0;
    this.series.set(key, { name, labels: json, value: previous + value });
  }
}
