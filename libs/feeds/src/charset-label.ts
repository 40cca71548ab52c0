import iconv from 'iconv-lite';

/**
 * Labels decoded with a superset, as browsers do (WHATWG Encoding Standard): a feed labelled
 * ISO-8859-1 or US-ASCII routinely carries windows-1252 curly quotes, and one labelled GB2312 or
 * GBK carries GB18030 characters. The superset decodes every valid byte of the label the same.
 */
const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'windows-1252': [
      'iso-8859-1',
      'iso8859-1',
      'iso_8859-1',
      'iso_8859-1:1987',
      'latin1',
      'l1',
      'us-ascii',
      'ascii',
      'ansi_x3.4-1968',
      'cp819',
      'ibm819',
      'iso-ir-100',
      'csisolatin1',
      'x-cp1252',
      'binary',
    ],
    'windows-1254': ['iso-8859-9', 'iso8859-9', 'iso_8859-9', 'latin5', 'l5'],
    'windows-874': ['iso-8859-11', 'iso8859-11', 'tis-620', 'tis620'],
    gb18030: ['gb2312', 'gb_2312', 'gb_2312-80', 'gbk', 'x-gbk', 'cp936', 'chinese', 'csgb2312'],
    shift_jis: [
      'shift-jis',
      'sjis',
      'x-sjis',
      'ms_kanji',
      'csshiftjis',
      'windows-31j',
      'ms932',
      'cp932',
    ],
    big5: ['big5-hkscs', 'cn-big5', 'csbig5', 'x-x-big5', 'cp950'],
    'euc-kr': ['ks_c_5601-1987', 'ks_c_5601-1989', 'ksc5601', 'ksc_5601', 'cp949', 'korean'],
    'utf-8': ['utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8'],
    'utf-16': ['utf16', 'ucs-2', 'ucs2', 'unicode', 'csunicode', 'iso-10646-ucs-2'],
    'utf-16be': ['utf16be', 'unicodefffe'],
    'utf-16le': ['utf16le', 'unicodefeff'],
    'utf-32': ['utf32', 'ucs-4', 'ucs4'],
    'utf-32be': ['utf32be'],
    'utf-32le': ['utf32le'],
    'koi8-r': ['koi8r', 'koi8_r', 'koi8', 'koi', 'cskoi8r'],
    'koi8-u': ['koi8-ru'],
    macintosh: ['mac', 'x-mac-roman', 'csmacintosh'],
  }).flatMap(([charset, labels]) => [
    [charset, charset],
    ...labels.map((label): [string, string] => [label, charset]),
  ]),
);

/**
 * Names iconv-lite accepts that are not text encodings (Node buffer encodings), or that let a
 * document smuggle markup past filters (UTF-7): a document declaring one is read as undeclared.
 */
const REFUSED = new Set(['base64', 'base64url', 'hex', 'utf-7', 'utf7', 'utf-7-imap', 'utf7imap']);

/** The encoding a charset label names, lower-case, or null when the label is unusable. */
export function resolveCharsetLabel(label: string | undefined): string | null {
  const normalised = label
    ?.trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!normalised || REFUSED.has(normalised)) return null;
  const windowsCodePage = /^(?:x-)?cp(125\d)$/.exec(normalised)?.[1];
  const charset =
    ALIASES.get(normalised) ?? (windowsCodePage ? `windows-${windowsCodePage}` : normalised);
  return iconv.encodingExists(charset) ? charset : null;
}

/** Code unit width of UTF-16 and UTF-32; 1 for every ASCII-compatible encoding. */
export function charsetWidth(charset: string): 1 | 2 | 4 {
  if (charset.startsWith('utf-16')) return 2;
  if (charset.startsWith('utf-32')) return 4;
  return 1;
}
