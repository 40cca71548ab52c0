import type { Occurrence } from './rule-expression.js';
import { type NormalisedToken, normalise } from './text.normaliser.js';

/** Phrases that share their first words share a path; `leaf` marks where one ends. */
interface TrieNode {
  readonly next: Map<number, TrieNode>;
  leaf: number | undefined;
}

/** A piece of an item matched on its own: the title, the summary or one category. */
export interface ScanSegment {
  readonly text: string;
  readonly field: number;
}

/**
 * Every word pattern of every rule in one structure: a dictionary of normalised words, the
 * phrases as a trie over word ids, the prefixes in a map probed with each word's own prefixes.
 * Scanning an item costs the same whatever the number of rules: one dictionary look-up per
 * word, a trie walk only from words that start a phrase, and prefix probes once per distinct
 * word.
 */
export class PatternIndex {
  private readonly wordIds = new Map<string, number>();
  /** Single-word patterns, by word id. */
  private readonly wordLeaves: (number | undefined)[] = [];
  private readonly phrases = new Map<number, TrieNode>();
  private readonly prefixes = new Map<string, number>();
  private shortestPrefix = Infinity;
  private longestPrefix = 0;
  private readonly leaves = new Map<string, number>();

  /** The leaf id of a sequence of normalised words: one word, or a phrase. */
  addSequence(words: readonly [string, ...string[]]): number {
    const key = `w:${words.join(' ')}`;
    const known = this.leaves.get(key);
    if (known !== undefined) return known;
    const leaf = this.newLeaf(key);
    const first = this.wordId(words[0]);
    const rest = words.slice(1).map((word) => this.wordId(word));
    if (rest.length === 0) {
      this.wordLeaves[first] = leaf;
      return leaf;
    }
    let node = this.phrases.get(first);
    if (!node) this.phrases.set(first, (node = { next: new Map(), leaf: undefined }));
    for (const id of rest) {
      let child: TrieNode | undefined = node.next.get(id);
      if (!child) node.next.set(id, (child = { next: new Map(), leaf: undefined }));
      node = child;
    }
    node.leaf = leaf;
    return leaf;
  }

  /** The leaf id of a normalised prefix. */
  addPrefix(prefix: string): number {
    const key = `p:${prefix}`;
    const known = this.leaves.get(key);
    if (known !== undefined) return known;
    const leaf = this.newLeaf(key);
    this.prefixes.set(prefix, leaf);
    this.shortestPrefix = Math.min(this.shortestPrefix, prefix.length);
    this.longestPrefix = Math.max(this.longestPrefix, prefix.length);
    return leaf;
  }

  /** The occurrences of every pattern found in the segments, by leaf id. */
  scan(segments: readonly ScanSegment[]): Map<number, Occurrence[]> {
    const found = new Map<number, Occurrence[]>();
    const prefixesOf = new Map<string, readonly number[]>();
    segments.forEach(({ text, field }, segment) => {
      const { tokens } = normalise(text);
      const ids = tokens.map((token) => this.wordIds.get(token.text));
      const record = (leaf: number, from: NormalisedToken, to: NormalisedToken) => {
        const occurrence: Occurrence = {
          segment,
          field,
          first: from.position,
          last: to.position + to.span - 1,
          start: from.start,
          end: to.end,
        };
        const list = found.get(leaf);
        if (list) list.push(occurrence);
        else found.set(leaf, [occurrence]);
      };
      const startingAt = this.phrases.size > 0 ? byPosition(tokens) : [];
      /** Follows the trie along the lattice: the next word starts where this one ends. */
      const walk = (node: TrieNode, from: NormalisedToken, to: NormalisedToken) => {
        for (const index of startingAt[to.position + to.span] ?? []) {
          const id = ids[index];
          const child = id === undefined ? undefined : node.next.get(id);
          const token = tokens[index];
          if (!child || !token) continue;
          if (child.leaf !== undefined) record(child.leaf, from, token);
          walk(child, from, token);
        }
      };
      tokens.forEach((token, index) => {
        const id = ids[index];
        if (id !== undefined) {
          const leaf = this.wordLeaves[id];
          if (leaf !== undefined) record(leaf, token, token);
          const phrase = this.phrases.get(id);
          if (phrase) walk(phrase, token, token);
        }
        let leaves = prefixesOf.get(token.text);
        if (!leaves) prefixesOf.set(token.text, (leaves = this.prefixLeaves(token.text)));
        for (const leaf of leaves) record(leaf, token, token);
      });
    });
    return found;
  }

  private prefixLeaves(word: string): number[] {
    const leaves: number[] = [];
    const longest = Math.min(word.length, this.longestPrefix);
    for (let length = this.shortestPrefix; length <= longest; length++) {
      const leaf = this.prefixes.get(word.slice(0, length));
      if (leaf !== undefined) leaves.push(leaf);
    }
    return leaves;
  }

  private wordId(word: string): number {
    let id = this.wordIds.get(word);
    if (id === undefined) this.wordIds.set(word, (id = this.wordIds.size));
    return id;
  }

  private newLeaf(key: string): number {
    const leaf = this.leaves.size;
    this.leaves.set(key, leaf);
    return leaf;
  }
}

/** Token indexes by the position they start at. */
function byPosition(tokens: readonly NormalisedToken[]): number[][] {
  const result: number[][] = [];
  tokens.forEach((token, index) => (result[token.position] ??= []).push(index));
  return result;
}
