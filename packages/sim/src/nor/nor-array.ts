/**
 * The NOR cell array of a flash model (research/imxrt.md §2.2, "Program semantics for a
 * simulator"): erased cells read 0xFF, programming can only clear bits (the data is ANDed into
 * the array), and only an erase sets bits back to 1.
 *
 * Offsets are byte offsets inside the part. A range that runs past the end continues at offset 0,
 * as a serial read does when it reaches the top of the array; the command models keep programs
 * inside one page themselves.
 *
 * Fault injection: stuck bits. A cell can have bits stuck at 0 and bits stuck at 1. They are
 * applied when they are set and after every program, erase and load, so every read sees them.
 */
export interface StuckBits {
  /** Bits that always read 0, whatever is programmed or erased. */
  readonly stuckAt0: number;
  /** Bits that always read 1: programming cannot clear them. */
  readonly stuckAt1: number;
}

export class NorArray {
  readonly sizeBytes: number;
  private readonly cells: Uint8Array;
  private readonly stuck = new Map<number, StuckBits>();

  /**
   * @param initial a saved image: copied to offset 0; a shorter image leaves the rest erased.
   * @throws RangeError when the size is not a positive integer or the image is larger than the part.
   */
  constructor(sizeBytes: number, initial?: Uint8Array) {
    if (!Number.isInteger(sizeBytes) || sizeBytes <= 0) throw new RangeError(`bad flash array size ${sizeBytes}`);
    if (initial !== undefined && initial.length > sizeBytes) {
      throw new RangeError(`initial image of ${initial.length} bytes does not fit a ${sizeBytes}-byte flash array`);
    }
    this.sizeBytes = sizeBytes;
    this.cells = new Uint8Array(sizeBytes).fill(0xff);
    if (initial !== undefined) this.cells.set(initial, 0);
  }

  /** A copy of `length` bytes from `offset` (wrapping at the end of the array). */
  read(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    this.readInto(offset, out, 0, length);
    return out;
  }

  /** Copies `length` bytes from `offset` (wrapping) into `out` at `outOffset`. */
  readInto(offset: number, out: Uint8Array, outOffset: number, length: number): void {
    let from = this.wrap(offset);
    let at = outOffset;
    let left = length;
    while (left > 0) {
      const chunk = Math.min(left, this.sizeBytes - from);
      out.set(this.cells.subarray(from, from + chunk), at);
      at += chunk;
      left -= chunk;
      from = 0;
    }
  }

  /** NOR program: every cell becomes `cell & data` (bits only go 1 → 0). Wraps at the end. */
  program(offset: number, data: Uint8Array): void {
    const cells = this.cells;
    let to = this.wrap(offset);
    let from = 0;
    while (from < data.length) {
      const chunk = Math.min(data.length - from, this.sizeBytes - to);
      for (let i = 0; i < chunk; i++) cells[to + i]! &= data[from + i]!;
      this.applyStuck(to, chunk);
      from += chunk;
      to = 0;
    }
  }

  /** Sets `length` bytes from `offset` to 0xFF (wrapping). */
  erase(offset: number, length: number): void {
    this.forEachRange(offset, length, (start, chunk) => {
      this.cells.fill(0xff, start, start + chunk);
      this.applyStuck(start, chunk);
    });
  }

  /**
   * Overwrites cells without NOR rules: for loading a saved image or preparing a test. Not a
   * flash operation (real cells cannot do this).
   */
  load(offset: number, data: Uint8Array): void {
    let to = this.wrap(offset);
    let from = 0;
    while (from < data.length) {
      const chunk = Math.min(data.length - from, this.sizeBytes - to);
      this.cells.set(data.subarray(from, from + chunk), to);
      this.applyStuck(to, chunk);
      from += chunk;
      to = 0;
    }
  }

  /** Fault injection: bits of the cell at `offset` stuck at 0 and/or 1 (replaces earlier masks). */
  setStuckBits(offset: number, bits: StuckBits): void {
    const at = this.wrap(offset);
    this.stuck.set(at, { stuckAt0: bits.stuckAt0 & 0xff, stuckAt1: bits.stuckAt1 & 0xff & ~bits.stuckAt0 });
    this.applyStuck(at, 1);
  }

  /** Removes every stuck bit (cells keep the value they have now). */
  clearStuckBits(): void {
    this.stuck.clear();
  }

  /** A copy of the whole array. */
  snapshot(): Uint8Array {
    return this.cells.slice();
  }

  private wrap(offset: number): number {
    const o = offset % this.sizeBytes;
    return o < 0 ? o + this.sizeBytes : o;
  }

  private forEachRange(offset: number, length: number, fn: (start: number, chunk: number) => void): void {
    let start = this.wrap(offset);
    let left = Math.min(length, this.sizeBytes);
    while (left > 0) {
      const chunk = Math.min(left, this.sizeBytes - start);
      fn(start, chunk);
      left -= chunk;
      start = 0;
    }
  }

  private applyStuck(start: number, length: number): void {
    if (this.stuck.size === 0) return;
    const end = start + length;
    for (const [at, bits] of this.stuck) {
      if (at >= start && at < end) this.cells[at] = (this.cells[at]! & ~bits.stuckAt0) | bits.stuckAt1;
    }
  }
}
