import type { Measurement } from './measure.js';

export interface ResultRow {
  readonly adapter: string;
  readonly operation: string;
  readonly expectedEvents: number;
  readonly store: Measurement;
  readonly baseline: Measurement;
}

const HEADER = [
  'adapter',
  'operation',
  'events',
  'seconds',
  'events/s',
  'baseline events/s',
  'ratio',
] as const;
const TEXT_COLUMNS = 2;

/** A Markdown table, aligned so it reads in a terminal and pastes into docs/ unchanged. */
export function formatResultsTable(rows: readonly ResultRow[]): string {
  const cells = rows.map((row) => {
    const storeRate = rate(row.store);
    const baselineRate = rate(row.baseline);
    return [
      row.adapter,
      row.operation,
      grouped(row.store.events),
      row.store.seconds.toFixed(2),
      grouped(storeRate),
      grouped(baselineRate),
      (storeRate / baselineRate).toFixed(2),
    ];
  });
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => line[column]?.length ?? 0)),
  );
  const render = (line: readonly string[]) =>
    `| ${line
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return column < TEXT_COLUMNS ? cell.padEnd(width) : cell.padStart(width);
      })
      .join(' | ')} |`;
  const rule = `|${widths
    .map(
      (width, column) =>
        (column < TEXT_COLUMNS ? ':' : '-') +
        '-'.repeat(width) +
        (column < TEXT_COLUMNS ? '-' : ':'),
    )
    .join('|')}|`;
  return [render(HEADER), rule, ...cells.map(render)].join('\n');
}

function rate(measurement: Measurement): number {
  return measurement.events / measurement.seconds;
}

export function grouped(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
