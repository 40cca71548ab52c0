/** One measured section: a round of polls by the worker, or a baseline loop. */
export interface ResultRow {
  readonly section: string;
  readonly polls: number;
  /** Items the round discovered; null for a baseline, which discovers nothing. */
  readonly newItems: number | null;
  readonly seconds: number;
  /** CPU of the bench process (worker or baseline client), user + system. */
  readonly cpuSeconds: number;
  /** CPU of the publisher process over the same section. */
  readonly publisherCpuSeconds: number;
  readonly peakRssBytes: number;
}

const HEADER = [
  'section',
  'polls',
  'new items',
  'seconds',
  'polls/s',
  'items/s',
  'CPU s',
  'CPU ms/poll',
  'publisher CPU s',
  'peak RSS MiB',
] as const;
const TEXT_COLUMNS = 1;

/** A Markdown table, aligned so it reads in a terminal and pastes into docs/ unchanged. */
export function formatResultsTable(rows: readonly ResultRow[]): string {
  const cells = rows.map((row) => [
    row.section,
    grouped(row.polls),
    row.newItems === null ? '-' : grouped(row.newItems),
    row.seconds.toFixed(2),
    grouped(pollsPerSecond(row)),
    row.newItems === null ? '-' : grouped(row.newItems / row.seconds),
    row.cpuSeconds.toFixed(2),
    ((row.cpuSeconds * 1000) / row.polls).toFixed(2),
    row.publisherCpuSeconds.toFixed(2),
    mebibytes(row.peakRssBytes),
  ]);
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

export function pollsPerSecond(row: ResultRow): number {
  return row.polls / row.seconds;
}

export function grouped(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function mebibytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}
