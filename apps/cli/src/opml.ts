import { Parser } from 'htmlparser2';
import { escapeXml } from './escape-xml.js';

/** A feed as OPML carries it; `id`, `intervalSeconds` and `enabled` are Vigil's own attributes. */
export interface OpmlFeed {
  readonly url: string;
  readonly title: string | null;
  readonly id?: string;
  readonly intervalSeconds?: number;
  readonly enabled?: boolean;
}

export class NotOpmlError extends Error {}

/**
 * OPML 2.0 (opml.org/spec2): one `type="rss"` outline per feed, `text` and `title` its title
 * (or its URL: `text` is required), `xmlUrl` its URL. OPML lets outlines carry attributes of
 * their own, so a feed's Vigil id, fixed interval and a disabled state travel as `vigilId`,
 * `vigilIntervalSeconds` and `vigilEnabled`, which other readers ignore.
 */
export function writeOpml(feeds: readonly OpmlFeed[], createdAt: Date): string {
  const outlines = feeds.map((feed) => {
    const attributes: [string, string][] = [
      ['type', 'rss'],
      ['text', feed.title ?? feed.url],
      ...(feed.title === null ? [] : ([['title', feed.title]] as [string, string][])),
      ['xmlUrl', feed.url],
      ...(feed.id === undefined ? [] : ([['vigilId', feed.id]] as [string, string][])),
      ...(feed.intervalSeconds === undefined
        ? []
        : ([['vigilIntervalSeconds', String(feed.intervalSeconds)]] as [string, string][])),
      ...(feed.enabled === false ? ([['vigilEnabled', 'false']] as [string, string][]) : []),
    ];
    const rendered = attributes.map(([name, value]) => `${name}="${escapeXml(value)}"`);
    return `    <outline ${rendered.join(' ')}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    '    <title>Vigil feeds</title>',
    `    <dateCreated>${createdAt.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

/**
 * Every outline with an `xmlUrl`, at any depth (readers nest feeds in folders), in document
 * order; the first of several outlines with one URL wins. Throws NotOpmlError when the
 * document's root is not `<opml>`.
 */
export function readOpml(xml: string): OpmlFeed[] {
  let root: string | undefined;
  const byUrl = new Map<string, OpmlFeed>();
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        root ??= name;
        const url = attributes['xmlUrl']?.trim();
        if (name !== 'outline' || !url || byUrl.has(url)) return;
        byUrl.set(url, outlineFeed(url, attributes));
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  if (root !== 'opml') throw new NotOpmlError('not an OPML document (no <opml> root element)');
  return [...byUrl.values()];
}

function outlineFeed(url: string, attributes: Record<string, string>): OpmlFeed {
  const title = (attributes['title'] ?? attributes['text'])?.trim() || null;
  const interval = Number(attributes['vigilIntervalSeconds']);
  return {
    url,
    title: title === url ? null : title,
    ...(attributes['vigilId'] ? { id: attributes['vigilId'] } : {}),
    ...(Number.isInteger(interval) && interval > 0 ? { intervalSeconds: interval } : {}),
    ...(attributes['vigilEnabled'] === 'false' ? { enabled: false } : {}),
  };
}
