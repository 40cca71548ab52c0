import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderAlertEmail, renderDigestEmail, renderPage } from '../src/index.js';
import {
  alertMessage,
  DAILY_PERIOD,
  digestAlert,
  recipient,
  SOURCES,
  termIn,
} from './email-fixtures.js';

/**
 * The HTML of an alert, a digest and a page as a browser lays it out, at a phone's width and a
 * desktop's: nothing wider than the screen, the title and links shown, no script. Set
 * EMAIL_SCREENSHOTS_DIR to keep full-page screenshots of each for a look.
 */

// eslint-disable-next-line no-restricted-properties -- this test's own knobs, not app config.
const { CHROMIUM_PATH, EMAIL_SCREENSHOTS_DIR } = process.env;

const VIEWPORTS = [
  { name: 'phone', width: 375, height: 800 },
  { name: 'desktop', width: 1024, height: 800 },
] as const;

const BROWSER_TIMEOUT = 60_000;

const LONG_TITLE =
  'Interpol withdraws Red Notice against exiled Uyghur activist after a two-year review by the Commission for the Control of Interpol’s Files found it politically motivated';
const LONG_SUMMARY = [
  'GENEVA — Lawyers for the activist, who has lived in Istanbul since 2016, said the decision ended years in which he could not travel without fear of arrest.',
  'The Interpol Red Notice against the Uyghur activist was withdrawn on Tuesday after the Commission for the Control of Interpol’s Files ruled that it breached Article 3 of the organisation’s constitution, which forbids it from undertaking any intervention of a political character.',
  'Rights groups have long accused several governments of using the notices to pursue critics abroad. A spokesperson for Interpol declined to comment on the individual case but said every request is reviewed by a dedicated task force before publication.',
].join(' ');

function alertEmailHtml(): string {
  const message = alertMessage({
    title: LONG_TITLE,
    summary: LONG_SUMMARY,
    matches: (title, summary) => [
      {
        topic: 'red-notice-abuse',
        rule: 'red-notice-withdrawn',
        terms: [
          termIn(title, 'Interpol', 'title'),
          termIn(summary, 'Interpol', 'summary'),
          termIn(summary, 'Red Notice', 'summary'),
        ],
      },
      {
        topic: 'transnational-repression',
        rule: 'uyghur-diaspora',
        terms: [termIn(summary, 'Uyghur', 'summary'), termIn(summary, 'critics abroad', 'summary')],
      },
    ],
  });
  return renderAlertEmail({
    recipient: recipient(),
    message,
    alertUrl: 'https://vigil.example/v1/alerts/alert-1',
  }).html;
}

/** A report that joined an alert weakly: told as a possible new story of its own. */
function weakUpdateEmailHtml(): string {
  const message = alertMessage({ title: LONG_TITLE, summary: LONG_SUMMARY });
  return renderAlertEmail({
    recipient: recipient(),
    message: {
      ...message,
      kind: 'alert.corroborated',
      weak: true,
      item: {
        ...message.item,
        feedId: 'apnews',
        title: 'Exiled journalist turned back at Marrakesh airport on the eve of the assembly',
        url: 'https://apnews.example/marrakesh-airport',
      },
    },
    alertUrl: 'https://vigil.example/v1/alerts/alert-1',
  }).html;
}

function digestEmailHtml(): string {
  return renderDigestEmail({
    recipient: recipient({ frequency: 'daily' }),
    period: DAILY_PERIOD,
    alerts: [
      digestAlert({
        id: 'alert-1',
        topics: ['red-notice-abuse'],
        title: LONG_TITLE,
        lastReportAt: '2026-12-02T15:40:00.000Z',
        corroborations: 2,
      }),
      digestAlert({
        id: 'alert-2',
        topics: ['transnational-repression'],
        title: 'Exiled journalist reports being followed in Berlin',
        lastReportAt: '2026-12-02T09:12:00.000Z',
      }),
      digestAlert({
        id: 'alert-3',
        topics: ['transnational-repression', 'red-notice-abuse'],
        title: 'Uyghur activist detained at airport on an Interpol notice',
        lastReportAt: '2026-12-02T18:05:00.000Z',
      }),
    ],
  }).html;
}

function unsubscribePageHtml(): string {
  return renderPage({
    title: 'Unsubscribe from Vigil alerts?',
    message:
      'ana@example.org will stop receiving alerts on Red Notice abuse and Transnational repression.',
    form: { action: '/v1/unsubscribe?token=tok_unsub', button: 'Unsubscribe' },
  });
}

const DOCUMENTS = [
  {
    name: 'alert',
    html: alertEmailHtml,
    heading: 'Interpol withdraws Red Notice against exiled Uyghur activist',
    linkSelector: `a[href="${SOURCES[2]?.url}"]`,
  },
  {
    name: 'weak-update',
    html: weakUpdateEmailHtml,
    heading: 'Exiled journalist turned back at Marrakesh airport',
    linkSelector: 'a:has-text("Interpol withdraws Red Notice against exiled Uyghur activist")',
  },
  {
    name: 'digest',
    html: digestEmailHtml,
    heading: '3 alerts on 2 topics',
    linkSelector: 'a:has-text("Uyghur activist detained at airport")',
  },
  {
    name: 'page',
    html: unsubscribePageHtml,
    heading: 'Unsubscribe from Vigil alerts?',
    linkSelector: 'button:has-text("Unsubscribe")',
  },
] as const;

describe('email HTML in a browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    if (EMAIL_SCREENSHOTS_DIR) await mkdir(EMAIL_SCREENSHOTS_DIR, { recursive: true });
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  }, BROWSER_TIMEOUT);

  describe.each(DOCUMENTS)('$name', ({ name, html, heading, linkSelector }) => {
    it.each(VIEWPORTS)(
      'fits a $name screen and shows its heading and link',
      async (viewport) => {
        const page = await browser.newPage({ viewport });
        try {
          const requests = await openOffline(page, html());

          expect(await documentWidth(page)).toBeLessThanOrEqual(viewport.width);
          await expect(page.locator('h1').innerText()).resolves.toContain(heading);
          expect(await page.locator('h1').isVisible()).toBe(true);
          expect(await page.locator(linkSelector).first().isVisible()).toBe(true);
          expect(await page.locator('script').count()).toBe(0);
          expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
          expect(requests).toEqual([]);

          if (EMAIL_SCREENSHOTS_DIR) {
            const path = join(EMAIL_SCREENSHOTS_DIR, `${name}-${viewport.name}.png`);
            await page.screenshot({ path, fullPage: true });
          }
        } finally {
          await page.close();
        }
      },
      BROWSER_TIMEOUT,
    );
  });
});

/** Loads the HTML with the network cut off; returns what it tried to fetch (nothing, we hope). */
async function openOffline(page: Page, html: string): Promise<string[]> {
  const requests: string[] = [];
  await page.route('**/*', async (route) => {
    requests.push(route.request().url());
    await route.abort();
  });
  await page.setContent(html, { waitUntil: 'load' });
  return requests;
}

/** The width the document lays out at: wider than the viewport means sideways scrolling. */
function documentWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}
