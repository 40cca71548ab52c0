const BITS = 64;
const HEX = /^[0-9a-f]{16}$/i;

/**
 * Bound once: inside a vm context (jest) every global lookup goes through an interceptor, which
 * costs a hundred times the multiplication itself, and this runs for every character.
 */
const imul = Math.imul;

/**
 * 64-bit SimHash (Charikar) of a text's words and word pairs, as 16 hex digits. Each feature
 * votes on every bit with its own hash; the fingerprint keeps the majority. Texts sharing most
 * features share most bits: a fixed typo or a reworded clause moves a few bits, while unrelated
 * texts differ in about half of them. Words alone would ignore order; pairs alone would let one
 * edited word move three features of a short text.
 */
export function simHash(text: string): string {
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return '0'.repeat(BITS / 4);
  const votes = new Int32Array(BITS);
  const vote = (high: number, low: number): void => {
    for (let bit = 0; bit < 32; bit += 1) {
      votes[bit] = (votes[bit] ?? 0) + ((high >>> bit) & 1 ? 1 : -1);
      votes[bit + 32] = (votes[bit + 32] ?? 0) + ((low >>> bit) & 1 ? 1 : -1);
    }
  };
  let previous: readonly [number, number] | undefined;
  for (const word of words) {
    const current = fnv1a(word);
    vote(mix(current[0]), mix(current[1]));
    // A pair's hash is its words' hashes combined: no string per pair.
    if (previous)
      vote(mix(imul(previous[0], 31) ^ current[0]), mix(imul(previous[1], 37) ^ current[1]));
    previous = current;
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit += 1) {
    if ((votes[bit] ?? 0) > 0) high |= 1 << bit;
    if ((votes[bit + 32] ?? 0) > 0) low |= 1 << bit;
  }
  return hex32(high) + hex32(low);
}

/** Number of differing bits between two fingerprints made by simHash. */
export function hammingDistance(a: string, b: string): number {
  if (!HEX.test(a) || !HEX.test(b)) {
    throw new RangeError(`fingerprints must be 16 hex digits: "${a}", "${b}"`);
  }
  const high = parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16);
  const low = parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16);
  return popCount(high) + popCount(low);
}

/** Two 32-bit FNV-1a lanes from different offset bases: one pass for 64 bits of hash. */
function fnv1a(text: string): [number, number] {
  let high = 0x811c9dc5;
  let low = 0x050c5d1f;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    high = imul(high ^ code, 0x01000193);
    low = imul(low ^ code, 0x01000193);
  }
  return [high, low ^ 0x9e3779b9];
}

/** murmur3's finaliser: FNV alone leaves the high bits of short inputs poorly mixed. */
function mix(value: number): number {
  let h = value;
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function popCount(value: number): number {
  let v = value >>> 0;
  let count = 0;
  while (v !== 0) {
    v &= v - 1;
    count += 1;
  }
  return count;
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
