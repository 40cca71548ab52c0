import type { EmailFrequency, Recipient } from './email-content.js';

/** Mail clients cut long subjects anyway; past this the end of a title is lost on a phone. */
const MAX_SUBJECT_LENGTH = 120;
/** How far back a cut looks for a space, so that a word is not split unless it must be. */
const WORD_BOUNDARY_REACH = 24;
const LOCALE = 'en-GB';

/**
 * The URL when it may be an href: http and https only, so that a feed's `javascript:` or
 * `data:` link is never clickable. Anything else is shown as text or left out by the caller.
 */
export function linkableUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** One line without control characters: a header value cannot carry a line break. */
export function oneLine(text: string): string {
  return text.replace(/[\s\p{Cc}\p{Cf}]+/gu, ' ').trim();
}

/** At most `max` characters, cut at a space when one is near and marked with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = notInsideSurrogatePair(text, max - 1);
  const space = text.lastIndexOf(' ', cut);
  const end = space > cut - WORD_BOUNDARY_REACH && space > 0 ? space : cut;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** A subject line: the prefix, then the title on one line, shortened to fit. */
export function subjectLine(prefix: string, title: string): string {
  const shown = oneLine(title) || 'Untitled report';
  return `${prefix}${truncate(shown, MAX_SUBJECT_LENGTH - prefix.length)}`;
}

/** Moves a cut back by one when it would fall between the two halves of a surrogate pair. */
export function notInsideSurrogatePair(text: string, cut: number): number {
  const code = text.charCodeAt(cut);
  return code >= 0xdc00 && code <= 0xdfff ? cut - 1 : cut;
}

/** "A", "A and B", "A, B and C". */
export function listOf(items: readonly string[]): string {
  return new Intl.ListFormat(LOCALE, { style: 'long', type: 'conjunction' }).format(items);
}

/** A topic as the reader knows it: its title when the subscription names it, else its id. */
export function topicTitle(recipient: Recipient, topicId: string): string {
  return recipient.topics.find((topic) => topic.id === topicId)?.title ?? topicId;
}

export function subscribedTopics(recipient: Recipient): string {
  if (recipient.topics.length === 0) return 'the topics you chose';
  return listOf(recipient.topics.map((topic) => topic.title));
}

export function frequencyPhrase(frequency: EmailFrequency): string {
  switch (frequency) {
    case 'instant':
      return 'one email per alert';
    case 'hourly':
      return 'an hourly digest';
    case 'daily':
      return 'a daily digest';
  }
}

/**
 * The zone when Intl knows it, else UTC: a zone name that a runtime does not know must not
 * stop a digest from going out.
 */
export function knownTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** "2 Dec 2026". */
export function formatDate(time: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, { ...DATE, timeZone }).format(time);
}

/** "14:03". */
export function formatTime(time: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, { ...TIME, timeZone }).format(time);
}

/** "2 Dec, 14:03". */
export function formatDayTime(time: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', timeZone });
  return `${day.format(time)}, ${formatTime(time, timeZone)}`;
}

/** "2 Dec 2026, 14:03". */
export function formatDateTime(time: Date, timeZone: string): string {
  return `${formatDate(time, timeZone)}, ${formatTime(time, timeZone)}`;
}

/** An ISO time as a Date, or null when it is not one: a bad time is left out, not thrown. */
export function parseTime(iso: string | null): Date | null {
  if (iso === null) return null;
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? null : time;
}

/** "2 Dec 2026, 14:03 UTC"; the text as given when it is not a time. */
export function formatUtc(iso: string): string {
  const time = parseTime(iso);
  return time ? `${formatDateTime(time, 'UTC')} UTC` : iso;
}

/** "3 reports", "1 report". */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
