import {
  buildFeedItems,
  normaliseLanguage,
  serialisedContent,
  type FeedItemCandidate,
} from './feed-items.js';
import type { ParseBudget } from './parse-budget.js';
import type { ParsedFeed } from './parsed-feed.types.js';
import { collapseWhitespace } from './plain-text.js';
import type { RawFeedDocument } from './raw-feed-document.parser.js';
import { safeLink } from './safe-link.js';
import { attribute, children, firstChild, nodeText, textConstruct } from './xml-node.js';

type RawXmlDocument = Extract<RawFeedDocument, { kind: 'xml' }>;

/** RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom, from the raw nodes rss-parser dispatched. Null on timeout. */
export async function normaliseXmlFeed(
  document: RawXmlDocument,
  baseUrl: string,
  budget: ParseBudget,
): Promise<ParsedFeed | null> {
  const { format, channel } = document;
  const atom = format === 'atom';
  const language = normaliseLanguage(
    atom
      ? attribute(channel, 'xml:lang')
      : nodeText(firstChild(channel, 'language', 'dc:language')),
  );
  const built = await buildFeedItems(
    document.items,
    atom ? atomEntry : rssItem,
    { baseUrl, feedLanguage: language },
    budget,
  );
  if (!built) return null;
  const title = collapseWhitespace(textConstruct(firstChild(channel, 'title', 'dc:title'), !atom));
  const link = atom ? atomLink(channel) : nodeText(firstChild(channel, 'link')).trim();
  return {
    format,
    title: title || null,
    link: safeLink(link, baseUrl),
    language,
    ttlMinutes: atom ? null : ttlMinutes(nodeText(firstChild(channel, 'ttl'))),
    ...built,
  };
}

function rssItem(item: unknown): FeedItemCandidate {
  const guid = firstChild(item, 'guid');
  const guidText = nodeText(guid).trim();
  // RSS 2.0: a guid is the item's permalink unless it says isPermaLink="false"; many guids that
  // do not say so are not URLs at all, and must not be resolved as relative links.
  const permalink =
    attribute(guid, 'isPermaLink')?.trim() !== 'false' && /^https?:\/\//i.test(guidText)
      ? guidText
      : undefined;
  const link =
    nodeText(firstChild(item, 'link')).trim() || attribute(item, 'rdf:about') || permalink;
  return {
    guid: guidText,
    link,
    title: textConstruct(firstChild(item, 'title', 'dc:title'), true),
    summary: firstText(item, ['description', 'content:encoded', 'summary'], true),
    dates: ['pubDate', 'dc:date', 'a10:updated', 'atom:updated'].map((name) =>
      nodeText(firstChild(item, name)),
    ),
    categories: [...children(item, 'category'), ...children(item, 'dc:subject')].map(nodeText),
    language: nodeText(firstChild(item, 'dc:language')) || attribute(item, 'xml:lang'),
    content: () => serialisedContent(item),
  };
}

function atomEntry(entry: unknown): FeedItemCandidate {
  return {
    guid: nodeText(firstChild(entry, 'id')),
    link: atomLink(entry),
    title: textConstruct(firstChild(entry, 'title'), false),
    summary: firstText(entry, ['summary', 'content'], false),
    // published, then Atom 0.3's issued; updated and modified only when nothing says when it appeared.
    dates: ['published', 'issued', 'dc:date', 'updated', 'modified'].map((name) =>
      nodeText(firstChild(entry, name)),
    ),
    categories: children(entry, 'category').map(
      (category) =>
        attribute(category, 'label') ?? attribute(category, 'term') ?? nodeText(category),
    ),
    language: attribute(entry, 'xml:lang') ?? nodeText(firstChild(entry, 'dc:language')),
    content: () => serialisedContent(entry),
  };
}

/** The first of the named fields that has text, read as a text construct. */
function firstText(node: unknown, names: readonly string[], htmlByDefault: boolean): string {
  for (const name of names) {
    const text = textConstruct(firstChild(node, name), htmlByDefault);
    if (text) return text;
  }
  return '';
}

/**
 * An Atom element's page: the alternate link (rel absent means alternate), HTML preferred,
 * else any link with an href. Some feeds write the URL as the text of <link>.
 */
function atomLink(node: unknown): string | undefined {
  const links = children(node, 'link');
  const alternates = links.filter(
    (link) => (attribute(link, 'rel') ?? 'alternate') === 'alternate',
  );
  const preferred =
    alternates.find((link) => /html/i.test(attribute(link, 'type') ?? 'text/html')) ??
    alternates[0] ??
    links.find((link) => attribute(link, 'href'));
  return preferred === undefined
    ? undefined
    : (attribute(preferred, 'href') ?? nodeText(preferred));
}

function ttlMinutes(text: string): number | null {
  const minutes = /^\s*(\d{1,6})\s*$/.exec(text)?.[1];
  return minutes && Number(minutes) > 0 ? Number(minutes) : null;
}
