import type { FileResult } from './check-corpus.js';
import { type CorpusSummary, outcomeLabel, type ParityRow } from './corpus-summary.js';

const SLOWEST_SHOWN = 10;
/** Enough to recognise a pattern; the --json file has every finding. */
const FINDINGS_SHOWN_PER_FILE = 3;

/**
 * The run's figures for a person: counts, the comparison with feedparser, mojibake, files to
 * look at, slowest files.
 */
export function formatReport(summary: CorpusSummary, results: readonly FileResult[]): string {
  return [
    outcomeTable(summary),
    '',
    ...parityLines(summary),
    ...hostileLines(summary),
    mojibakeLine(summary),
    ...mojibakeDetails(summary),
    ...hangsAndCrashes(results),
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

function parityLines({ parity, reference }: CorpusSummary): string[] {
  const row = ({ name, feedparser, vigil, outcome }: ParityRow): string =>
    `  ${name}: feedparser ${feedparser}, Vigil ${vigil} (${outcome})`;
  return [
    `against feedparser (${reference}):`,
    `  files where feedparser finds entries: ${parity.compared}`,
    `  Vigil at or above feedparser:         ${parity.atOrAbove}`,
    `  below, documented exceptions:         ${parity.excepted.length}`,
    `  below, not excepted (target 0):       ${parity.below.length}`,
    ...(parity.below.length > 0 ? ['below feedparser:', ...parity.below.map(row)] : []),
    ...(parity.excepted.length > 0
      ? [
          'documented exceptions:',
          ...parity.excepted.map((excepted) => `${row(excepted)}: ${excepted.reason}`),
        ]
      : []),
    ...(parity.staleExceptions.length > 0
      ? [
          'exceptions no longer needed (at or above feedparser, or gone): remove them',
          ...parity.staleExceptions.map((name) => `  ${name}`),
        ]
      : []),
    ...(parity.notInReference.length > 0
      ? [
          `files the reference does not know (${parity.notInReference.length}): regenerate it ` +
            '(npm run corpus:feeds:reference)',
          ...parity.notInReference.slice(0, SLOWEST_SHOWN).map((name) => `  ${name}`),
        ]
      : []),
  ];
}

function hostileLines(summary: CorpusSummary): string[] {
  const met = summary.hostileWithItems.length === 0 ? 'met' : 'NOT MET';
  return [
    `hostile files with items: ${summary.hostileWithItems.length} of ${summary.hostile} ` +
      `(target 0: ${met})`,
    ...summary.hostileWithItems.map((name) => `  ${name}`),
  ];
}

function mojibakeLine(summary: CorpusSummary): string {
  const met = summary.mojibakeItems === 0 ? 'met' : 'NOT MET';
  return (
    `mojibake: ${summary.mojibakeItems} items in ${summary.mojibakeFiles.length} files ` +
    `(U+FFFD feedparser does not read, in any file; Latin-1 readings, in the ` +
    `${summary.charsetDeclaring} files declaring a charset) (target 0: ${met})`
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

/** A hang or a crash is a bug whatever the file. */
function hangsAndCrashes(results: readonly FileResult[]): string[] {
  const lines = results
    .filter(({ outcome }) => outcome.kind === 'hang' || outcome.kind === 'crash')
    .map(({ file, outcome }) => {
      const message = 'message' in outcome ? `  ${outcome.message}` : '';
      return `  ${file.name}: ${outcomeLabel(outcome)}${message}`;
    });
  return lines.length === 0 ? [] : ['', 'hangs and crashes:', ...lines];
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
  const { parity } = summary;
  const reasons = [
    ...(parity.below.length > 0 ? [`${parity.below.length} file(s) below feedparser`] : []),
    ...(parity.staleExceptions.length > 0
      ? [`${parity.staleExceptions.length} stale exception(s)`]
      : []),
    ...(parity.notInReference.length > 0
      ? [`${parity.notInReference.length} file(s) not in the reference`]
      : []),
    ...(summary.hostileWithItems.length > 0
      ? [`${summary.hostileWithItems.length} hostile file(s) with items`]
      : []),
    ...(summary.hangs > 0 ? [`${summary.hangs} hang(s)`] : []),
    ...(summary.crashes > 0 ? [`${summary.crashes} crash(es)`] : []),
    ...(summary.mojibakeItems > 0 ? [`${summary.mojibakeItems} item(s) with mojibake`] : []),
  ];
  return `FAIL: ${reasons.join(', ')}`;
}
