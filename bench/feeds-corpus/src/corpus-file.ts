import { open, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * The corpus's folder of XML bombs, external-entity payloads and DTD tricks (corpus README):
 * such a file must yield no item, expand no entity and end quickly in a reason. Every other
 * file, broken on purpose or not, is held to what Python feedparser reads in it.
 */
export const HOSTILE_FOLDER = 'hostile';

/** Each upstream project's license text travels with its files; it is not a corpus case. */
const UPSTREAM_LICENSE = 'LICENSE.upstream';

/** Encodings a corpus names its files after; matched anywhere in the path, `_` read as `-`. */
export const ENCODING_NAME_MARKERS = [
  'koi8',
  '1251',
  '1252',
  '8859',
  'big5',
  'gb2312',
  'gb18030',
  'shift-jis',
  'sjis',
  'euc-jp',
  'euc-kr',
  'utf-16',
  'utf16',
  'utf-32',
  'utf32',
] as const;

/** Declarations that say nothing beyond the UTF-8 default. */
const DEFAULT_CHARSET_LABELS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);

/** Where the decoder looks for the XML declaration, too. */
const PROLOG_BYTES = 1024;

export interface CorpusFile {
  readonly absolutePath: string;
  /** Relative to the corpus folder, with `/` separators: the file's name in every report. */
  readonly name: string;
  readonly hostile: boolean;
  /** The encoding the XML declaration names, when it is not UTF-8 or ASCII. */
  readonly declaredCharset: string | null;
  /** Declares a non-UTF-8 charset or is named after one: the mojibake check applies. */
  readonly declaresCharset: boolean;
}

/**
 * Every regular file under `dir`, recursively, sorted by name. Dot files (`.gitkeep`,
 * `.DS_Store`) are a checkout's furniture and `LICENSE.upstream` a notice, not corpus cases.
 */
export async function listCorpusFiles(dir: string): Promise<CorpusFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter(
        (entry) => entry.isFile() && !entry.name.startsWith('.') && entry.name !== UPSTREAM_LICENSE,
      )
      .map((entry) => describeFile(dir, join(entry.parentPath, entry.name))),
  );
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function describeFile(dir: string, absolutePath: string): Promise<CorpusFile> {
  const name = relative(dir, absolutePath).split(sep).join('/');
  const declaredCharset = prologEncoding(await readHead(absolutePath));
  return {
    absolutePath,
    name,
    hostile: isHostile(name),
    declaredCharset,
    declaresCharset: declaredCharset !== null || isNamedAfterEncoding(name),
  };
}

function isHostile(name: string): boolean {
  return name.split('/').includes(HOSTILE_FOLDER);
}

function isNamedAfterEncoding(name: string): boolean {
  const normalised = name.toLowerCase().replaceAll('_', '-');
  return ENCODING_NAME_MARKERS.some((marker) => normalised.includes(marker));
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(PROLOG_BYTES), 0, PROLOG_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Zero bytes dropped, so a UTF-16 or UTF-32 declaration reads as plainly as a UTF-8 one. */
function prologEncoding(head: Buffer): string | null {
  const text = Buffer.from(head.filter((byte) => byte !== 0)).toString('latin1');
  const label = /<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"'>]+)["']/i.exec(text)?.[1];
  if (label === undefined) return null;
  const normalised = label.trim().toLowerCase();
  return DEFAULT_CHARSET_LABELS.has(normalised) ? null : normalised;
}
