import type { StoredMetric, StoredSeries } from '@app/consumers';

interface RenderedValue {
  readonly metricName: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/**
 * A histogram whose buckets the worker counts into the metrics view, for prom-client's
 * registry to render beside its own metrics. prom-client's Histogram only learns values one
 * observation at a time, in one process; its registry renders any object with a name, help,
 * type and get(), which is what this is.
 */
export class StoredHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private values: RenderedValue[] = [];

  constructor(private readonly metric: StoredMetric) {
    this.name = metric.name;
    this.help = metric.help;
  }

  /** Takes this histogram's series from a read of the view, every bucket in order. */
  update(series: readonly StoredSeries[]): void {
    const value = new Map<string, number>();
    const labelSets = new Map<string, Readonly<Record<string, string>>>();
    for (const row of series) {
      if (!row.name.startsWith(`${this.name}_`)) continue;
      const { le, ...labels } = row.labels;
      const key = JSON.stringify(labels);
      labelSets.set(key, labels);
      value.set(`${row.name}${key}${le ?? ''}`, row.value);
    }
    const bounds = [...(this.metric.buckets ?? []).map(String), '+Inf'];
    this.values = [...labelSets].flatMap(([key, labels]) => [
      ...bounds.map((le) => ({
        metricName: `${this.name}_bucket`,
        labels: { ...labels, le },
        value: value.get(`${this.name}_bucket${key}${le}`) ?? 0,
      })),
      ...['sum', 'count'].map((part) => ({
        metricName: `${this.name}_${part}`,
        labels,
        value: value.get(`${this.name}_${part}${key}`) ?? 0,
      })),
    ]);
  }

  get(): Promise<{
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: RenderedValue[];
  }> {
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values: this.values,
    });
  }

  reset(): void {
    this.values = [];
  }
}
