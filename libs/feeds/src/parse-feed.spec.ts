import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseFeed } from './parse-feed.js';
import type { ParsedFeed, ParseFeedResult } from './parsed-feed.types.js';

const fixture = (name: string): Promise<string> =>
  readFile(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');

function feedOf(result: ParseFeedResult): ParsedFeed {
  if (!result.ok) throw new Error(`expected a feed, got ${result.reason}: ${result.message}`);
  return result.feed;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('parseFeed', () => {
  describe('RSS 2.0', () => {
    const parsed = async (): Promise<ParsedFeed> =>
      feedOf(
        await parseFeed(await fixture('rss-2.0.xml'), {
          baseUrl: 'https://gazette.example.org/feed.xml',
        }),
      );

    it('reads the channel', async () => {
      const { items, ...channel } = await parsed();

      expect(channel).toEqual({
        format: 'rss',
        title: 'Harbour Gazette & Tide Tables',
        link: 'https://gazette.example.org/',
        language: 'en-gb',
        ttlMinutes: 45,
        repeatedIdentities: 1,
      });
      expect(items.map((item) => item.title)).toEqual([
        'Ferry timetable changes from Monday',
        'Lifeboat crew rescues kayaker',
        'Tide tables for the spring equinox',
        'Click here for a prize',
        'Market stalls return to the square',
        'Harbour wall repairs finished',
      ]);
    });

    it('takes the identity from the guid object, and reduces HTML and categories to text', async () => {
      const [ferry] = (await parsed()).items;

      expect(ferry).toEqual({
        identity: 'gazette-2024-0412',
        identitySource: 'guid',
        title: 'Ferry timetable changes from Monday',
        url: 'https://gazette.example.org/news/ferry-timetable',
        summary: 'The morning crossing moves to 07:40.\nEvening sailings are unchanged — for now.',
        publishedAt: '2024-04-12T14:30:00.000Z',
        categories: ['Transport', 'Harbour'],
        language: 'en-gb',
        fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
    });

    it('keeps the first of items sharing a guid', async () => {
      const { items } = await parsed();

      expect(items.filter((item) => item.identity === 'gazette-2024-0412')).toHaveLength(1);
      expect(items.some((item) => item.title.includes('(repeat)'))).toBe(false);
    });

    it('takes the identity from the canonical link when there is no guid', async () => {
      const lifeboat = (await parsed()).items[1];

      expect(lifeboat).toMatchObject({
        identity: 'https://gazette.example.org/news/lifeboat?id=7',
        identitySource: 'link',
        url: 'https://gazette.example.org/news/lifeboat?utm_source=rss&utm_medium=feed&id=7&fbclid=abc#comments',
        publishedAt: '2024-04-11T17:05:00.000Z',
        language: 'cy',
      });
    });

    it('hashes title and date when there is neither guid nor link', async () => {
      const tide = (await parsed()).items[2];

      expect(tide).toMatchObject({
        identity: sha256('tide tables for the spring equinox\n2024-03-20T06:00:00.000Z'),
        identitySource: 'hash',
        url: null,
      });
    });

    it('drops a javascript: link and keeps the item', async () => {
      const prize = (await parsed()).items[3];

      expect(prize).toMatchObject({ identity: 'gazette-2024-0413', url: null });
    });

    it('resolves a relative link against the feed and nulls a date that does not parse', async () => {
      const market = (await parsed()).items[4];

      expect(market).toMatchObject({
        url: 'https://gazette.example.org/news/market-stalls',
        identity: 'https://gazette.example.org/news/market-stalls',
        publishedAt: null,
      });
    });

    it('uses a permalink guid as the link', async () => {
      const wall = (await parsed()).items[5];

      expect(wall).toMatchObject({
        identity: 'https://gazette.example.org/news/harbour-wall',
        identitySource: 'guid',
        url: 'https://gazette.example.org/news/harbour-wall',
        publishedAt: '2024-04-10T06:15:00.000Z',
      });
    });
  });

  describe('items with no guid, no link and no title (SPEC §3: a hash of what they have)', () => {
    const rss = (items: string): string =>
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Quay</title>${items}</channel></rss>`;
    const itemsOf = async (xml: string) =>
      feedOf(await parseFeed(xml, { baseUrl: 'https://quay.example.net/feed' }));

    it('keeps an item that has only a date, an enclosure or markup without text, each identified by its content', async () => {
      const xml = rss(
        '<item><dc:date>2024-05-01T08:00:00Z</dc:date></item>' +
          '<item><enclosure url="https://quay.example.net/tide.mp3" length="1" type="audio/mpeg"/></item>' +
          '<item><description>&lt;img src="https://quay.example.net/crane.jpg"&gt;</description></item>',
      );
      const { items } = await itemsOf(xml);

      expect(items).toHaveLength(3);
      expect(items.map((item) => item.identitySource)).toEqual(['content', 'content', 'content']);
      expect(new Set(items.map((item) => item.identity)).size).toBe(3);
      expect(items[0]).toMatchObject({
        title: '',
        summary: '',
        url: null,
        publishedAt: '2024-05-01T08:00:00.000Z',
      });
    });

    it('gives such an item the same identity on every poll, and another when its content changes', async () => {
      const first = await itemsOf(rss('<item><category>Cranes</category></item>'));
      const again = await itemsOf(rss('<item><category>Cranes</category></item>'));
      const edited = await itemsOf(rss('<item><category>Bollards</category></item>'));

      expect(again.items[0]?.identity).toBe(first.items[0]?.identity);
      expect(edited.items[0]?.identity).not.toBe(first.items[0]?.identity);
    });

    it('keeps an item that has only a guid, under its guid', async () => {
      const { items } = await itemsOf(rss('<item><guid isPermaLink="false">quay-17</guid></item>'));

      expect(items).toMatchObject([{ identity: 'quay-17', identitySource: 'guid', title: '' }]);
    });

    it('keeps the identity an item with only a description always had: its text and date hashed', async () => {
      const { items } = await itemsOf(
        rss('<item><description>Crane two is back in service.</description></item>'),
      );

      expect(items).toMatchObject([
        { identity: sha256('crane two is back in service.\n'), identitySource: 'hash' },
      ]);
    });

    it('identifies a JSON Feed item with only an image by its content too', async () => {
      const json = JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        items: [{ image: 'https://quay.example.net/crane.jpg' }, {}],
      });
      const { items } = await itemsOf(json);

      expect(items).toMatchObject([{ identitySource: 'content', title: '' }]);
    });

    it('drops an item that holds nothing at all, and counts items repeating an identity', async () => {
      const feed = await itemsOf(
        rss('<item></item><item/><item><guid>a</guid></item><item><guid>a</guid></item>'),
      );

      expect(feed.items.map((item) => item.identity)).toEqual(['a']);
      expect(feed.repeatedIdentities).toBe(1);
    });
  });

  it('reads RSS 0.91 behind its Netscape DOCTYPE', async () => {
    const feed = feedOf(
      await parseFeed(await fixture('rss-0.91.xml'), {
        baseUrl: 'http://allotments.example.net/rss.xml',
      }),
    );

    expect(feed).toMatchObject({ format: 'rss', title: 'Allotment Notes', language: 'en-us' });
    expect(
      feed.items.map(({ identity, identitySource, summary }) => [
        identity,
        identitySource,
        summary,
      ]),
    ).toEqual([
      ['http://allotments.example.net/notes/broad-beans', 'link', 'Sow now for a June crop.'],
      ['http://allotments.example.net/notes/slugs', 'link', ''],
    ]);
  });

  it('reads RSS 1.0 (RDF), with rdf:about standing in for a missing link', async () => {
    const feed = feedOf(
      await parseFeed(await fixture('rss-1.0-rdf.xml'), {
        baseUrl: 'https://observatory.example.com/rss',
      }),
    );

    expect(feed).toMatchObject({
      format: 'rdf',
      title: 'Hilltop Observatory',
      link: 'https://observatory.example.com/',
      language: 'de-de',
      ttlMinutes: null,
    });
    expect(feed.items).toMatchObject([
      {
        title: 'Komet am Abendhimmel',
        url: 'https://observatory.example.com/notes/comet',
        publishedAt: '2024-05-02T21:00:00.000Z',
        categories: ['Astronomie'],
        language: 'de-de',
      },
      {
        title: 'Meteor shower peaks tonight',
        url: 'https://observatory.example.com/notes/meteors',
        identitySource: 'link',
        publishedAt: '2024-05-05T00:00:00.000Z',
      },
    ]);
  });

  it('reads Atom: XHTML and HTML titles, link relations, bad dates, xml:lang', async () => {
    const feed = feedOf(
      await parseFeed(await fixture('atom.xml'), {
        baseUrl: 'https://workshop.example.io/atom.xml',
      }),
    );

    expect(feed).toMatchObject({
      format: 'atom',
      title: 'Workshop Journal',
      link: 'https://workshop.example.io/',
      language: 'fr-ca',
      ttlMinutes: null,
    });
    expect(feed.items).toMatchObject([
      {
        identity: 'tag:workshop.example.io,2024:posts/chisels',
        identitySource: 'guid',
        title: 'Sharpening chisels by hand',
        url: 'https://workshop.example.io/posts/chisels',
        summary: 'Three stones, one strop, and patience.',
        publishedAt: '2024-06-01T14:00:00.000Z',
        categories: ['Tools', 'technique'],
        language: 'fr-ca',
      },
      {
        title: 'A bench with a broken date',
        url: 'https://workshop.example.io/posts/bench',
        summary: 'Oak top, ash legs.',
        publishedAt: null,
      },
      { title: 'Glue', publishedAt: '2024-06-03T12:00:00.000Z', language: 'en' },
    ]);
  });

  it('reads JSON Feed 1', async () => {
    const feed = feedOf(
      await parseFeed(await fixture('json-feed-1.json'), {
        baseUrl: 'https://orchard.example.com/feed.json',
      }),
    );

    expect(feed).toMatchObject({
      format: 'json-feed',
      title: 'Orchard Updates',
      link: 'https://orchard.example.com/',
      language: null,
    });
    expect(feed.items).toMatchObject([
      {
        identity: '1001',
        identitySource: 'guid',
        title: 'Blossom is out',
        summary: 'The apple trees flowered overnight.',
        publishedAt: '2024-04-18T06:00:00.000Z',
        categories: ['apples', 'Spring'],
      },
      {
        identity: '1002',
        title: 'Frost warning for tonight: cover the young pears.',
        url: null,
        publishedAt: null,
      },
    ]);
  });

  it('reads JSON Feed 1.1 with its languages', async () => {
    const feed = feedOf(
      await parseFeed(await fixture('json-feed-1.1.json'), {
        baseUrl: 'https://canalboat.example.org/feed.json',
      }),
    );

    expect(feed.language).toBe('nl');
    expect(feed.items).toEqual([
      expect.objectContaining({
        identity: 'log-55',
        url: 'https://canalboat.example.org/log/55',
        summary: 'Seven locks before breakfast.',
        publishedAt: '2024-07-09T05:45:00.000Z',
        language: 'en-gb',
      }),
    ]);
  });

  it('caps the summary at 2,000 characters on a word boundary', async () => {
    const words = 'lighthouse keepers log every passing vessel '.repeat(80);
    const result = await parseFeed(
      `<rss version="2.0"><channel><item><title>Long</title><description>${words}</description></item></channel></rss>`,
      { baseUrl: 'https://example.com/' },
    );
    const [item] = feedOf(result).items;

    expect(item?.summary.length).toBeLessThanOrEqual(2_000);
    expect(item?.summary.length).toBeGreaterThan(1_950);
    expect(words.startsWith(`${item?.summary ?? ''} `)).toBe(true);
  });

  describe('refuses what is not a feed', () => {
    it.each([
      ['an HTML page', () => fixture('html-page.html')],
      ['an empty body', () => Promise.resolve('')],
      ['a blank body', () => Promise.resolve(' \n\t ')],
      ['JSON that is not a JSON Feed', () => Promise.resolve('{"status":"ok","items":[]}')],
      ['a JSON array', () => Promise.resolve('[1, 2, 3]')],
      ['XML with another root', () => Promise.resolve('<?xml version="1.0"?><catalog/>')],
      ['plain text', () => Promise.resolve('Service temporarily unavailable')],
      ['an XHTML page', () => Promise.resolve('<html xmlns="http://www.w3.org/1999/xhtml"/>')],
      ['an RSS root without a channel', () => Promise.resolve('<rss version="2.0"></rss>')],
    ])('%s', async (_name, body) => {
      const result = await parseFeed(await body(), { baseUrl: 'https://example.com/' });

      expect(result).toMatchObject({ ok: false, reason: 'not_a_feed' });
    });
  });

  describe('shapes feedparser reads that are feeds after all', () => {
    const read = (xml: string) => parseFeed(xml, { baseUrl: 'https://weir.example.org/feed' });
    const itemsRead = async (xml: string) => feedOf(await read(xml)).items;

    it('reads Atom whose elements carry a prefix bound to the Atom namespace', async () => {
      const feed = feedOf(
        await read(
          '<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns="http://www.w3.org/1999/xhtml">' +
            '<a:title>Weir levels</a:title><a:link href="https://weir.example.org/"/>' +
            '<a:entry><a:id>urn:weir:1</a:id><a:title>Level rising</a:title>' +
            '<a:link href="https://weir.example.org/1"/><a:updated>2024-02-01T10:00:00Z</a:updated></a:entry>' +
            '</a:feed>',
        ),
      );

      expect(feed).toMatchObject({ format: 'atom', title: 'Weir levels' });
      expect(feed.items).toMatchObject([
        {
          identity: 'urn:weir:1',
          title: 'Level rising',
          url: 'https://weir.example.org/1',
          publishedAt: '2024-02-01T10:00:00.000Z',
        },
      ]);
    });

    it('reads prefixed Atom entries inside an unprefixed feed', async () => {
      const items = await itemsRead(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Weir</title>' +
          '<p0:entry xmlns:p0="http://www.w3.org/2005/Atom"><p0:id>urn:weir:2</p0:id>' +
          '<p0:title>Sluice opened</p0:title></p0:entry></feed>',
      );

      expect(items).toMatchObject([{ identity: 'urn:weir:2', title: 'Sluice opened' }]);
    });

    it('reads an Atom Entry Document as a feed of one entry', async () => {
      const items = await itemsRead(
        '<?xml version="1.0"?><entry xmlns="http://www.w3.org/2005/Atom"><id>urn:weir:5</id>' +
          '<title>Weir inspected</title></entry>',
      );

      expect(items).toMatchObject([{ identity: 'urn:weir:5', title: 'Weir inspected' }]);
    });

    it('reads RSS whose items stand in <rss> without a channel', async () => {
      const items = await itemsRead(
        '<rss><item><title>Eel count</title><guid>weir-6</guid></item></rss>',
      );

      expect(items).toMatchObject([{ identity: 'weir-6', title: 'Eel count' }]);
    });

    it('refuses a prefixed feed element outside the Atom namespace', async () => {
      const result = await read(
        '<x:feed xmlns:x="https://weir.example.org/not-atom"><x:entry/></x:feed>',
      );

      expect(result).toMatchObject({ ok: false, reason: 'not_a_feed' });
    });

    it('leaves the atom:link of an RSS channel apart from its own link', async () => {
      const feed = feedOf(
        await read(
          '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>' +
            '<atom:link rel="self" href="https://weir.example.org/feed"/>' +
            '<link>https://weir.example.org/</link><title>Weir</title>' +
            '<item><title>Gauge</title><link>https://weir.example.org/gauge</link></item>' +
            '</channel></rss>',
        ),
      );

      expect(feed).toMatchObject({ format: 'rss', link: 'https://weir.example.org/' });
    });

    it('reads the feed an XHTML page wraps', async () => {
      const items = await itemsRead(
        '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Feed</title></head>' +
          '<body><rss version="2.0"><channel><title>Weir</title>' +
          '<item><title>Gauge reading</title><guid>weir-9</guid></item></channel></rss></body></html>',
      );

      expect(items).toMatchObject([{ identity: 'weir-9', title: 'Gauge reading' }]);
    });

    it('keeps the item of an unparseable dc:date, without a date', async () => {
      const items = await itemsRead(
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Weir</title>' +
          '<item><title>Spillway</title><guid>weir-3</guid><dc:date>2024-13-45T99:00:00Z</dc:date></item>' +
          '<item><title>Fish pass</title><guid>weir-4</guid><dc:date>2024-02-03T04:05:06Z</dc:date></item>' +
          '</channel></rss>',
      );

      expect(items).toMatchObject([
        { identity: 'weir-3', publishedAt: null },
        { identity: 'weir-4', publishedAt: '2024-02-03T04:05:06.000Z' },
      ]);
    });
  });

  describe('reports documents nothing can be recovered from as parse_error', () => {
    it.each([
      ['malformed JSON', '{"version": "https://jsonfeed.org/version/1.1",'],
      ['a JSON Feed without items', '{"version": "https://jsonfeed.org/version/1"}'],
      ['XML cut short before its channel', '<rss version="2.0"><chan'],
    ])('%s', async (_name, body) => {
      const result = await parseFeed(body, { baseUrl: 'https://example.com/' });

      expect(result).toMatchObject({ ok: false, reason: 'parse_error' });
    });
  });

  describe('recovers from errors in the markup, as feedparser does', () => {
    const recovered = async (xml: string) =>
      feedOf(await parseFeed(xml, { baseUrl: 'https://mill.example.org/feed' }));

    it('keeps the complete items of a document cut short, and leaves out the item it ends inside', async () => {
      const feed = await recovered(await fixture('truncated.xml'));

      expect(feed.title).toBe('Cut short');
      expect(feed.items).toMatchObject([{ identity: 'cut-1', title: 'The first story' }]);
    });

    it('reads an undeclared entity and a bare ampersand as text', async () => {
      const feed = await recovered(
        '<rss version="2.0"><channel><title>Mill &nope;</title>' +
          '<item><title>Flour & bran</title><link>https://mill.example.org/a?x=1&y=2</link></item>' +
          '</channel></rss>',
      );

      expect(feed.title).toBe('Mill &nope;');
      expect(feed.items).toMatchObject([
        { title: 'Flour & bran', url: 'https://mill.example.org/a?x=1&y=2' },
      ]);
    });

    it('reads on past a tag left open and a CDATA section never closed', async () => {
      const feed = await recovered(
        '<rss version="2.0"><channel><title>Mill</title>' +
          '<item><guid>mill-1</guid><title>Sluice gate</item>' +
          '<item><guid>mill-2</guid><description><![CDATA[<p>Wheel turning</description></item>' +
          '</channel></rss>',
      );

      // The unclosed CDATA runs to the end of the document, so the second item is cut short.
      expect(feed.items).toMatchObject([{ identity: 'mill-1', title: 'Sluice gate' }]);
    });
  });

  describe('hostile documents', () => {
    it('never expands entities declared in a DOCTYPE (billion laughs)', async () => {
      const result = await parseFeed(await fixture('billion-laughs.xml'), {
        baseUrl: 'https://laughs.example.com/',
      });

      expect(result).toMatchObject({ ok: false, reason: 'parse_error' });
      expect(JSON.stringify(result).length).toBeLessThan(500);
    });

    it('never reads external entities (XXE)', async () => {
      const result = await parseFeed(await fixture('xxe.xml'), {
        baseUrl: 'https://innocent.example.com/',
      });

      expect(result).toMatchObject({ ok: false, reason: 'parse_error' });
      expect(JSON.stringify(result)).not.toMatch(/root:|nologin|\/bin\//);
    });

    it('survives nesting far deeper than any recursion could follow', async () => {
      const depth = 50_000;
      const title = `${'<span>'.repeat(depth)}deep${'</span>'.repeat(depth)}`;
      const result = await parseFeed(
        `<rss version="2.0"><channel><item><title>${title}</title><guid>deep-1</guid></item></channel></rss>`,
        { baseUrl: 'https://example.com/' },
      );

      expect(feedOf(result).items).toMatchObject([{ identity: 'deep-1', title: 'deep' }]);
    });

    it('keeps a feed whose every field arrives as an object or in an odd shape', async () => {
      const result = await parseFeed(
        `<feed xmlns="http://www.w3.org/2005/Atom">
          <entry>
            <id>  odd-1  </id>
            <title type="text">Odd &amp; ends</title>
            <link>https://example.com/odd</link>
            <published>2024-13-45T99:99:99Z</published>
            <category>plain text category</category>
          </entry>
        </feed>`,
        { baseUrl: 'https://example.com/' },
      );

      expect(feedOf(result).items).toMatchObject([
        {
          identity: 'odd-1',
          title: 'Odd & ends',
          url: 'https://example.com/odd',
          publishedAt: null,
          categories: ['plain text category'],
        },
      ]);
    });
  });

  describe('characters no store can hold', () => {
    /** U+0000, or half a surrogate pair, anywhere in the parsed feed. */
    const UNSTORABLE =
      // eslint-disable-next-line no-control-regex -- finding U+0000 is the point.
      /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    const unstorableFields = (feed: ParsedFeed): string[] =>
      feed.items.flatMap((item, index) =>
        Object.entries(item)
          .filter(([, value]) => UNSTORABLE.test(String(value)))
          .map(([field]) => `${index}.${field}`),
      );

    it('cleans U+0000 and lone surrogates out of RSS items, raw or as references, and keeps every item', async () => {
      const feed = feedOf(
        await parseFeed(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire&#0;</title>
            <item><guid>raw-\u0000nul</guid><title>Raw\u0000NUL in the title</title></item>
            <item><guid>ref-&#0;nul</guid><title>Referenced &#x0;NUL</title></item>
            <item><guid>half-&#xD800;</guid><title>Half a pair</title>
              <description>Lone &#xDC00;surrogate &amp;#0; and &#1; and &#xFFFE; in HTML</description>
              <category>tag&#xD83D;</category></item>
            <item><guid>good</guid><title>Good &#x1F600; &#65;</title></item>
          </channel></rss>`,
          { baseUrl: 'https://wire.example/' },
        ),
      );

      expect(unstorableFields(feed)).toEqual([]);
      expect(feed.title).toBe('Wire\ufffd');
      expect(
        feed.items.map(({ identity, title, summary, categories }) => ({
          identity,
          title,
          summary,
          categories,
        })),
      ).toEqual([
        { identity: 'raw-nul', title: 'Raw NUL in the title', summary: '', categories: [] },
        { identity: 'ref-\ufffdnul', title: 'Referenced \ufffdNUL', summary: '', categories: [] },
        {
          identity: 'half-\ufffd',
          title: 'Half a pair',
          summary: 'Lone \ufffdsurrogate \ufffd and \ufffd and \ufffd in HTML',
          categories: ['tag\ufffd'],
        },
        { identity: 'good', title: 'Good \u{1F600} A', summary: '', categories: [] },
      ]);
    });

    it('cleans them out of every JSON Feed field, and an identity hashes as before', async () => {
      const feed = feedOf(
        await parseFeed(
          JSON.stringify({
            version: 'https://jsonfeed.org/version/1.1',
            title: 'Canal\ud800',
            items: [
              {
                id: 'j\u0000-\udfff',
                url: 'https://canal.example/a\u0000b\ud800',
                title: 'Title\u0000with NUL',
                content_text: 'Summary with\ud83d a lone high half',
                tags: ['tag\u0000', 'x\udc00'],
                language: 'en\u0000',
              },
              { title: 'Only a title\ud800', date_published: '2024-06-03T10:00:00Z' },
              { id: 'fine', title: 'Fine \ud83d\ude00' },
            ],
          }),
          { baseUrl: 'https://canal.example/' },
        ),
      );

      expect(unstorableFields(feed)).toEqual([]);
      expect(feed.title).toBe('Canal\ufffd');
      expect(feed.items).toMatchObject([
        {
          identity: 'j-\ufffd',
          url: 'https://canal.example/a%00b%EF%BF%BD',
          title: 'Title with NUL',
          summary: 'Summary with\ufffd a lone high half',
          categories: ['tag', 'x\ufffd'],
          language: null,
        },
        {
          identity: sha256('only a title\ufffd\n2024-06-03T10:00:00.000Z'),
          title: 'Only a title\ufffd',
        },
        { identity: 'fine', title: 'Fine \u{1F600}' },
      ]);
    });

    it('gives a parse error whose message, quoting the document, is storable too', async () => {
      const result = await parseFeed(
        '{"version":"https://jsonfeed.org/version/1.1","items":[\ud800\u0000]}',
        {
          baseUrl: 'https://canal.example/',
        },
      );

      expect(result).toMatchObject({ ok: false, reason: 'parse_error' });
      expect(result.ok ? '' : result.message).toContain('\ufffd');
      expect(result.ok ? '' : result.message).not.toMatch(UNSTORABLE);
    });
  });

  describe('large documents', () => {
    const ITEMS = 6_000;
    const largeFeed = (): string => {
      const filler = 'Harbour news in plain words, repeated to give the feed some weight. '.repeat(
        7,
      );
      const items = Array.from(
        { length: ITEMS },
        (_, i) =>
          `<item><title>Story number ${i}</title><guid isPermaLink="false">story-${i}</guid>` +
          `<description>${filler}</description><pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate></item>`,
      );
      return `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${items.join('\n')}</channel></rss>`;
    };

    it('parses a 3 MB feed in a worker thread while the event loop keeps turning', async () => {
      const text = largeFeed();
      expect(text.length).toBeGreaterThan(3_000_000);
      let ticks = 0;
      const ticker = setInterval(() => {
        ticks += 1;
      }, 1);

      const result = await parseFeed(text, { baseUrl: 'https://big.example.com/' });
      clearInterval(ticker);

      const { items } = feedOf(result);
      expect(items).toHaveLength(ITEMS);
      expect(items[ITEMS - 1]).toMatchObject({
        identity: `story-${ITEMS - 1}`,
        publishedAt: '2024-06-03T10:00:00.000Z',
      });
      expect(ticks).toBeGreaterThan(5);
    });

    it('parses a large JSON Feed in a worker thread too', async () => {
      const items = Array.from({ length: 4_000 }, (_, i) => ({
        id: `entry-${i}`,
        title: `Entry ${i}`,
        content_text: 'Canal news, told at length so that the document passes a megabyte. '.repeat(
          4,
        ),
      }));
      const text = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items });
      expect(text.length).toBeGreaterThan(1_000_000);

      const { items: parsed } = feedOf(
        await parseFeed(text, { baseUrl: 'https://big.example.com/' }),
      );

      expect(parsed).toHaveLength(4_000);
      expect(parsed[3_999]).toMatchObject({ identity: 'entry-3999', title: 'Entry 3999' });
    });

    it('stops a parse that exceeds its time budget', async () => {
      const result = await parseFeed(largeFeed(), {
        baseUrl: 'https://big.example.com/',
        timeoutMs: 1,
      });

      expect(result).toEqual({
        ok: false,
        reason: 'timeout',
        message: 'parsing took longer than 1 ms',
      });
    });
  });
});
