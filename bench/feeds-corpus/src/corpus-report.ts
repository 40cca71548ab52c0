import type { FileResult } from './check-corpus.js';
import { type CorpusSummary, outcomeLabel, SHARE_TARGET } from './corpus-summary.js';

const SLOWEST_SHOWN = 10;
/** Enough to recognise a pattern; the --json file has every finding. */
const FINDINGS_SHOWN_PER_FILE = 3;

/** The run's figures for a person: counts, share, mojibake, files to look at, slowest files. */
export function formatReport(summary: CorpusSummary, results: readonly FileResult[]): string {
  return [
    outcomeTable(summary),
    '',
    shareLine(summary),
    mojibakeLine(summary),
    ...mojibakeDetails(summary),
    ...filesToLookAt(results),
    '',
    `slowest files (of ${results.length}):`,
    ...slowest(results),
    '',
    verdict(summary),
  ].join('\n');
}

function outcomeTable(summary: CorpusSummary): string {
  const header = ['outcome', 'all', 'non-hostile', 'hostile'];
  const rows = [
    ...summary.outcomes.map((row) => [
      row.label.startsWith('failed:') ? `  ${row.label}` : row.label,
      String(row.all),
      String(row.nonHostile),
      String(row.hostile),
    ]),
    ['files', String(summary.files), String(summary.nonHostile), String(summary.hostile)],
  ];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

function shareLine(summary: CorpusSummary): string {
  if (summary.share === null) return 'share with items: no non-hostile files';
  const met = summary.share >= SHARE_TARGET ? 'met' : 'NOT MET';
  return (
    `share with items: ${summary.nonHostileWithItems} of ${summary.nonHostile} non-hostile files ` +
    `= ${percent(summary.share)} (target ${percent(SHARE_TARGET)}: ${met})`
  );
}

function mojibakeLine(summary: CorpusSummary): string {
  const met = summary.mojibakeItems === 0 ? 'met' : 'NOT MET';
  return (
    `mojibake: ${summary.mojibakeItems} items in ${summary.mojibakeFiles.length} of ` +
    `${summary.charsetDeclaring} files declaring a charset (target 0: ${met})`
  );
}

function mojibakeDetails(summary: CorpusSummary): string[] {
  return summary.mojibakeFiles.flatMap((file) => [
    `  ${file.name}: declares ${file.declaredCharset ?? 'no charset in its prolog'}, ` +
      `decoded as ${file.decodedAs}, ${file.findings.length} items`,
    ...file.findings
      .slice(0, FINDINGS_SHOWN_PER_FILE)
      .map(
        (finding) =>
          `    ${finding.field} [${finding.pattern}]: ${JSON.stringify(finding.snippet)}`,
      ),
    ...(file.findings.length > FINDINGS_SHOWN_PER_FILE
      ? [`    … and ${file.findings.length - FINDINGS_SHOWN_PER_FILE} more`]
      : []),
  ]);
}

/** Non-hostile files without items count against the share; any hang or crash is a bug. */
function filesToLookAt(results: readonly FileResult[]): string[] {
  const lines = results
    .filter(
      ({ file, outcome }) =>
        (!file.hostile && outcome.kind !== 'items') ||
        outcome.kind === 'hang' ||
        outcome.kind === 'crash',
    )
    .map(({ file, outcome }) => {
      const message = 'message' in outcome ? `  ${outcome.message}` : '';
      return `  ${file.name}${file.hostile ? ' (hostile)' : ''}: ${outcomeLabel(outcome)}${message}`;
    });
  return lines.length === 0
    ? []
    : ['', 'files without items (non-hostile), hangs and crashes:', ...lines];
}

function slowest(results: readonly FileResult[]): string[] {
  return [...results]
    .sort((a, b) => b.milliseconds - a.milliseconds)
    .slice(0, SLOWEST_SHOWN)
    .map(
      ({ file, outcome, milliseconds }) =>
        `  ${milliseconds.toFixed(1).padStart(9)} ms  ${file.name}  ${outcomeLabel(outcome)}`,
    );
}

function verdict(summary: CorpusSummary): string {
  if (summary.passed) return 'PASS';
  const reasons = [
    ...(summary.share === null || summary.share < SHARE_TARGET
      ? [`share below ${percent(SHARE_TARGET)}`]
      : []),
    ...(summary.hangs > 0 ? [`${summary.hangs} hang(s)`] : []),
    ...(summary.crashes > 0 ? [`${summary.crashes} crash(es)`] : []),
    ...(summary.mojibakeItems > 0 ? [`${summary.mojibakeItems} item(s) with mojibake`] : []),
  ];
  return `FAIL: ${reasons.join(', ')}`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}
