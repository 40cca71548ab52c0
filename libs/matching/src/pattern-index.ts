import type { FoundPatterns } from './found-patterns.js';
import { HASH_SEED, HashFilter, StringTable, hashStep } from './string-table.js';
import { ASCII_LOWER_BIT, TokenBuffer, tokenize } from './text.normaliser.js';

/** Phrases that share their first words share a path; `leaf` marks where one ends. */
interface TrieNode {
  readonly next: Map<number, TrieNode>;
  leaf: number | undefined;
}

/**
 * Every word pattern of every rule in one structure: a dictionary of normalised words, the
 * phrases as a trie over word ids, the prefixes in a table of their own. Scanning an item costs
 * the same whatever the number of rules: each word is hashed along its characters, its prefixes
 * of the lengths in use looked up with the hash so far and the word with the whole; a trie
 * walk follows only from words that start a phrase.
 */
export class PatternIndex {
  private readonly words = new StringTable();
  /** By word id: the leaf of the word on its own, or -1; the phrases it starts. */
  private readonly wordLeaves: number[] = [];
  private readonly phraseRoots: (TrieNode | undefined)[] = [];
  private readonly prefixes = new StringTable();
  /** By prefix id. */
  private readonly prefixLeaves: number[] = [];
  private readonly prefixTexts: string[] = [];
  private shortestPrefix = Infinity;
  private longestPrefix = 0;
  /**
   * The hashes of the beginnings of the prefixes, of every length from the shortest prefix's
   * on: a word's characters that are the beginning of none end its prefix look-ups. Built by
   * the first scan after prefixes were added.
   */
  private prefixStarts: HashFilter | undefined;
  private readonly leaves = new Map<string, number>();

  /** Per scan: the segment's tokens, their word ids (-1 for none), and by position the first. */
  private readonly tokens = new TokenBuffer();
  private ids = new Int32Array(256);
  private firstAt = new Int32Array(256);

  get leafCount(): number {
    return this.leaves.size;
  }

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
    let node = this.phraseRoots[first];
    if (!node) this.phraseRoots[first] = node = { next: new Map(), leaf: undefined };
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
    this.prefixLeaves[this.prefixes.add(prefix)] = leaf;
    this.shortestPrefix = Math.min(this.shortestPrefix, prefix.length);
    this.longestPrefix = Math.max(this.longestPrefix, prefix.length);
    this.prefixTexts.push(prefix);
    this.prefixStarts = undefined;
    return leaf;
  }

  /** Adds to `found` the occurrences of every pattern in the text, one segment of an item. */
  scan(text: string, found: FoundPatterns): void {
    const { tokens, wordLeaves, phraseRoots } = this;
    const prefixStarts = (this.prefixStarts ??= this.startsOfPrefixes());
    tokenize(text, tokens);
    const { count, positions } = tokens;
    if (count === 0) return;
    if (this.ids.length < count + 1) {
      this.ids = new Int32Array(count * 2);
      this.firstAt = new Int32Array(count * 2);
    }
    const { ids, firstAt } = this;
    // Positions run 0, 1, 2… with a compound's joined form and first part sharing one.
    let position = -1;
    for (let index = 0; index < count; index++) {
      ids[index] = this.lookUp(found, index, prefixStarts);
      if (positions[index] !== position) firstAt[(position = positions[index] ?? 0)] = index;
    }
    firstAt[position + 1] = count;

    for (let index = 0; index < count; index++) {
      const id = ids[index] ?? -1;
      if (id < 0) continue;
      const leaf = wordLeaves[id] ?? -1;
      if (leaf >= 0) this.record(found, leaf, index, index);
      const phrase = phraseRoots[id];
      if (phrase) this.walk(found, phrase, index, index);
    }
  }

  /**
   * The word id of a token, -1 if no rule has the word; on the way along its characters,
   * records the prefixes it starts with.
   */
  private lookUp(found: FoundPatterns, token: number, prefixStarts: HashFilter): number {
    const { tokens, prefixes } = this;
    const folded = tokens.texts[token];
    // The token's characters: source[start..end), each OR-ed with `fold`.
    const source = folded ?? tokens.source;
    const start = folded === null ? (tokens.starts[token] ?? 0) : 0;
    const end = folded === null ? (tokens.ends[token] ?? 0) : source.length;
    const fold = folded === null ? ASCII_LOWER_BIT : 0;
    // The hash so far is that of the prefix of that length: prefixes are looked up from the
    // shortest length on, until the characters so far begin no prefix (one loop over the
    // characters measured faster than splitting it at those points).
    let prefixesTo = Math.min(end, start + this.longestPrefix);
    let hash = HASH_SEED;
    for (let at = start; at < end;) {
      hash = hashStep(hash, source.charCodeAt(at) | fold);
      if (++at - start < this.shortestPrefix || at > prefixesTo) continue;
      if (prefixStarts.has(hash)) {
        const prefix = prefixes.find(hash, source, start, at, fold);
        if (prefix >= 0) this.record(found, this.prefixLeaves[prefix] ?? 0, token, token);
      } else {
        prefixesTo = start;
      }
    }
    return this.words.find(hash, source, start, end, fold);
  }

  private startsOfPrefixes(): HashFilter {
    const starts = new HashFilter();
    for (const prefix of this.prefixTexts) {
      let hash = HASH_SEED;
      for (let length = 1; length <= prefix.length; length++) {
        hash = hashStep(hash, prefix.charCodeAt(length - 1));
        if (length >= this.shortestPrefix) starts.add(hash);
      }
    }
    return starts;
  }

  /** Follows the phrase trie along the lattice: the next word starts where this one ends. */
  private walk(found: FoundPatterns, node: TrieNode, from: number, to: number): void {
    const { ids, firstAt, tokens } = this;
    const next = (tokens.positions[to] ?? 0) + (tokens.spans[to] ?? 0);
    if (next > (tokens.positions[tokens.count - 1] ?? 0)) return;
    const end = firstAt[next + 1] ?? 0;
    for (let index = firstAt[next] ?? 0; index < end; index++) {
      const child = node.next.get(ids[index] ?? -1);
      if (!child) continue;
      if (child.leaf !== undefined) this.record(found, child.leaf, from, index);
      if (child.next.size > 0) this.walk(found, child, from, index);
    }
  }

  private record(found: FoundPatterns, leaf: number, from: number, to: number): void {
    const { positions, spans, starts, ends } = this.tokens;
    found.add(
      leaf,
      positions[from] ?? 0,
      (positions[to] ?? 0) + (spans[to] ?? 0) - 1,
      starts[from] ?? 0,
      ends[to] ?? 0,
    );
  }

  private wordId(word: string): number {
    const id = this.words.add(word);
    if (id === this.wordLeaves.length) {
      this.wordLeaves.push(-1);
      this.phraseRoots.push(undefined);
    }
    return id;
  }

  private newLeaf(key: string): number {
    const leaf = this.leaves.size;
    this.leaves.set(key, leaf);
    return leaf;
  }
}
