import type { MatchedTermData } from '@app/contracts';
import type {
  AlertMessage,
  AlertSource,
  DigestAlert,
  MatchExplanation,
  Recipient,
} from '../src/index.js';

/** Emails and pages the tests render, built the way the worker will build them. */

export const UNSUBSCRIBE_URL = 'https://vigil.example/v1/unsubscribe?token=tok_unsub&v=1';

/** One day's digest period, Paris time. */
export const DAILY_PERIOD = {
  frequency: 'daily',
  start: '2026-12-01T23:00:00.000Z',
  end: '2026-12-02T23:00:00.000Z',
  timeZone: 'Europe/Paris',
} as const;

export function recipient(overrides: Partial<Recipient> = {}): Recipient {
  return {
    address: 'ana@example.org',
    topics: [
      { id: 'red-notice-abuse', title: 'Red Notice abuse' },
      { id: 'transnational-repression', title: 'Transnational repression' },
    ],
    frequency: 'instant',
    unsubscribeUrl: UNSUBSCRIBE_URL,
    ...overrides,
  };
}

/**
 * A term where the matcher would report it: UTF-16 offsets, end exclusive, into the field's
 * text (its `occurrence`-th appearance, counting from 0).
 */
export function termIn(
  text: string,
  term: string,
  field: 'title' | 'summary',
  occurrence = 0,
): MatchedTermData {
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen++) start = text.indexOf(term, start + 1);
  if (start < 0) throw new Error(`"${term}" is not in "${text}"`);
  return { text: term, field, start, end: start + term.length };
}

export const SOURCES: readonly AlertSource[] = [
  {
    feedId: 'reuters-world',
    itemId: 'item-1',
    title: 'Interpol withdraws Red Notice against Uyghur activist',
    url: 'https://reuters.example/world/interpol-withdraws-red-notice-against-uyghur-activist-2026-12-02/',
  },
  {
    feedId: 'gazette-<script>&amp;',
    itemId: 'item-2',
    title: 'Gazette <script>alert(2)</script> &amp; partners: activist freed',
    url: 'javascript:alert(document.cookie)',
  },
  {
    feedId: 'le-monde',
    itemId: 'item-3',
    title: 'Interpol lève la notice rouge visant un militant ouïghour',
    url: 'https://lemonde.example/international/article/2026/12/02/interpol-leve-la-notice-rouge_6201234_3210.html',
  },
];

export function alertMessage(
  overrides: {
    readonly kind?: AlertMessage['kind'];
    readonly title?: string;
    readonly summary?: string;
    readonly url?: string | null;
    readonly sources?: readonly AlertSource[];
    readonly matches?: (title: string, summary: string) => readonly MatchExplanation[];
  } = {},
): AlertMessage {
  const title = overrides.title ?? 'Interpol withdraws Red Notice against Uyghur activist';
  const summary =
    overrides.summary ??
    'The Interpol Red Notice against the Uyghur activist was withdrawn on Tuesday, his lawyers said.';
  const url =
    overrides.url === undefined ? 'https://news.example/story?id=7&lang=en' : overrides.url;
  return {
    kind: overrides.kind ?? 'alert.raised',
    alert: {
      id: 'alert-1',
      topics: ['red-notice-abuse', 'transnational-repression'],
      score: 3,
      title,
      url,
      firstSeenAt: '2026-12-02T14:03:00.000Z',
      sources: overrides.sources ?? SOURCES,
    },
    item: {
      id: 'item-1',
      feedId: 'reuters-world',
      title,
      url,
      summary,
      publishedAt: '2026-12-02T14:03:00.000Z',
    },
    matches: overrides.matches?.(title, summary) ?? defaultMatches(title, summary),
  };
}

function defaultMatches(title: string, summary: string): MatchExplanation[] {
  const found = (text: string, term: string, field: 'title' | 'summary') =>
    text.includes(term) ? [termIn(text, term, field)] : [];
  return [
    {
      topic: 'red-notice-abuse',
      rule: 'red-notice-withdrawn',
      terms: [...found(title, 'Interpol', 'title'), ...found(summary, 'Red Notice', 'summary')],
    },
    {
      topic: 'transnational-repression',
      rule: 'uyghur-diaspora',
      terms: found(summary, 'Uyghur', 'summary'),
    },
  ];
}

export function digestAlert(options: {
  readonly id: string;
  readonly topics: readonly string[];
  readonly title: string;
  readonly lastReportAt: string;
  readonly corroborations?: number;
}): DigestAlert {
  const message = alertMessage({ title: options.title });
  return {
    alert: { ...message.alert, id: options.id, topics: options.topics },
    item: message.item,
    matches: message.matches,
    corroborations: options.corroborations ?? 0,
    lastReportAt: options.lastReportAt,
  };
}
