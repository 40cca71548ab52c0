import type { FileResult } from './check-corpus.js';
import type { MojibakeFinding } from './check-protocol.js';
import type { FileOutcome } from './feed-check-thread.js';

/** The target: items from at least this share of the non-hostile files. */
export const SHARE_TARGET = 0.95;

export interface OutcomeCount {
  /** `items`, `empty`, `failed`, `failed:<reason>`, `hang` or `crash`. */
  readonly label: string;
  readonly all: number;
  readonly nonHostile: number;
  readonly hostile: number;
}

export interface MojibakeFile {
  readonly name: string;
  readonly declaredCharset: string | null;
  readonly decodedAs: string;
  readonly findings: readonly MojibakeFinding[];
}

export interface CorpusSummary {
  readonly files: number;
  readonly hostile: number;
  readonly nonHostile: number;
  readonly outcomes: readonly OutcomeCount[];
  readonly nonHostileWithItems: number;
  /** Null when every file is hostile: there is then nothing to measure. */
  readonly share: number | null;
  readonly charsetDeclaring: number;
  readonly mojibakeItems: number;
  readonly mojibakeFiles: readonly MojibakeFile[];
  readonly hangs: number;
  readonly crashes: number;
  /** Share met, no hang, no crash, no mojibake. */
  readonly passed: boolean;
}

export function outcomeLabel(outcome: FileOutcome): string {
  return outcome.kind === 'failed' ? `failed:${outcome.reason}` : outcome.kind;
}

export function summarise(results: readonly FileResult[]): CorpusSummary {
  const count = (label: string, matches: (result: FileResult) => boolean): OutcomeCount => {
    const matching = results.filter(matches);
    const hostile = matching.filter((result) => result.file.hostile).length;
    return { label, all: matching.length, nonHostile: matching.length - hostile, hostile };
  };
  const ofKind = (kind: FileOutcome['kind']) => (result: FileResult) =>
    result.outcome.kind === kind;
  const reasons = [
    ...new Set(
      results.flatMap(({ outcome }) => (outcome.kind === 'failed' ? [outcomeLabel(outcome)] : [])),
    ),
  ];
  const reasonCounts = reasons
    .map((label) => count(label, (result) => outcomeLabel(result.outcome) === label))
    .sort((a, b) => b.all - a.all || a.label.localeCompare(b.label));
  const outcomes = [
    count('items', ofKind('items')),
    count('empty', ofKind('empty')),
    count('failed', ofKind('failed')),
    ...reasonCounts,
    count('hang', ofKind('hang')),
    count('crash', ofKind('crash')),
  ];

  const mojibakeFiles = results.flatMap(({ file, outcome }): MojibakeFile[] =>
    outcome.kind === 'items' && outcome.mojibake.length > 0
      ? [
          {
            name: file.name,
            declaredCharset: file.declaredCharset,
            decodedAs: `${outcome.charset} (from ${outcome.charsetSource})`,
            findings: outcome.mojibake,
          },
        ]
      : [],
  );
  const hostile = results.filter((result) => result.file.hostile).length;
  const nonHostile = results.length - hostile;
  const nonHostileWithItems = results.filter(
    (result) => !result.file.hostile && result.outcome.kind === 'items',
  ).length;
  const share = nonHostile === 0 ? null : nonHostileWithItems / nonHostile;
  const mojibakeItems = mojibakeFiles.reduce((sum, file) => sum + file.findings.length, 0);
  const hangs = results.filter(ofKind('hang')).length;
  const crashes = results.filter(ofKind('crash')).length;
  return {
    files: results.length,
    hostile,
    nonHostile,
    outcomes,
    nonHostileWithItems,
    share,
    charsetDeclaring: results.filter((result) => result.file.declaresCharset).length,
    mojibakeItems,
    mojibakeFiles,
    hangs,
    crashes,
    passed:
      share !== null &&
      share >= SHARE_TARGET &&
      hangs === 0 &&
      crashes === 0 &&
      mojibakeItems === 0,
  };
}
