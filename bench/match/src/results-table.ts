export interface ResultRow {
  readonly rules: number;
  readonly compileMs: number;
  readonly heapMb: number;
  readonly itemsPerSecond: number;
  readonly mbPerSecond: number;
  readonly matchesPerItem: number;
  /** Share of the rules that matched at least one item of the stream. */
  readonly rulesHit: number;
  readonly baselineItemsPerSecond: number;
  readonly baselineItems: number;
  readonly streamItems: number;
  /** Matches both found over all matches either found, on the items the baseline ran. */
  readonly agreement: number;
}

const HEADER = [
  'rules',
  'compile ms',
  'heap MB',
  'items/s',
  'MB/s',
  'matches/item',
  'rules hit',
  'baseline items/s',
  'baseline items',
  'agreement',
  'vs baseline',
] as const;

/** A Markdown table, aligned so it reads in a terminal and pastes into docs/ unchanged. */
export function formatResultsTable(rows: readonly ResultRow[]): string {
  const cells = rows.map((row) => [
    grouped(row.rules),
    grouped(row.compileMs),
    Number.isNaN(row.heapMb) ? 'n/a' : row.heapMb.toFixed(1),
    grouped(row.itemsPerSecond),
    row.mbPerSecond.toFixed(1),
    row.matchesPerItem.toFixed(1),
    percent(row.rulesHit),
    row.baselineItemsPerSecond >= 100
      ? grouped(row.baselineItemsPerSecond)
      : row.baselineItemsPerSecond.toFixed(1),
    row.baselineItems === row.streamItems
      ? grouped(row.baselineItems)
      : `${grouped(row.baselineItems)} of ${grouped(row.streamItems)} *`,
    percent(row.agreement),
    `${speedUp(row) < 10 ? speedUp(row).toFixed(1) : grouped(speedUp(row))}x`,
  ]);
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => line[column]?.length ?? 0)),
  );
  const render = (line: readonly string[]) =>
    `| ${line.map((cell, column) => cell.padStart(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => `${'-'.repeat(width + 1)}:`).join('|')}|`;
  return [render(HEADER), rule, ...cells.map(render)].join('\n');
}

export function speedUp(row: ResultRow): number {
  return row.itemsPerSecond / row.baselineItemsPerSecond;
}

export function grouped(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
