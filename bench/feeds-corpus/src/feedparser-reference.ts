import { readFile } from 'node:fs/promises';

/**
 * What Python feedparser reads in each corpus file, written by scripts/feedparser-reference.py
 * (see its header for the command that regenerates it). Committed, so neither the suite nor the
 * tests need Python.
 */
export const DEFAULT_REFERENCE_PATH = new URL('../feedparser-reference.json', import.meta.url);

export interface ReferenceEntry {
  readonly entries: number;
  readonly bozo: boolean;
  /** feedparser's own entries hold U+FFFD: the document has it, so Vigil's may too. */
  readonly replacementCharacters: boolean;
  readonly timedOut?: boolean;
}

export interface FeedparserReference {
  readonly generator: string;
  /** Keyed by path relative to the corpus folder, `/` separators. */
  readonly files: Readonly<Record<string, ReferenceEntry>>;
}

export async function loadReference(path: URL | string): Promise<FeedparserReference> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as FeedparserReference;
  if (typeof parsed.generator !== 'string' || typeof parsed.files !== 'object') {
    throw new Error(`${String(path)} is not a feedparser reference (no generator or files)`);
  }
  return parsed;
}

/** The reference's entry for a corpus file, if the file was in the corpus it was made from. */
export function referenceEntry(
  reference: FeedparserReference,
  name: string,
): ReferenceEntry | undefined {
  return Object.hasOwn(reference.files, name) ? reference.files[name] : undefined;
}
