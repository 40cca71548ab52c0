import { createRequire } from 'node:module';
import type compromise from 'compromise';

type Nlp = typeof compromise;

let loaded: Nlp | undefined;

/**
 * compromise's `nlp`, loaded on first use rather than with this lib: only the watchlist builder
 * (`vigil watchlist build`) reads a corpus, and loaded with the lib it cost every process that
 * matches (api, worker, the all-in-one) about 45 MB resident for nothing (docs/memory.md).
 * `require` of the package's CommonJS build of the same release, because it loads synchronously
 * and the builder stays synchronous.
 */
export function nlp(text: string): ReturnType<Nlp> {
  loaded ??= createRequire(import.meta.url)('compromise') as Nlp;
  return loaded(text);
}
