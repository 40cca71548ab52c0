import type { AlertMessage, AlertSource, Recipient } from './email-content.js';
import { formatUtc, linkableUrl, oneLine, subjectLine, truncate } from './email-formatting.js';
import type { AlertView, FooterView, SourceView } from './email-views.js';
import { plainRuns, markTerms } from './highlight-terms.js';
import { alertTopics, allTerms, markedText, matchReasons } from './match-explanations.js';

/** About what a phone shows of a paragraph before the reader scrolls on. */
const SUMMARY_SNIPPET_LENGTH = 300;
const PREHEADER_LENGTH = 140;
export const UNTITLED = 'Untitled report';

/**
 * An alert email's view. A raise is about its first report; a corroboration keeps the story's
 * title as the heading and tells of the new report beneath it. Terms are marked in the
 * report's summary only: marks in a headline shout, and "why it matched" lists every term.
 */
export function alertView(
  recipient: Recipient,
  message: AlertMessage,
  alertUrl: string | null,
  footer: FooterView,
): AlertView {
  const { alert, item, matches } = message;
  const itemUrl = linkableUrl(item.url);
  const storyUrl = linkableUrl(alert.url);
  const summary = markedText(item.summary, allTerms(matches), 'summary', SUMMARY_SNIPPET_LENGTH);
  const head = headOf(message, alertTopics(recipient, alert.topics), itemUrl, storyUrl);
  return {
    ...head,
    preheader: preheaderOf(item.summary, alert.title),
    footer,
    meta: reportMeta(item),
    summary,
    readUrl: itemUrl,
    sourcesHeading: `Sources (${alert.sources.length})`,
    sources: alert.sources.map(sourceView),
    reasons: matchReasons(recipient, matches),
    alertUrl: linkableUrl(alertUrl),
  };
}

type AlertHead = Pick<
  AlertView,
  'subject' | 'eyebrow' | 'title' | 'titleUrl' | 'update' | 'filedUnder'
>;

/**
 * A raise leads with its story; a corroboration with the story, the new report beneath; one
 * that joined weakly leads with the report itself, as a story of its own, and names the story it
 * was filed under: a reader who skips updates must still see what it is about.
 */
function headOf(
  message: AlertMessage,
  topics: string,
  itemUrl: string | null,
  storyUrl: string | null,
): AlertHead {
  const storyTitle = oneLine(message.alert.title) || UNTITLED;
  const itemTitle = oneLine(message.item.title) || UNTITLED;
  if (message.kind === 'alert.raised') {
    return {
      subject: subjectLine('[Vigil] ', message.alert.title),
      eyebrow: `New alert · ${topics}`,
      title: storyTitle,
      titleUrl: itemUrl ?? storyUrl,
      update: null,
      filedUnder: null,
    };
  }
  if (message.weak) {
    return {
      subject: subjectLine('[Vigil] ', message.item.title),
      eyebrow: `Possibly a new story · ${topics}`,
      title: itemTitle,
      titleUrl: itemUrl ?? storyUrl,
      update: null,
      filedUnder: { title: storyTitle, url: storyUrl },
    };
  }
  return {
    subject: subjectLine('[Vigil] Update: ', message.alert.title),
    eyebrow: `Update · ${topics}`,
    title: storyTitle,
    titleUrl: storyUrl ?? itemUrl,
    update: { title: itemTitle, url: itemUrl },
    filedUnder: null,
  };
}

/** "reuters-world · 2 Dec 2026, 14:03 UTC": the outlet, and when it published the report. */
function reportMeta(item: AlertMessage['item']): string {
  return item.publishedAt ? `${item.feedId} · ${formatUtc(item.publishedAt)}` : item.feedId;
}

function sourceView(source: AlertSource): SourceView {
  return {
    name: source.feedId,
    title: oneLine(source.title) || UNTITLED,
    url: linkableUrl(source.url),
  };
}

/** The start of the summary, or the title when there is none. */
function preheaderOf(summary: string, title: string): string {
  const lead = plainRuns(markTerms(summary, [], 'summary', PREHEADER_LENGTH));
  return truncate(lead || oneLine(title), PREHEADER_LENGTH);
}
