import { compileWatchlist, type Matcher, type WatchlistDefinition } from '@app/matching';
import type { NewsItem } from './news-stream.js';

export interface CompiledWatchlist {
  readonly matcher: Matcher;
  readonly compileMs: number;
  /** Heap used after compiling minus before, after a full GC each time; NaN without --expose-gc. */
  readonly heapMb: number;
}

export interface MatcherRun {
  readonly items: number;
  readonly seconds: number;
  /** Rule indexes that matched, per item of one pass over the stream. */
  readonly matched: readonly (readonly number[])[];
}

const NO_CATEGORIES: readonly string[] = [];
const MAX_GC_ROUNDS = 10;
const SETTLED_BYTES = 64 * 1024;

/**
 * Some garbage (compiled RegExp code of the previous baseline, for one) only goes after several
 * collections, so collect until the heap stops shrinking.
 */
function heapUsedAfterGc(): number {
  const { gc } = globalThis;
  if (!gc) return NaN;
  let used = Infinity;
  for (let round = 0; round < MAX_GC_ROUNDS; round++) {
    gc();
    const now = process.memoryUsage().heapUsed;
    if (now >= used - SETTLED_BYTES) return now;
    used = now;
  }
  return used;
}

export function compileTimed(definition: WatchlistDefinition): CompiledWatchlist {
  const before = heapUsedAfterGc();
  const started = performance.now();
  const compiled = compileWatchlist(definition);
  const compileMs = performance.now() - started;
  if (!compiled.ok) {
    const [first] = compiled.errors;
    throw new Error(
      `${compiled.errors.length} rules did not compile, first: rule ${first?.rule}: ${first?.message}`,
    );
  }
  const heapMb = (heapUsedAfterGc() - before) / 2 ** 20;
  return { matcher: compiled.matcher, compileMs, heapMb };
}

/**
 * One untimed pass, which warms the JIT and records what matched, then whole passes over the
 * stream until `minSeconds` have gone by, so that a fast matcher is timed over enough work.
 */
export function runMatcher(
  matcher: Matcher,
  items: readonly NewsItem[],
  minSeconds: number,
): MatcherRun {
  const inputs = items.map(({ title, summary }) => ({ title, summary, categories: NO_CATEGORIES }));
  const matched = inputs.map((input) =>
    matcher.match(input).matches.map((match) => Number(match.rule)),
  );
  let processed = 0;
  let sink = 0;
  const started = performance.now();
  let elapsed = 0;
  while (processed === 0 || elapsed < minSeconds) {
    for (const input of inputs) sink += matcher.match(input).matches.length;
    processed += inputs.length;
    elapsed = (performance.now() - started) / 1000;
  }
  // The timed passes must find what the first one did, or the timing measured something else.
  const expected = matched.reduce((total, rules) => total + rules.length, 0);
  if (sink !== expected * (processed / inputs.length)) {
    throw new Error(`timed passes found ${sink} matches, expected ${expected} per pass`);
  }
  return { items: processed, seconds: elapsed, matched };
}
