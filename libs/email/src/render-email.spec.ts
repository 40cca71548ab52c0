import { describe, expect, it } from '@jest/globals';
import { decodeHTML } from 'entities';
import {
  alertMessage,
  DAILY_PERIOD,
  digestAlert,
  recipient,
  SOURCES,
  termIn,
  UNSUBSCRIBE_URL,
} from '../test/email-fixtures.js';
import type { RenderedEmail } from './email-content.js';
import {
  renderAlertEmail,
  renderConfirmationEmail,
  renderDigestEmail,
  renderPage,
  renderTestEmail,
} from './render-email.js';

const ALERT_URL = 'https://vigil.example/v1/alerts/alert-1';
const HOSTILE_TITLE = 'Police & <script>alert(1)</script> "x"';
const HOSTILE_SUMMARY = 'Reports say <b>5</b> & more; the feed wrote &amp; itself.';

function alertEmail(options: Parameters<typeof alertMessage>[0] = {}): RenderedEmail {
  return renderAlertEmail({
    recipient: recipient(),
    message: alertMessage(options),
    alertUrl: ALERT_URL,
  });
}

/** Every href of the HTML as a browser reads it, entities decoded. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map(([, href]) => decodeHTML(href ?? ''));
}

/** The inner HTML of each paragraph. */
function paragraphs(html: string): string[] {
  return [...html.matchAll(/<p[^>]*>(.*?)<\/p>/gs)].map(([, inner]) => inner ?? '');
}

/** The text part with its lines joined again: what it says, however it was wrapped. */
function unwrapped(text: string): string {
  return text.replace(/(?<!\n)\n(?!\n) */g, ' ');
}

const EVERY_EMAIL: readonly [string, () => RenderedEmail][] = [
  [
    'alert',
    () => alertEmail({ sources: SOURCES.filter((source) => source.url?.startsWith('https:')) }),
  ],
  [
    'digest',
    () =>
      renderDigestEmail({
        recipient: recipient({ frequency: 'daily' }),
        period: DAILY_PERIOD,
        alerts: [
          digestAlert({
            id: 'alert-1',
            topics: ['red-notice-abuse'],
            title: 'One',
            lastReportAt: '2026-12-02T10:00:00.000Z',
          }),
        ],
      }),
  ],
  [
    'confirmation',
    () =>
      renderConfirmationEmail({
        recipient: recipient(),
        confirmUrl: 'https://vigil.example/v1/subscriptions/confirm?token=tok_confirm',
        expiresAt: '2026-12-03T14:00:00.000Z',
      }),
  ],
  ['test', () => renderTestEmail({ recipient: recipient() })],
];

