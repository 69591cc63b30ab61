/**
 * A small seeded pseudo-random generator (the public-domain mulberry32 construction: a 32-bit
 * Weyl sequence through an integer mix; the sim's own copy, as the sim shares no code), so a
 * fault plan replays the same decisions for the same seed: fault tests must be deterministic,
 * and `Math.random` is not. Statistical quality is ample for noise injection; it is not for
 * anything else.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next value in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b_79f5) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 0x1_0000_0000;
  }

  /** An integer in [0, limit). */
  below(limit: number): number {
    return Math.floor(this.next() * limit);
  }
}
