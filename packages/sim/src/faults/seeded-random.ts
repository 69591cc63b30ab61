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

  /** The next value in [0, 2^32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b_79f5) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  }

  /** The next value in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** An integer in [0, limit). */
  below(limit: number): number {
    return Math.floor(this.next() * limit);
  }

  /** Fills `bytes` with the next values, little-endian, four bytes per value (fixtures, test data). */
  fill(bytes: Uint8Array): void {
    let i = 0;
    for (; i + 4 <= bytes.length; i += 4) {
      const v = this.nextUint32();
      bytes[i] = v & 0xff;
      bytes[i + 1] = (v >>> 8) & 0xff;
      bytes[i + 2] = (v >>> 16) & 0xff;
      bytes[i + 3] = v >>> 24;
    }
    if (i < bytes.length) {
      const v = this.nextUint32();
      for (let k = 0; i < bytes.length; i++, k++) bytes[i] = (v >>> (8 * k)) & 0xff;
    }
  }
}
