/**
 * mulberry32: tiny, fast and good enough for test data. Every run of the bench sees the same
 * vocabulary, items and rules, so numbers from two runs (or two machines) compare.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    const value = values[Math.floor(this.next() * values.length)];
    if (value === undefined) throw new RangeError('pick from an empty list');
    return value;
  }
}

/**
 * Draws indexes 0..n-1 with probability proportional to 1 / (rank + 1)^exponent, the shape of
 * word frequencies in running text: a few words everywhere, a long tail seen now and then.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(size: number, exponent = 1) {
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let rank = 0; rank < size; rank++) {
      total += 1 / (rank + 1) ** exponent;
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < size; rank++) {
      this.cumulative[rank] = (this.cumulative[rank] ?? 0) / total;
    }
  }

  sample(random: SeededRandom): number {
    const target = random.next();
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cumulative[middle] ?? 1) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
