import { grown } from './growable.js';

/**
 * A set of 32-bit hashes as one bit each, in an array small enough to stay in cache: `has` may
 * answer true for a hash never added (about one time in eight), never false for one added.
 * Rules out most look-ups before they read anything larger.
 */
export class HashFilter {
  private readonly hashes: number[] = [];
  private bits = new Int32Array(2);

  add(hash: number): void {
    this.hashes.push(hash);
    // About eight bits per hash.
    if (this.hashes.length * 8 > this.bits.length * 32) {
      this.bits = new Int32Array(this.bits.length * 2);
      for (const each of this.hashes) this.set(each);
    } else {
      this.set(hash);
    }
  }

  has(hash: number): boolean {
    const bit = filterBit(hash) & ((this.bits.length << 5) - 1);
    return ((this.bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
  }

  private set(hash: number): void {
    const bit = filterBit(hash) & ((this.bits.length << 5) - 1);
    this.bits[bit >>> 5] = (this.bits[bit >>> 5] ?? 0) | (1 << (bit & 31));
  }
}

/**
 * Strings by id, found by hash without building the string looked up: a word of an item is
 * hashed from its characters in the text. Open addressing over one typed array of (hash, id)
 * pairs behind a HashFilter, so that a miss, the usual outcome, reads no string and mostly
 * not even the slots; the strings' characters are kept end to end in one array, so that
 * checking a hit reads no scattered string either.
 */
export class StringTable {
  private readonly filter = new HashFilter();
  /** Per slot: the hash, then id + 1 (0 for an empty slot). */
  private slots = new Int32Array(64);
  /** String `id` is chars[offsets[id] .. offsets[id + 1]). */
  private chars = new Uint16Array(256);
  private offsets = new Int32Array(64);
  private count = 0;

  /** The id of the string, added if new; ids run from 0 in order of addition. */
  add(text: string): number {
    const hash = hashOf(text);
    const known = this.find(hash, text, 0, text.length, 0);
    if (known >= 0) return known;
    const id = this.count++;
    this.store(id, text);
    this.filter.add(hash);
    // At most half full, so that probe sequences stay short.
    if (this.count * 4 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      for (let each = 0; each < this.count; each++) this.place(this.hashAt(each), each);
    } else {
      this.place(hash, id);
    }
    return id;
  }

  /**
   * The id of the string whose UTF-16 code units are those of source[start..end), each OR-ed
   * with `fold` (ASCII_LOWER_BIT to lower-case ASCII letters and digits, 0 to take them as
   * they are), given their hash (hashStep over them from HASH_SEED); -1 if absent.
   */
  find(hash: number, source: string, start: number, end: number, fold: number): number {
    if (!this.filter.has(hash)) return -1;
    const { slots } = this;
    const mask = (slots.length >> 1) - 1;
    for (let slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
      const id = (slots[2 * slot + 1] ?? 0) - 1;
      if (id < 0) return -1;
      if (slots[2 * slot] === hash && this.same(id, source, start, end, fold)) return id;
    }
  }

  private same(id: number, source: string, start: number, end: number, fold: number): boolean {
    const { chars, offsets } = this;
    const from = offsets[id] ?? 0;
    if ((offsets[id + 1] ?? 0) - from !== end - start) return false;
    for (let index = start; index < end; index++) {
      if (chars[from + index - start] !== (source.charCodeAt(index) | fold)) return false;
    }
    return true;
  }

  private store(id: number, text: string): void {
    if (id + 2 > this.offsets.length) this.offsets = grown(this.offsets);
    const from = this.offsets[id] ?? 0;
    const to = from + text.length;
    while (to > this.chars.length) {
      const larger = new Uint16Array(this.chars.length * 2);
      larger.set(this.chars);
      this.chars = larger;
    }
    for (let index = 0; index < text.length; index++) {
      this.chars[from + index] = text.charCodeAt(index);
    }
    this.offsets[id + 1] = to;
  }

  private hashAt(id: number): number {
    let hash = HASH_SEED;
    const to = this.offsets[id + 1] ?? 0;
    for (let index = this.offsets[id] ?? 0; index < to; index++) {
      hash = hashStep(hash, this.chars[index] ?? 0);
    }
    return hash;
  }

  private place(hash: number, id: number): void {
    const { slots } = this;
    const mask = (slots.length >> 1) - 1;
    let slot = mix(hash) & mask;
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = id + 1;
  }
}

/** FNV-1a over UTF-16 code units: the hash of a string is a fold over its characters. */
export const HASH_SEED = 0x811c9dc5 | 0;

export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

function hashOf(text: string): number {
  let hash = HASH_SEED;
  for (let index = 0; index < text.length; index++) hash = hashStep(hash, text.charCodeAt(index));
  return hash;
}

/** FNV's low bits are its weakest: fold the high ones in before masking. */
function mix(hash: number): number {
  return hash ^ (hash >>> 15);
}

/** Other bits than mix(), so that strings sharing a slot rarely share a filter bit. */
function filterBit(hash: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> 7;
}
