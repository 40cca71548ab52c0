import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { decodeFeedBody } from './decode-feed-body.js';
import { parseFeed } from './parse-feed.js';

/** An RSS document whose channel and only item are titled `title`, encoded as asked. */
function rssBytes(
  title: string,
  encoding: string,
  options: { prolog?: string; bom?: boolean } = {},
): Uint8Array {
  const declaration = options.prolog ? `<?xml version="1.0" encoding="${options.prolog}"?>\n` : '';
  const xml =
    `${declaration}<rss version="2.0"><channel><title>${title}</title>` +
    `<item><title>${title}</title><guid isPermaLink="false">only</guid></item></channel></rss>`;
  return iconv.encode(xml, encoding, { addBOM: options.bom ?? false });
}

async function titlesOf(text: string): Promise<[string | null, string | undefined]> {
  const result = await parseFeed(text, { baseUrl: 'https://feeds.example.com/rss' });
  if (!result.ok) throw new Error(`${result.reason}: ${result.message}`);
  return [result.feed.title, result.feed.items[0]?.title];
}

describe('decodeFeedBody', () => {
  it.each([
    {
      name: 'UTF-8 with a byte order mark',
      title: 'Café crème brûlée — “déjà vu” ✓ 日本 🚀',
      bytes: (t: string) => rssBytes(t, 'utf-8', { bom: true }),
      contentType: 'text/xml; charset=windows-1252',
      charset: 'utf-8',
      source: 'bom',
    },
    {
      name: 'UTF-16LE with a byte order mark',
      title: 'Zürich, Łódź and Ελλάδα 🌍',
      bytes: (t: string) => rssBytes(t, 'utf-16le', { bom: true, prolog: 'UTF-16' }),
      contentType: 'application/rss+xml',
      charset: 'utf-16le',
      source: 'bom',
    },
    {
      name: 'UTF-16BE without a byte order mark, known by its zero bytes',
      title: 'Señal de radio — ½ hora',
      bytes: (t: string) => rssBytes(t, 'utf-16be', { prolog: 'UTF-16' }),
      contentType: undefined,
      charset: 'utf-16be',
      source: 'xml-prolog',
    },
    {
      name: 'UTF-32LE with a byte order mark',
      title: 'Ünïcödé 𝄞',
      bytes: (t: string) => rssBytes(t, 'utf-32le', { bom: true }),
      contentType: undefined,
      charset: 'utf-32le',
      source: 'bom',
    },
    {
      name: 'windows-1251 declared only in the XML prolog',
      title: 'Новости: съезд в Москве — итоги',
      bytes: (t: string) => rssBytes(t, 'windows-1251', { prolog: 'windows-1251' }),
      contentType: 'application/xml',
      charset: 'windows-1251',
      source: 'xml-prolog',
    },
    {
      name: 'ISO-8859-1 declared in Content-Type',
      title: 'Ærø, Ålesund, ½ café déjà vu ß',
      bytes: (t: string) => rssBytes(t, 'iso-8859-1'),
      contentType: 'application/rss+xml; charset="ISO-8859-1"',
      charset: 'windows-1252',
      source: 'content-type',
    },
    {
      name: 'KOI8-R',
      title: 'Привет, мир! Ёлка у реки',
      bytes: (t: string) => rssBytes(t, 'koi8-r', { prolog: 'KOI8-R' }),
      contentType: 'text/xml',
      charset: 'koi8-r',
      source: 'xml-prolog',
    },
    {
      name: 'Big5',
      title: '臺北市政府公告：颱風停班停課',
      bytes: (t: string) => rssBytes(t, 'big5'),
      contentType: 'text/xml; charset=big5',
      charset: 'big5',
      source: 'content-type',
    },
    {
      name: 'GB18030, astral characters included',
      title: '北京天气预报：晴转多云 𠮷',
      bytes: (t: string) => rssBytes(t, 'gb18030', { prolog: 'GB18030' }),
      contentType: undefined,
      charset: 'gb18030',
      source: 'xml-prolog',
    },
    {
      name: 'GB2312 read as its superset GB18030',
      title: '上海新闻 — 今日要闻',
      bytes: (t: string) => rssBytes(t, 'gb18030', { prolog: 'gb2312' }),
      contentType: undefined,
      charset: 'gb18030',
      source: 'xml-prolog',
    },
    {
      name: 'Shift_JIS under its x-sjis alias',
      title: '東京の天気は晴れ、ニュース速報',
      bytes: (t: string) => rssBytes(t, 'shift_jis'),
      contentType: 'text/xml; charset=x-sjis',
      charset: 'shift_jis',
      source: 'content-type',
    },
    {
      name: 'windows-1252 with curly quotes',
      title: '“Smart” quotes, ‘single’ ones – and €5 …',
      bytes: (t: string) => rssBytes(t, 'windows-1252', { prolog: 'windows-1252' }),
      contentType: undefined,
      charset: 'windows-1252',
      source: 'xml-prolog',
    },
    {
      name: 'windows-1252 curly quotes in a document labelled ISO-8859-1',
      title: '“Labelled” latin-1, sent as ‘1252’ …',
      bytes: (t: string) => rssBytes(t, 'windows-1252', { prolog: 'ISO-8859-1' }),
      contentType: undefined,
      charset: 'windows-1252',
      source: 'xml-prolog',
    },
    {
      name: 'Content-Type overriding a wrong prolog',
      title: 'Погода в Киеве',
      bytes: (t: string) => rssBytes(t, 'windows-1251', { prolog: 'ISO-8859-1' }),
      contentType: 'text/xml; charset=windows-1251',
      charset: 'windows-1251',
      source: 'content-type',
    },
    {
      name: 'an unknown Content-Type label, skipped for the prolog',
      title: 'Ёж и ёлка',
      bytes: (t: string) => rssBytes(t, 'koi8-r', { prolog: 'koi8-r' }),
      contentType: 'text/xml; charset=x-no-such-charset',
      charset: 'koi8-r',
      source: 'xml-prolog',
    },
    {
      name: 'a UTF-16 Content-Type on a single-byte body, skipped',
      title: 'Plain ASCII headline',
      bytes: (t: string) => rssBytes(t, 'utf-8', { prolog: 'utf-8' }),
      contentType: 'text/xml; charset=utf-16',
      charset: 'utf-8',
      source: 'xml-prolog',
    },
    {
      name: 'a body that declares nothing',
      title: 'Grüße aus Köln',
      bytes: (t: string) => rssBytes(t, 'utf-8'),
      contentType: 'application/rss+xml',
      charset: 'utf-8',
      source: 'default',
    },
    {
      name: 'undeclared GB2312 (detected)',
      title: '港口管理局今天宣布，新的渡轮时刻表将于下周一开始实行，晚间航班保持不变。',
      bytes: (t: string) => rssBytes(t, 'gb2312'),
      contentType: 'application/xml',
      charset: 'gb18030',
      source: 'detected',
    },
    {
      name: 'undeclared KOI8-R (detected)',
      title:
        'Портовое управление объявило, что новое расписание паромов начнёт действовать с понедельника',
      bytes: (t: string) => rssBytes(t, 'koi8-r'),
      contentType: 'application/xml',
      charset: 'koi8-r',
      source: 'detected',
    },
    {
      name: 'undeclared Shift_JIS (detected)',
      title: '港湾局は本日、新しいフェリーの時刻表を来週の月曜日から実施すると発表しました。',
      bytes: (t: string) => rssBytes(t, 'shift_jis'),
      contentType: 'application/xml',
      charset: 'shift_jis',
      source: 'detected',
    },
    {
      name: 'undeclared UTF-8 after a blank line, never sent to the detector',
      title: 'Łódź — 日本',
      bytes: (t: string) => Buffer.concat([Buffer.from('\n\n'), rssBytes(t, 'utf-8')]),
      contentType: 'application/xml',
      charset: 'utf-8',
      source: 'default',
    },
    {
      name: 'a declaration after a blank line',
      title: 'Grüße aus Köln',
      bytes: (t: string) =>
        Buffer.concat([Buffer.from('\r\n\n'), rssBytes(t, 'latin1', { prolog: 'ISO-8859-1' })]),
      contentType: 'application/xml',
      charset: 'windows-1252',
      source: 'xml-prolog',
    },
  ])('decodes $name without mojibake', async ({ title, bytes, contentType, charset, source }) => {
    const decoded = decodeFeedBody(bytes(title), contentType);

    expect({ charset: decoded.charset, source: decoded.source }).toEqual({ charset, source });
    expect(decoded.text.startsWith('\ufeff')).toBe(false);
    expect(await titlesOf(decoded.text)).toEqual([title, title]);
  });

  it('reads a stray windows-1252 byte in a UTF-8 feed as windows-1252, and keeps the UTF-8 around it', async () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>'),
      Buffer.from('Tide ’high’ '),
      Buffer.from([0xa9, 0x80]),
      Buffer.from(' 2024 — 日本</title><item><title>x</title></item></channel></rss>'),
    ]);
    const decoded = decodeFeedBody(bytes, 'application/xml');

    expect(decoded).toMatchObject({ charset: 'utf-8', source: 'xml-prolog' });
    expect((await titlesOf(decoded.text))[0]).toBe('Tide ’high’ ©€ 2024 — 日本');
  });

  it('refuses labels that are not text encodings', () => {
    const decoded = decodeFeedBody(rssBytes('Plain', 'utf-8'), 'text/xml; charset=base64');

    expect(decoded).toMatchObject({ charset: 'utf-8', source: 'default' });
  });

  it('decodes an empty body as empty text', () => {
    expect(decodeFeedBody(new Uint8Array(0), undefined)).toEqual({
      text: '',
      charset: 'utf-8',
      source: 'default',
    });
  });
});
