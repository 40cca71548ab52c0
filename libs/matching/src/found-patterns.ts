import { grown } from './growable.js';

/** Upper bound of the generation counters below, before they start again from 1. */
const LAST_GENERATION = 0x3fffffff;
/**
 * A leaf's state in FoundPatterns.leafStates, 16 bytes so that a cache line holds whole ones:
 * the generation stamp, then HEAD, TAIL and FIELDS.
 */
const LEAF_STATE = 4;
const HEAD = 1;
const TAIL = 2;
const FIELDS = 3;

/**
 * The patterns found in one item: each occurrence a row of parallel typed arrays, each leaf's
 * occurrences a linked list through `nexts`, in the order found. Per-leaf entries are valid
 * only when stamped with the current generation, so starting the next item clears nothing.
 */
export class FoundPatterns {
  /** Occurrences, by index below `count`. */
  count = 0;
  /** Title, summary, then each category: words in different segments are never near. */
  segments = new Int32Array(1024);
  /** The segment's field bit, for scopes. */
  fields = new Int32Array(1024);
  /** First and last word positions covered, for NEAR. */
  firsts = new Int32Array(1024);
  lasts = new Int32Array(1024);
  /** Offsets into the segment's original text, for the explanation. */
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  /** The next occurrence of the same leaf, or -1. */
  nexts = new Int32Array(1024);

  /** Leaves with at least one occurrence, in the order first found. */
  leaves = new Int32Array(256);
  leafCount = 0;

  /** Where `add` records: set by `beginSegment`. */
  private segment = 0;
  private field = 0;
  private generation = 1;
  /**
   * Per leaf, side by side so that one cache line serves all: the generation it was last found
   * in, its first and latest occurrences, the union of their fields (LEAF_STATE).
   */
  private readonly leafStates: Int32Array;

  constructor(leaves: number) {
    this.leafStates = new Int32Array(leaves * LEAF_STATE);
  }

  /** Forgets the previous item. */
  reset(): void {
    this.count = 0;
    this.leafCount = 0;
    if (++this.generation === LAST_GENERATION) {
      this.leafStates.fill(0);
      this.generation = 1;
    }
  }

  /** Occurrences added from now on are in this segment, of this field. */
  beginSegment(segment: number, field: number): void {
    this.segment = segment;
    this.field = field;
  }

  add(leaf: number, first: number, last: number, start: number, end: number): void {
    const { field } = this;
    const index = this.count++;
    if (index === this.segments.length) this.grow();
    this.segments[index] = this.segment;
    this.fields[index] = field;
    this.firsts[index] = first;
    this.lasts[index] = last;
    this.starts[index] = start;
    this.ends[index] = end;
    this.nexts[index] = -1;
    const { leafStates } = this;
    const state = leaf * LEAF_STATE;
    if (leafStates[state] === this.generation) {
      this.nexts[leafStates[state + TAIL] ?? 0] = index;
      leafStates[state + FIELDS] = (leafStates[state + FIELDS] ?? 0) | field;
    } else {
      leafStates[state] = this.generation;
      leafStates[state + HEAD] = index;
      leafStates[state + FIELDS] = field;
      if (this.leafCount === this.leaves.length) this.leaves = grown(this.leaves);
      this.leaves[this.leafCount++] = leaf;
    }
    leafStates[state + TAIL] = index;
  }

  /** The fields the leaf occurs in, as bits; 0 when it does not occur. */
  fieldsOf(leaf: number): number {
    const state = leaf * LEAF_STATE;
    const found = this.leafStates[state] === this.generation;
    return found ? (this.leafStates[state + FIELDS] ?? 0) : 0;
  }

  /** The leaf's first occurrence, from which `nexts` leads to the others; -1 for none. */
  firstOf(leaf: number): number {
    const state = leaf * LEAF_STATE;
    const found = this.leafStates[state] === this.generation;
    return found ? (this.leafStates[state + HEAD] ?? -1) : -1;
  }

  private grow(): void {
    this.segments = grown(this.segments);
    this.fields = grown(this.fields);
    this.firsts = grown(this.firsts);
    this.lasts = grown(this.lasts);
    this.starts = grown(this.starts);
    this.ends = grown(this.ends);
    this.nexts = grown(this.nexts);
  }
}

/** A stack of occurrence or rule indexes, reused from one item to the next. */
export class IndexStack {
  items = new Int32Array(256);
  length = 0;

  push(value: number): void {
    if (this.length === this.items.length) this.items = grown(this.items);
    this.items[this.length++] = value;
  }
}
