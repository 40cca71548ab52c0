import type { FileResult } from './check-corpus.js';
import type { MojibakeFinding } from './check-protocol.js';
import type { FileOutcome } from './feed-check-thread.js';
import { type FeedparserReference, referenceEntry } from './feedparser-reference.js';
import { REPLACEMENT_CHARACTER } from './mojibake.js';

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

/** A file where feedparser finds entries, and how many items Vigil discovers in it. */
export interface ParityRow {
  readonly name: string;
  readonly feedparser: number;
  readonly vigil: number;
  readonly outcome: string;
}

export interface ExceptedRow extends ParityRow {
  readonly reason: string;
}

export interface Parity {
  /** Files where feedparser finds at least one entry. */
  readonly compared: number;
  /** Of those, files where Vigil discovers at least as many items. */
  readonly atOrAbove: number;
  /** Below feedparser and not a documented exception: each one fails the verdict. */
  readonly below: readonly ParityRow[];
  /** Below feedparser, as documented: named in FEEDPARSER_EXCEPTIONS, or repeated identities. */
  readonly excepted: readonly ExceptedRow[];
  /** Exceptions for files now at or above feedparser, or not in the corpus: stale, so failing. */
  readonly staleExceptions: readonly string[];
  /** Files the reference does not know: it must be regenerated. */
  readonly notInReference: readonly string[];
}

/**
 * The one exception by rule rather than by name: entries that feedparser lists twice but that
 * SPEC §3 makes one item (same guid, same link, or same title and date), which the store would
 * discover once whatever the parser returned.
 */
const REPEATED_IDENTITY = "repeat an earlier entry's identity: one item (SPEC §3)";

export interface CorpusSummary {
  readonly files: number;
  readonly hostile: number;
  readonly nonHostile: number;
  readonly outcomes: readonly OutcomeCount[];
  readonly reference: string;
  readonly parity: Parity;
  /** Hostile files that yielded items: each one fails the verdict. */
  readonly hostileWithItems: readonly string[];
  readonly charsetDeclaring: number;
  readonly mojibakeItems: number;
  readonly mojibakeFiles: readonly MojibakeFile[];
  readonly hangs: number;
  readonly crashes: number;
  /**
   * At least as many items as feedparser in every file but the documented exceptions, no stale
   * exception, a reference that knows every file, no item from a hostile file, no mojibake, no
   * hang, no crash.
   */
  readonly passed: boolean;
}

export function outcomeLabel(outcome: FileOutcome): string {
  return outcome.kind === 'failed' ? `failed:${outcome.reason}` : outcome.kind;
}

function itemCount(outcome: FileOutcome): number {
  return outcome.kind === 'items' ? outcome.items : 0;
}

function repeatedIdentities(outcome: FileOutcome): number {
  return outcome.kind === 'items' || outcome.kind === 'empty' ? outcome.repeatedIdentities : 0;
}

export function summarise(
  results: readonly FileResult[],
  reference: FeedparserReference,
  exceptions: Readonly<Record<string, string>>,
): CorpusSummary {
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

  const mojibakeFiles = results.flatMap(({ file, outcome }): MojibakeFile[] => {
    if (outcome.kind !== 'items') return [];
    // U+FFFD that feedparser reads in the same file is the document's, not a wrong charset.
    const documentHasReplacement = referenceEntry(reference, file.name)?.replacementCharacters;
    const findings = outcome.mojibake.filter(
      (finding) => !(documentHasReplacement && finding.pattern === REPLACEMENT_CHARACTER),
    );
    return findings.length === 0
      ? []
      : [
          {
            name: file.name,
            declaredCharset: file.declaredCharset,
            decodedAs: `${outcome.charset} (from ${outcome.charsetSource})`,
            findings,
          },
        ];
  });
  const hostile = results.filter((result) => result.file.hostile).length;
  const mojibakeItems = mojibakeFiles.reduce((sum, file) => sum + file.findings.length, 0);
  const hangs = results.filter(ofKind('hang')).length;
  const crashes = results.filter(ofKind('crash')).length;
  const parity = compareWithFeedparser(results, reference, exceptions);
  const hostileWithItems = results
    .filter(({ file, outcome }) => file.hostile && outcome.kind === 'items')
    .map(({ file }) => file.name);
  return {
    files: results.length,
    hostile,
    nonHostile: results.length - hostile,
    outcomes,
    reference: reference.generator,
    parity,
    hostileWithItems,
    charsetDeclaring: results.filter((result) => result.file.declaresCharset).length,
    mojibakeItems,
    mojibakeFiles,
    hangs,
    crashes,
    passed:
      parity.below.length === 0 &&
      parity.staleExceptions.length === 0 &&
      parity.notInReference.length === 0 &&
      hostileWithItems.length === 0 &&
      hangs === 0 &&
      crashes === 0 &&
      mojibakeItems === 0,
  };
}

function compareWithFeedparser(
  results: readonly FileResult[],
  reference: FeedparserReference,
  exceptions: Readonly<Record<string, string>>,
): Parity {
  const checked = new Set(results.map(({ file }) => file.name));
  const notInReference: string[] = [];
  const below: ParityRow[] = [];
  const excepted: ExceptedRow[] = [];
  const staleExceptions = Object.keys(exceptions).filter((name) => !checked.has(name));
  let compared = 0;
  for (const { file, outcome } of results) {
    const entry = referenceEntry(reference, file.name);
    if (entry === undefined) {
      notInReference.push(file.name);
      continue;
    }
    const exception = Object.hasOwn(exceptions, file.name) ? exceptions[file.name] : undefined;
    const vigil = itemCount(outcome);
    if (entry.entries === 0 || vigil >= entry.entries) {
      if (exception !== undefined) staleExceptions.push(file.name);
      if (entry.entries > 0) compared += 1;
      continue;
    }
    compared += 1;
    const row = {
      name: file.name,
      feedparser: entry.entries,
      vigil,
      outcome: outcomeLabel(outcome),
    };
    const repeated = repeatedIdentities(outcome);
    if (exception !== undefined) excepted.push({ ...row, reason: exception });
    else if (vigil + repeated >= entry.entries) {
      excepted.push({ ...row, reason: `${repeated} ${REPEATED_IDENTITY}` });
    } else below.push(row);
  }
  return {
    compared,
    atOrAbove: compared - below.length - excepted.length,
    below,
    excepted,
    staleExceptions,
    notInReference,
  };
}
