/** A series kept in the metrics view: what the projection counts and the api renders. */
export interface StoredMetric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  readonly labelNames: readonly string[];
  /** Upper bounds of a histogram's buckets, in seconds. */
  readonly buckets?: readonly number[];
}

export const ITEMS_DISCOVERED = {
  name: 'vigil_items_discovered_total',
  help: 'Items discovered (item.discovered events): each item once, whatever the polls.',
  type: 'counter',
  labelNames: [],
} as const satisfies StoredMetric;

export const ITEM_MATCHES = {
  name: 'vigil_item_matches_total',
  help: 'Items matched, per watchlist topic (an item matching two topics counts for each).',
  type: 'counter',
  labelNames: ['topic'],
} as const satisfies StoredMetric;

export const ALERTS_RAISED = {
  name: 'vigil_alerts_raised_total',
  help: 'Alerts raised: the first item of a story.',
  type: 'counter',
  labelNames: [],
} as const satisfies StoredMetric;

export const ALERTS_CORROBORATED = {
  name: 'vigil_alerts_corroborated_total',
  help: 'Later items placed in an existing alert (alert.corroborated).',
  type: 'counter',
  labelNames: [],
} as const satisfies StoredMetric;

export const DELIVERIES = {
  name: 'vigil_deliveries_total',
  help:
    'Delivery outcomes per channel: delivered and failed count attempts, dead_lettered counts ' +
    'notifications given up after their last attempt.',
  type: 'counter',
  labelNames: ['channel', 'outcome'],
} as const satisfies StoredMetric;

export const DELIVERY_LATENCY = {
  name: 'vigil_delivery_latency_seconds',
  help: 'Time one delivery attempt took (the request to the endpoint or the SMTP server).',
  type: 'histogram',
  labelNames: ['channel', 'outcome'],
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
} as const satisfies StoredMetric;

export const ITEM_TO_DELIVERY = {
  name: 'vigil_item_to_delivery_seconds',
  help:
    "From an item's discovery to the delivery of the alert notification it caused " +
    '(instant notifications of new alerts only: no tests, replays or digests).',
  type: 'histogram',
  labelNames: ['channel'],
  buckets: [1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1_800, 3_600, 21_600, 86_400],
} as const satisfies StoredMetric;

/** Every metric of the view, in the order they are rendered. */
export const STORED_METRICS: readonly StoredMetric[] = [
  ITEMS_DISCOVERED,
  ITEM_MATCHES,
  ALERTS_RAISED,
  ALERTS_CORROBORATED,
  DELIVERIES,
  DELIVERY_LATENCY,
  ITEM_TO_DELIVERY,
];