describe('every email', () => {
  it.each(EVERY_EMAIL)('%s: the footer names the address and links to unsubscribe', (_, render) => {
    const { html, text } = render();

    expect(hrefs(html)).toContain(UNSUBSCRIBE_URL);
    expect(html).toContain('ana@example.org');
    expect(html).toContain('Red Notice abuse and Transnational repression');
    expect(text).toContain(`Unsubscribe: ${UNSUBSCRIBE_URL}`);
    expect(text).toMatch(/You receive this because .*ana@example\.org/s);
  });

  it.each(EVERY_EMAIL)('%s: the text part has no markup and short lines', (_, render) => {
    const { text } = render();

    expect(text).not.toMatch(/<[a-z]|&[a-z]+;|&#/i);
    const longLines = text.split('\n').filter((line) => line.length > 76);
    expect(longLines.every((line) => /^\s*\S+$/.test(line) || /https?:\/\//.test(line))).toBe(true);
  });

  it.each(EVERY_EMAIL)('%s: the HTML is one document with a phone viewport', (_, render) => {
    const { html } = render();

    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('name="viewport"');
    expect(html).not.toMatch(/<script|<link|src="/i);
  });
});

describe('renderAlertEmail', () => {
  it('escapes a title and a summary in the HTML and keeps them literal in the text', () => {
    const { html, text, subject } = alertEmail({ title: HOSTILE_TITLE, summary: HOSTILE_SUMMARY });

    expect(html).not.toContain('<script>');
    expect(html).toContain('Police &amp; &lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot;');
    expect(html).toContain(
      'Reports say &lt;b&gt;5&lt;/b&gt; &amp; more; the feed wrote &amp;amp; itself.',
    );
    expect(text).toContain(HOSTILE_TITLE);
    expect(text).toContain(HOSTILE_SUMMARY);
    expect(subject).toBe(`[Vigil] ${HOSTILE_TITLE}`);
  });

  it('escapes feed ids and source titles', () => {
    const { html, text } = alertEmail();

    expect(html).toContain('gazette-&lt;script&gt;&amp;amp;');
    expect(html).toContain('Gazette &lt;script&gt;alert(2)&lt;/script&gt; &amp;amp; partners');
    expect(unwrapped(text)).toContain(
      '- gazette-<script>&amp;: Gazette <script>alert(2)</script> &amp; partners',
    );
  });

  it('links every http(s) source and shows a javascript: one as text only', () => {
    const { html, text } = alertEmail();
    const links = hrefs(html);

    expect(links).toEqual(expect.arrayContaining([SOURCES[0]?.url, SOURCES[2]?.url]));
    expect(links.some((href) => /^\s*javascript:/i.test(href))).toBe(false);
    expect(html).toContain('activist freed');
    expect(text).not.toContain('javascript:');
  });

  it.each(['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'not a url'])(
    'does not link an item URL like %j',
    (url) => {
      const { html } = alertEmail({ url });

      expect(hrefs(html).every((href) => /^https?:\/\//.test(href))).toBe(true);
      expect(html).not.toContain('Read the report');
      expect(html).toContain('Interpol withdraws Red Notice against Uyghur activist');
    },
  );

  it('links the title and the button to the report', () => {
    const { html, text } = alertEmail();
    const heading = /<h1.*?<\/h1>/s.exec(html)?.[0] ?? '';
    const button = /<a [^>]*>Read the report<\/a>/.exec(html)?.[0] ?? '';

    expect(hrefs(heading)).toEqual(['https://news.example/story?id=7&lang=en']);
    expect(hrefs(button)).toEqual(['https://news.example/story?id=7&lang=en']);
    expect(text).toContain('https://news.example/story?id=7&lang=en');
    expect(text).toContain(`View this alert in Vigil: ${ALERT_URL}`);
  });

  it('marks a matched term where its offsets point', () => {
    const { html, text } = alertEmail({
      summary: 'A notice is not a Red Notice, said the Red Notice office.',
      matches: (_, summary) => [
        {
          topic: 'red-notice-abuse',
          rule: 'r',
          terms: [termIn(summary, 'Red Notice', 'summary', 1)],
        },
      ],
    });

    expect(html).toMatch(/not a Red Notice, said the <mark[^>]*>Red Notice<\/mark> office\./);
    expect(text).toContain('not a Red Notice, said the *Red Notice* office.');
  });

  it('finds a term by its text when its offsets do not point at it, and skips a missing one', () => {
    const { html } = alertEmail({
      summary: 'Interpol said the red notice was withdrawn.',
      matches: () => [
        {
          topic: 'red-notice-abuse',
          rule: 'r',
          terms: [
            { text: 'Red Notice', field: 'summary', start: 0, end: 10 },
            { text: 'Uyghur', field: 'summary', start: 3, end: 9 },
          ],
        },
      ],
    });
    const summary = paragraphs(html).find((paragraph) => paragraph.includes('withdrawn'));

    expect(summary).toMatch(/^Interpol said the <mark[^>]*>red notice<\/mark> was withdrawn\.$/);
  });

  it('merges overlapping marks into one', () => {
    const { html } = alertEmail({
      summary: 'The Red Notice was withdrawn.',
      matches: (_, summary) => [
        {
          topic: 'red-notice-abuse',
          rule: 'r',
          terms: [
            termIn(summary, 'Red Notice', 'summary'),
            termIn(summary, 'Notice was', 'summary'),
          ],
        },
      ],
    });

    expect(html).toMatch(/The <mark[^>]*>Red Notice was<\/mark> withdrawn\./);
  });

  it('escapes a marked term and the text around it', () => {
    const summary = '<i>Sanctions</i> & <b>Red Notice</b> abuse';
    const { html, text } = alertEmail({
      summary,
      matches: () => [
        { topic: 'red-notice-abuse', rule: 'r', terms: [termIn(summary, 'Red Notice', 'summary')] },
      ],
    });

    expect(html).toMatch(
      /&lt;i&gt;Sanctions&lt;\/i&gt; &amp; &lt;b&gt;<mark[^>]*>Red Notice<\/mark>&lt;\/b&gt; abuse/,
    );
    expect(text).toContain('<i>Sanctions</i> & <b>*Red Notice*</b> abuse');
  });

  it('shows a snippet of a long summary around the first mark', () => {
    const filler = 'Background paragraph about earlier cases. '.repeat(20);
    const summary = `${filler}The Red Notice was withdrawn on Tuesday. ${filler}`;
    const { text } = alertEmail({
      summary,
      matches: () => [
        { topic: 'red-notice-abuse', rule: 'r', terms: [termIn(summary, 'Red Notice', 'summary')] },
      ],
    });
    const snippet = unwrapped(text)
      .split('\n\n')
      .find((paragraph) => paragraph.includes('*Red Notice*'));

    expect(snippet).toMatch(/^…The \*Red Notice\* was withdrawn on Tuesday\. Background/);
    expect(snippet).toMatch(/cases\.…$|\w…$/);
    expect(snippet?.length).toBeLessThanOrEqual(310);
  });

  it('lists why it matched: each topic by title, its rule and its terms', () => {
    const { html, text } = alertEmail();

    expect(unwrapped(text)).toContain(
      '- Red Notice abuse: rule red-notice-withdrawn matched “Interpol” and “Red Notice”',
    );
    expect(unwrapped(text)).toContain(
      '- Transnational repression: rule uyghur-diaspora matched “Uyghur”',
    );
    expect(html).toContain('red-notice-withdrawn');
  });

  it('keeps the subject on one line and short, whatever the title', () => {
    const title = `Line one\nLine two\r\n\tthree ${'very long words '.repeat(20)}`;
    const { subject } = alertEmail({ title });

    expect(subject).not.toMatch(/[\r\n\t]/);
    expect(subject.startsWith('[Vigil] Line one Line two three very long words')).toBe(true);
    expect(subject.length).toBeLessThanOrEqual(120);
    expect(subject.endsWith('…')).toBe(true);
  });

  /** The email of a later report of the alertMessage() story, from another outlet. */
  const corroborationEmail = (
    item: { feedId: string; title: string; url: string },
    weak = false,
  ) => {
    const message = alertMessage();
    return renderAlertEmail({
      recipient: recipient(),
      message: { ...message, kind: 'alert.corroborated', weak, item: { ...message.item, ...item } },
      alertUrl: null,
    });
  };

  it('tells of a corroboration as an update from another source', () => {
    const { subject, html, text } = corroborationEmail({
      feedId: 'le-monde',
      title: 'Interpol lève la notice rouge',
      url: 'https://lemonde.example/a',
    });

    expect(subject).toBe('[Vigil] Update: Interpol withdraws Red Notice against Uyghur activist');
    expect(html).toContain('Another source reports:');
    expect(text).toMatch(
      /Another source reports:\nInterpol lève la notice rouge\nhttps:\/\/lemonde/,
    );
    expect(text).not.toContain('View this alert in Vigil');
  });

  it('leads with the report itself when it joined its story weakly, naming the story it was filed under', () => {
    const { subject, html, text } = corroborationEmail(
      {
        feedId: 'apnews',
        title: 'Journalist turned back at Marrakesh airport',
        url: 'https://apnews.example/b',
      },
      true,
    );

    expect(subject).toBe('[Vigil] Journalist turned back at Marrakesh airport');
    expect(html).toContain('Possibly a new story');
    expect(text).toMatch(
      /Journalist turned back at Marrakesh airport\nhttps:\/\/apnews\.example\/b\n\napnews · [^\n]+\n\nPossibly a new story: Vigil filed it under an earlier alert\.\nInterpol withdraws Red Notice against Uyghur activist\n/,
    );
  });
});

describe('renderDigestEmail', () => {
  const period = DAILY_PERIOD;
  const older = digestAlert({
    id: 'alert-1',
    topics: ['transnational-repression'],
    title: 'Older repression story',
    lastReportAt: '2026-12-02T08:00:00.000Z',
  });
  const onTwoTopics = digestAlert({
    id: 'alert-2',
    topics: ['red-notice-abuse', 'transnational-repression'],
    title: 'Red Notice story',
    lastReportAt: '2026-12-02T09:00:00.000Z',
    corroborations: 2,
  });
  const newer = digestAlert({
    id: 'alert-3',
    topics: ['transnational-repression'],
    title: 'Newer repression story',
    lastReportAt: '2026-12-02T12:00:00.000Z',
  });
  const alerts = [older, onTwoTopics, newer];

  it('groups alerts by topic in the reader’s order, newest first, each once', () => {
    const { html, text } = renderDigestEmail({ recipient: recipient(), period, alerts });

    const htmlAfterPreheader = html.slice(html.indexOf('<h1'));
    for (const part of [htmlAfterPreheader, text]) {
      const order = [
        'Red Notice abuse · 1 alert',
        'Red Notice story',
        'Transnational repression · 2 alerts',
        'Newer repression story',
        'Older repression story',
      ].map((marker) => part.indexOf(marker));
      expect(order.every((at) => at >= 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(part.split('Red Notice story').length - 1).toBe(1);
    }
  });

  it('files an alert under the first of its topics the reader follows', () => {
    const { text } = renderDigestEmail({
      recipient: recipient({ topics: [{ id: 'transnational-repression', title: 'Repression' }] }),
      period,
      alerts: [onTwoTopics],
    });

    expect(text).toContain('Repression · 1 alert');
    expect(text).not.toContain('red-notice-abuse · ');
  });

  it('counts the alerts, topics and more reports, dated in the reader’s zone', () => {
    const { subject, html, text } = renderDigestEmail({ recipient: recipient(), period, alerts });

    expect(subject).toBe('[Vigil] Daily digest: 3 alerts on 2 topics (2 Dec 2026)');
    // Each part of an alert's meta line is kept whole with no-break spaces.
    expect(html).toContain('+2\u00a0more\u00a0reports');
    expect(unwrapped(text)).toContain('2 Dec 2026, 00:00 to 3 Dec 2026, 00:00 (Europe/Paris)');
    expect(text).toContain('latest\u00a02\u00a0Dec,\u00a013:00');
  });

  it('dates an hourly digest by its hour', () => {
    const { subject } = renderDigestEmail({
      recipient: recipient({ frequency: 'hourly' }),
      period: { ...period, frequency: 'hourly', end: '2026-12-02T00:00:00.000Z' },
      alerts,
    });

    expect(subject).toBe('[Vigil] Hourly digest: 3 alerts on 2 topics (2 Dec 2026, 00:00–01:00)');
  });

  it('renders a period without alerts instead of throwing', () => {
    const { subject, html, text } = renderDigestEmail({
      recipient: recipient(),
      period,
      alerts: [],
    });

    expect(subject).toBe('[Vigil] Daily digest: no alerts (2 Dec 2026)');
    expect(html).toContain('No alerts');
    expect(text).toContain('Nothing matched your topics in this period.');
  });

  it('does not throw on a time zone or times it cannot read', () => {
    const render = () =>
      renderDigestEmail({
        recipient: recipient(),
        period: { ...period, start: 'yesterday', timeZone: 'Mars/Olympus_Mons' },
        alerts: [{ ...older, lastReportAt: 'soon' }],
      });

    expect(render).not.toThrow();
    expect(render().subject).toBe('[Vigil] Daily digest: 1 alert on 1 topic');
  });
});

describe('renderConfirmationEmail', () => {
  it('asks to confirm the topics and frequency with one link that expires', () => {
    const confirmUrl = 'https://vigil.example/v1/subscriptions/confirm?token=tok_confirm&x=1';
    const { subject, html, text } = renderConfirmationEmail({
      recipient: recipient({ frequency: 'daily' }),
      confirmUrl,
      expiresAt: '2026-12-03T14:00:00.000Z',
    });

    expect(subject).toBe(
      '[Vigil] Confirm your alerts on Red Notice abuse and Transnational repression',
    );
    expect(hrefs(html).filter((href) => href === confirmUrl)).toHaveLength(2);
    expect(text).toContain(confirmUrl);
    for (const part of [html, unwrapped(text)]) {
      expect(part).toContain('a daily digest');
      expect(part).toContain('expires on 3 Dec 2026, 14:00 UTC');
      expect(part).toContain('nothing will be sent');
      expect(part).toContain('If you did not ask for these alerts, ignore this email');
    }
  });
});

describe('renderTestEmail', () => {
  it('says it is a test', () => {
    const { subject, html, text } = renderTestEmail({ recipient: recipient() });

    expect(subject).toBe('[Vigil] Test email');
    expect(html).toContain('This is a test from Vigil');
    expect(text).toContain('This is a test from Vigil');
  });
});

describe('renderPage', () => {
  it('escapes the title and message', () => {
    const html = renderPage({ title: '<script>x</script>', message: 'a & b' });

    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('a &amp; b');
    expect(html).not.toContain('<form');
  });

  it('posts its form to the action with one button', () => {
    const html = renderPage({
      title: 'Unsubscribe?',
      message: 'Stop the alerts.',
      form: { action: '/v1/unsubscribe?token=a"b', button: 'Unsubscribe' },
    });

    expect(html).toContain('<form method="post" action="/v1/unsubscribe?token&#x3D;a&quot;b">');
    expect(html.match(/<button/g)).toHaveLength(1);
  });

  it('refuses a form action that is not a path or an http(s) URL', () => {
    expect(() =>
      renderPage({
        title: 't',
        message: 'm',
        form: { action: 'javascript:alert(1)', button: 'b' },
      }),
    ).toThrow(/path or an http\(s\) URL/);
  });
});
