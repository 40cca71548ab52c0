/** What the preloaded hook answers about the process it runs in. */
export interface MemoryProbe {
  /** V8's heap in use and reserved, bytes (process.memoryUsage). */
  readonly heapUsed: number;
  readonly heapTotal: number;
  /** Memory held outside the V8 heap by JavaScript objects: PGlite's WASM memory, buffers. */
  readonly external: number;
  /** Every package loaded so far, by name. */
  readonly packages: readonly string[];
}
