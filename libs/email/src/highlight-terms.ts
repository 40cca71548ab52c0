import type { MatchedTermData } from '@app/contracts';
import { notInsideSurrogatePair } from './email-formatting.js';

/** A stretch of the text shown to the reader; `marked` when a matched term covers it. */
export interface TextRun {
  readonly text: string;
  readonly marked: boolean;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/** How far a snippet's edge moves to land between words rather than inside one. */
const WORD_BOUNDARY_REACH = 24;

/**
 * The text as runs, every term of `field` marked, whitespace collapsed. A text longer than
 * `maxLength` becomes a snippet of about that length around the first mark, with ellipses.
 *
 * Terms carry the matcher's offsets: UTF-16 indices, end exclusive, into the field exactly as
 * matched (the item's title or summary as discovered, which is what a notification carries).
 * The text shown can still differ (an alert's title is its first report's, a corroboration's
 * terms are its own report's), so a term whose offsets do not point at it is looked up by its
 * text, ignoring case, and left unmarked when it is not there.
 */
export function markTerms(
  text: string,
  terms: readonly MatchedTermData[],
  field: 'title' | 'summary',
  maxLength = Number.POSITIVE_INFINITY,
): TextRun[] {
  const marks = mergeSpans(
    terms
      .filter((term) => term.field === field)
      .map((term) => locateTerm(text, term))
      .filter((span): span is Span => span !== null),
  );
  const window = snippetWindow(text, marks[0], maxLength);
  const runs = collapseWhitespace(runsWithin(text, marks, window));
  if (runs.length === 0) return runs;
  return [
    ...(window.start > 0 ? [{ text: '…', marked: false }] : []),
    ...runs,
    ...(window.end < text.length ? [{ text: '…', marked: false }] : []),
  ];
}

/** The runs as they read without marks: for a preheader. */
export function plainRuns(runs: readonly TextRun[]): string {
  return runs.map((run) => run.text).join('');
}

function locateTerm(text: string, term: MatchedTermData): Span | null {
  if (term.text.trim() === '') return null;
  if (pointsAtTerm(text, term)) return { start: term.start, end: term.end };
  // The `u` flag folds case character by character, so indices stay those of `text`.
  const found = new RegExp(escapeRegExp(term.text), 'iu').exec(text);
  return found ? { start: found.index, end: found.index + found[0].length } : null;
}

function pointsAtTerm(text: string, { start, end, text: term }: MatchedTermData): boolean {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return false;
  if (start < 0 || end <= start || end > text.length) return false;
  return new RegExp(`^${escapeRegExp(term)}$`, 'iu').test(text.slice(start, end));
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** Sorted, with overlapping or touching spans joined: one mark per stretch of marked text. */
function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    } else {
      merged.push(span);
    }
  }
  return merged;
}

/**
 * The part of the text to show: all of it when it fits, else about `maxLength` characters from
 * the start of the sentence of the first mark when that is near, else with the mark about a
 * third of the way in, so the reader sees what leads up to it.
 */
function snippetWindow(text: string, firstMark: Span | undefined, maxLength: number): Span {
  if (text.length <= maxLength) return { start: 0, end: text.length };
  const markStart = firstMark?.start ?? 0;
  const lead = Math.floor(maxLength / 3);
  const sentenceStart = sentenceStartBefore(text, markStart, lead);
  const start = Math.max(0, Math.min(sentenceStart ?? markStart - lead, text.length - maxLength));
  const snapped = start === 0 || start === sentenceStart ? start : nextWordStart(text, start);
  return { start: snapped, end: previousWordEnd(text, snapped + maxLength) };
}

/** Where the sentence holding `position` starts, if within `reach` characters before it. */
function sentenceStartBefore(text: string, position: number, reach: number): number | null {
  const from = Math.max(0, position - reach);
  const ends = [...text.slice(from, position).matchAll(/[.!?]["'”’)]*\s+/g)];
  const last = ends.at(-1);
  return last ? from + last.index + last[0].length : null;
}

function nextWordStart(text: string, from: number): number {
  const space = text.slice(from, from + WORD_BOUNDARY_REACH).search(/\s/);
  return space < 0 ? notInsideSurrogatePair(text, from) : from + space + 1;
}

function previousWordEnd(text: string, to: number): number {
  if (to >= text.length) return text.length;
  const from = Math.max(0, to - WORD_BOUNDARY_REACH);
  const space = text.slice(from, to + 1).search(/\s\S*$/);
  return space < 0 ? notInsideSurrogatePair(text, to) : from + space;
}

/** The window's text cut into runs at the marks, marks clipped to the window. */
function runsWithin(text: string, marks: readonly Span[], window: Span): TextRun[] {
  const runs: TextRun[] = [];
  let at = window.start;
  for (const mark of marks) {
    const start = Math.max(mark.start, at);
    const end = Math.min(mark.end, window.end);
    if (end <= start) continue;
    if (start > at) runs.push({ text: text.slice(at, start), marked: false });
    runs.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < window.end) runs.push({ text: text.slice(at, window.end), marked: false });
  return runs;
}

/** Feeds break summaries across lines and indent them: shown, they read as one paragraph. */
function collapseWhitespace(runs: readonly TextRun[]): TextRun[] {
  const collapsed: TextRun[] = [];
  let afterSpace = true;
  for (const run of runs) {
    let text = run.text.replace(/\s+/g, ' ');
    if (afterSpace && text.startsWith(' ')) text = text.slice(1);
    if (text === '') continue;
    collapsed.push({ text, marked: run.marked });
    afterSpace = text.endsWith(' ');
  }
  const last = collapsed.at(-1);
  if (last && afterSpace) {
    const trimmed = last.text.trimEnd();
    collapsed.splice(-1, 1, ...(trimmed ? [{ text: trimmed, marked: last.marked }] : []));
  }
  return collapsed;
}
