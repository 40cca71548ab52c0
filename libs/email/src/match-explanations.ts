import type { MatchedTermData } from '@app/contracts';
import type { MatchExplanation, Recipient } from './email-content.js';
import { listOf, topicTitle } from './email-formatting.js';
import { escapeHtml, trustedHtml } from './email-templates.js';
import type { MarkedText, ReasonView } from './email-views.js';
import { markTerms, type TextRun } from './highlight-terms.js';
import { STYLE } from './templates/email-styles.js';

/** The text with the field's terms marked, shortened to `maxLength`; null when it is empty. */
export function markedText(
  text: string,
  terms: readonly MatchedTermData[],
  field: 'title' | 'summary',
  maxLength?: number,
): MarkedText | null {
  const runs = markTerms(text, terms, field, maxLength);
  if (runs.length === 0) return null;
  return { html: trustedHtml(runs.map(runHtml).join('')), text: runs.map(runText).join('') };
}

function runHtml(run: TextRun): string {
  const escaped = escapeHtml(run.text);
  return run.marked ? markHtml(escaped) : escaped;
}

function runText(run: TextRun): string {
  return run.marked ? `*${run.text}*` : run.text;
}

function markHtml(escaped: string): string {
  return `<mark style="${STYLE.mark}">${escaped}</mark>`;
}

/** Every term of every match: each knows its own field. */
export function allTerms(matches: readonly MatchExplanation[]): MatchedTermData[] {
  return matches.flatMap((match) => match.terms);
}

/**
 * Why it matched, for the topics the reader follows: a rule of a topic they do not follow may
 * have matched too, and is noise to them. All of them when none is followed, rather than none.
 */
export function matchReasons(
  recipient: Recipient,
  matches: readonly MatchExplanation[],
): ReasonView[] {
  const followed = matches.filter((match) => follows(recipient, match.topic));
  return (followed.length > 0 ? followed : matches).map((match) => ({
    topic: topicTitle(recipient, match.topic),
    rule: match.rule,
    terms: termList(match.terms),
  }));
}

/** The distinct words a rule found, as written: “Interpol”, “Red Notice”. */
function termList(terms: readonly MatchedTermData[]): MarkedText | null {
  const distinct = distinctIgnoringCase(terms.map((term) => term.text.trim()));
  if (distinct.length === 0) return null;
  return {
    html: trustedHtml(listOf(distinct.map((text) => markHtml(escapeHtml(text))))),
    text: listOf(distinct.map((text) => `“${text}”`)),
  };
}

/** The first of each word however it is written, without blanks: "ICPO" once, not "icpo" too. */
function distinctIgnoringCase(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  return texts.filter((text) => {
    const key = text.toLowerCase();
    if (text === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The alert's topics the reader follows, by title; all of them when none is followed. */
export function alertTopics(recipient: Recipient, topicIds: readonly string[]): string {
  const followed = topicIds.filter((id) => follows(recipient, id));
  return listOf((followed.length > 0 ? followed : topicIds).map((id) => topicTitle(recipient, id)));
}

export function follows(recipient: Recipient, topicId: string): boolean {
  return recipient.topics.some((topic) => topic.id === topicId);
}
