import { UNTITLED } from './alert-view.js';
import type { DigestAlert, DigestPeriod, Recipient } from './email-content.js';
import {
  countOf,
  formatDate,
  formatDateTime,
  formatDayTime,
  formatTime,
  knownTimeZone,
  linkableUrl,
  oneLine,
  parseTime,
  topicTitle,
  truncate,
} from './email-formatting.js';
import type { DigestAlertView, DigestGroupView, DigestView, FooterView } from './email-views.js';
import { allTerms, follows, markedText, matchReasons } from './match-explanations.js';

/** A digest lists many alerts: a few lines of each let the reader scan them all. */
const DIGEST_SNIPPET_LENGTH = 200;
const PREHEADER_LENGTH = 140;
/** The text part's width: a longer underline would wrap, or run past the heading it marks. */
const UNDERLINE_MAX = 76;
/** An alert without topics, which a digest still lists rather than drops. */
const NO_TOPIC = '';

export function digestView(
  recipient: Recipient,
  period: DigestPeriod,
  alerts: readonly DigestAlert[],
  footer: FooterView,
): DigestView {
  const timeZone = knownTimeZone(period.timeZone);
  const groups = groupByTopic(recipient, alerts);
  const heading =
    alerts.length === 0
      ? 'No alerts'
      : `${countOf(alerts.length, 'alert')} on ${countOf(groups.length, 'topic')}`;
  const label = period.frequency === 'hourly' ? 'Hourly digest' : 'Daily digest';
  const { subjectDate, text: periodText } = periodLabels(period, timeZone);
  return {
    subject: digestSubject(label, alerts.length === 0 ? 'no alerts' : heading, subjectDate),
    preheader: truncate(
      groups
        .flatMap((group) => group.alerts.map((alert) => oneLine(alert.alert.title)))
        .join(' · '),
      PREHEADER_LENGTH,
    ),
    footer,
    eyebrow: label,
    heading,
    period: periodText,
    groups: groups.map((group) => groupView(recipient, group, timeZone)),
  };
}

/** "[Vigil] Daily digest: 3 alerts on 2 topics (2 Dec 2026)". */
function digestSubject(label: string, counts: string, date: string | null): string {
  return `[Vigil] ${label}: ${counts}${date ? ` (${date})` : ''}`;
}

interface TopicGroup {
  readonly topic: string;
  readonly alerts: readonly DigestAlert[];
}

/**
 * One group per topic, each alert once: under the first of its topics the reader follows
 * (topics come by descending score), else its first. Groups in the order of the reader's
 * topics, then any others as they come; alerts newest first.
 */
function groupByTopic(recipient: Recipient, alerts: readonly DigestAlert[]): TopicGroup[] {
  const byTopic = new Map<string, DigestAlert[]>(recipient.topics.map((topic) => [topic.id, []]));
  for (const alert of alerts) {
    const topic = groupTopic(recipient, alert);
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), alert]);
  }
  return [...byTopic]
    .filter(([, grouped]) => grouped.length > 0)
    .map(([topic, grouped]) => ({ topic, alerts: [...grouped].sort(newestFirst) }));
}

function groupTopic(recipient: Recipient, { alert }: DigestAlert): string {
  return alert.topics.find((topic) => follows(recipient, topic)) ?? alert.topics[0] ?? NO_TOPIC;
}

function newestFirst(a: DigestAlert, b: DigestAlert): number {
  return timeValue(b.lastReportAt) - timeValue(a.lastReportAt);
}

/** A time that cannot be read sorts last rather than breaking the order of the others. */
function timeValue(iso: string): number {
  return parseTime(iso)?.getTime() ?? Number.NEGATIVE_INFINITY;
}

function groupView(recipient: Recipient, group: TopicGroup, timeZone: string): DigestGroupView {
  const topic = group.topic === NO_TOPIC ? 'Other alerts' : topicTitle(recipient, group.topic);
  const count = countOf(group.alerts.length, 'alert');
  return {
    topic,
    count,
    underline: '-'.repeat(Math.min(`${topic} · ${count}`.length, UNDERLINE_MAX)),
    alerts: group.alerts.map((alert) => digestAlertView(recipient, alert, timeZone)),
  };
}

function digestAlertView(
  recipient: Recipient,
  { alert, item, matches, corroborations, lastReportAt }: DigestAlert,
  timeZone: string,
): DigestAlertView {
  const latest = parseTime(lastReportAt);
  return {
    title: oneLine(alert.title) || UNTITLED,
    url: linkableUrl(alert.url) ?? linkableUrl(item.url),
    meta: [
      item.feedId,
      alert.sources.length > 1 ? countOf(alert.sources.length, 'source') : null,
      corroborations > 0 ? `+${countOf(corroborations, 'more report')}` : null,
      latest ? `latest ${formatDayTime(latest, timeZone)}` : null,
    ]
      .filter((part) => part !== null)
      .map(unbreakable)
      .join(' · '),
    summary: markedText(item.summary, allTerms(matches), 'summary', DIGEST_SNIPPET_LENGTH),
    reasons: matchReasons(recipient, matches),
  };
}

/** Each part of a meta line wraps as a whole: "latest 2 Dec, 16:40" never splits after "2". */
function unbreakable(text: string): string {
  return text.replaceAll(' ', '\u00a0');
}

/**
 * The period for the subject and for the body. The subject's date is that of the period's
 * last instant, so a daily digest from midnight to midnight is dated the day it covers.
 */
function periodLabels(
  period: DigestPeriod,
  timeZone: string,
): { readonly subjectDate: string | null; readonly text: string } {
  const start = parseTime(period.start);
  const end = parseTime(period.end);
  if (!start || !end) return { subjectDate: null, text: `${period.start} to ${period.end}` };
  const lastInstant = new Date(end.getTime() - 1);
  const sameDay = formatDate(start, timeZone) === formatDate(end, timeZone);
  const endText = sameDay ? formatTime(end, timeZone) : formatDateTime(end, timeZone);
  return {
    subjectDate:
      period.frequency === 'hourly'
        ? `${formatDate(start, timeZone)}, ${formatTime(start, timeZone)}–${formatTime(end, timeZone)}`
        : formatDate(lastInstant, timeZone),
    text: `${formatDateTime(start, timeZone)} to ${endText} (${timeZone})`,
  };
}
