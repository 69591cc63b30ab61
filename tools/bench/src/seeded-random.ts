/**
 * mulberry32: a small seeded PRNG (32-bit state), so fixtures are the same bytes on every run and
 * every machine. Not for cryptography; Math.random is not used anywhere in the bench.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next value in [0, 2^32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b_79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Fills `bytes` with the next values, little-endian, four bytes per value. */
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
