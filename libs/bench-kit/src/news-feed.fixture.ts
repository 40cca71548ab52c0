/**
 * The feeds the publisher serves: RSS 2.0 as a newsroom writes it, with a guid per item that
 * no other feed uses and a description of about 300 bytes of escaped HTML.
 */

const FIRST_PUBLISHED_AT = Date.parse('2026-05-04T06:00:00.000Z');

const SUBJECTS = [
  'Court halts extradition of exiled journalist',
  'INTERPOL reviews Red Notice against opposition figure',
  'Rights groups warn of transnational repression',
  'Parliament debates export controls on surveillance tools',
  'UN experts call for release of detained activists',
  'Asylum seeker detained at airport on politically motivated warrant',
  'Diaspora organisers report threats against relatives at home',
] as const;

const PLACES = ['Lisbon', 'Nairobi', 'Warsaw', 'Jakarta', 'Bogotá', 'Tbilisi', 'Geneva'] as const;

const LEADS = [
  'Lawyers for the defendant told the court that the request was based on charges brought for peaceful criticism of the government',
  'Officials declined to comment on the case, saying that proceedings were ongoing and that the file had been referred to prosecutors',
  'Monitors said the pattern matched earlier cases in which states used international cooperation channels to pursue critics abroad',
] as const;

const CONTEXTS = [
  'The case is the third of its kind this year.',
  'Similar requests were refused by two other courts.',
  'Relatives say they were questioned by the police.',
] as const;

const FOLLOW_UPS = [
  'A ruling is expected next week; campaigners plan to attend.',
  'The organisation said it would publish its findings in full.',
  'Several governments have asked for an independent review.',
] as const;

export interface FeedEntry {
  readonly id: string;
  /** Path on the publisher, e.g. `/f/0001.rss`. */
  readonly path: string;
}

/** Feeds `f0001`… at `/f/0001.rss`…, numbered from 1 and zero-padded to at least 4 digits. */
export function feedEntries(count: number): FeedEntry[] {
  const width = Math.max(4, String(count).length);
  return Array.from({ length: count }, (_, offset) => {
    const number = String(offset + 1).padStart(width, '0');
    return { id: `f${number}`, path: `/f/${number}.rss` };
  });
}

/** A strong ETag per feed and version of its content: a new version never matches an old one. */
export function feedEtag(feedId: string, version: string): string {
  return `"${feedId}-${version}"`;
}

export function renderFeed(feedId: string, itemCount: number): string {
  const items = Array.from({ length: itemCount }, (_, index) => renderItem(feedId, index));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0"><channel>',
    `<title>Bench wire ${feedId}</title>`,
    `<link>https://news.example.org/${feedId}/</link>`,
    '<description>Human-rights and justice news, as filed.</description>',
    '<language>en</language>',
    ...items,
    '</channel></rss>',
    '',
  ].join('\n');
}

function renderItem(feedId: string, index: number): string {
  const feedNumber = Number(feedId.slice(1));
  const subject = pick(SUBJECTS, index + feedNumber);
  const place = pick(PLACES, index * 3 + feedNumber);
  const title = `${subject} in ${place}`;
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase();
  const html =
    `<p><strong>${place}</strong> — ${pick(LEADS, index + 2 * feedNumber)}. ` +
    `${pick(CONTEXTS, index + feedNumber)} ${pick(FOLLOW_UPS, index)}</p>`;
  const publishedAt = new Date(FIRST_PUBLISHED_AT - index * 7 * 60_000);
  return [
    '<item>',
    `<title>${escapeXml(title)}</title>`,
    `<link>https://news.example.org/${feedId}/2026/05/${slug}-${index + 1}</link>`,
    `<guid isPermaLink="false">tag:news.example.org,2026:${feedId}/${index + 1}</guid>`,
    `<description>${escapeXml(html)}</description>`,
    `<category>${escapeXml(place)}</category>`,
    `<pubDate>${publishedAt.toUTCString()}</pubDate>`,
    '</item>',
  ].join('');
}

function pick<T>(values: readonly T[], index: number): T {
  return values[index % values.length] as T;
}

/** Text as XML character data or an attribute value. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
