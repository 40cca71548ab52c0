import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkCorpus, type FileResult } from '../src/check-corpus.js';
import { type CorpusFile, listCorpusFiles } from '../src/corpus-file.js';
import { CorpusServer } from '../src/corpus-server.js';
import { type CorpusSummary, summarise } from '../src/corpus-summary.js';
import { FEEDPARSER_EXCEPTIONS } from '../src/feedparser-exceptions.js';
import { DEFAULT_REFERENCE_PATH, loadReference } from '../src/feedparser-reference.js';

/**
 * The corpus verdict of `npm run corpus:feeds` on a slice of the corpus, within `npm test`'s
 * budget: every file of the classes issue 16 fixed, every hostile file, every documented
 * exception, and every EVERY_NTH other file. The whole corpus runs in `npm run corpus:feeds`.
 */
const CORPUS = resolve(import.meta.dirname, '../../../../shared/corpus/feeds');
const EVERY_NTH = 6;

/** One or more files of each class issue 16 names, by corpus path. */
const FIXED_CLASSES: Readonly<Record<string, readonly string[]>> = {
  'items with no guid, link or title': [
    'feedparser/tests/wellformed/geo/georss_box.xml',
    'feedparser/tests/wellformed/sanitize/item_description_onclick.xml',
    'gofeed/testdata/parser/rss/issue_36_enclosure_text.xml',
    'rss-parser/test/input/missing-fields.atom',
  ],
  'Atom under a prefix': [
    'node-feedparser/test/feeds/nondefaultnamespace.atom',
    'node-feedparser/test/feeds/complexNamespaceFeed.xml',
  ],
  'gzip without Content-Encoding': [
    'node-feedparser/test/feeds/compressed.xml',
    'node-feedparser/test/feeds/invalid-characters-gzipped.xml',
  ],
  'recoverable XML errors': [
    'node-feedparser/test/feeds/saxerror.xml',
    'feedparser/tests/illformed/rss_item_link_corrupted_ampersands.xml',
    'feedparser/tests/illformed/rdf_channel_empty_textinput.xml',
    'feedparser/tests/encoding/bozo_encoding_mismatch_crash.xml',
    'feedparser/tests/encoding/bozo_linenoise.xml',
  ],
  'undeclared legacy charsets': [
    'feedparser/tests/illformed/chardet/gb2312.xml',
    'feedparser/tests/illformed/chardet/koi8r.xml',
    'feedparser/tests/illformed/chardet/shiftjis.xml',
    'feedparser/tests/illformed/chardet/tis620.xml',
    'rss-parser/test/input/uolNoticias.rss',
  ],
  'an Atom Entry Document': ['feed-rs/feed-rs/fixture/atom/atom_entry_1.xml'],
};

function inSlice(file: CorpusFile, index: number): boolean {
  return (
    file.hostile ||
    index % EVERY_NTH === 0 ||
    Object.hasOwn(FEEDPARSER_EXCEPTIONS, file.name) ||
    Object.values(FIXED_CLASSES).some((names) => names.includes(file.name))
  );
}

describe('feeds corpus, held to Python feedparser (a slice)', () => {
  let slice: CorpusFile[];
  let results: FileResult[];
  let summary: CorpusSummary;

  beforeAll(async () => {
    expect(existsSync(CORPUS)).toBe(true);
    slice = (await listCorpusFiles(CORPUS)).filter(inSlice);
    const server = await CorpusServer.start(slice);
    try {
      results = await checkCorpus(
        slice,
        (file) => server.urlOf(file),
        2,
        AbortSignal.timeout(120_000),
      );
    } finally {
      await server.close();
    }
    const exceptionsInSlice = Object.fromEntries(
      Object.entries(FEEDPARSER_EXCEPTIONS).filter(([name]) =>
        slice.some((file) => file.name === name),
      ),
    );
    summary = summarise(results, await loadReference(DEFAULT_REFERENCE_PATH), exceptionsInSlice);
  }, 180_000);

  afterAll(() => {
    process.stdout.write(
      `feeds corpus slice: ${slice.length} files, ${summary.parity.compared} with feedparser ` +
        `entries, ${summary.parity.atOrAbove} at or above, ${summary.parity.excepted.length} ` +
        `excepted, ${summary.parity.below.length} below\n`,
    );
  });

  it('holds every named file, and every exception, in the slice', () => {
    const names = new Set(slice.map((file) => file.name));
    const named = [...Object.values(FIXED_CLASSES).flat(), ...Object.keys(FEEDPARSER_EXCEPTIONS)];

    expect(named.filter((name) => !names.has(name))).toEqual([]);
    expect(slice.length).toBeGreaterThan(150);
  });

  it('discovers at least as many items as feedparser in every file, bar the documented exceptions', () => {
    expect(summary.parity.notInReference).toEqual([]);
    expect(summary.parity.below).toEqual([]);
    expect(summary.parity.staleExceptions).toEqual([]);
  });

  it.each(Object.entries(FIXED_CLASSES))('reads %s', (_name, names) => {
    const itemsOf = (name: string) => {
      const outcome = results.find((result) => result.file.name === name)?.outcome;
      return outcome?.kind === 'items' ? outcome.items : 0;
    };

    expect(names.filter((name) => itemsOf(name) === 0)).toEqual([]);
  });

  it('reads no text as U+FFFD or Latin-1 mojibake', () => {
    expect(summary.mojibakeFiles).toEqual([]);
  });

  it('gets no item from a hostile file, and no hang or crash from any file', () => {
    expect(summary.hostile).toBe(18);
    expect(summary.hostileWithItems).toEqual([]);
    expect({ hangs: summary.hangs, crashes: summary.crashes }).toEqual({ hangs: 0, crashes: 0 });
  });
});
