import { isErasedRange, NOR_ARRAY_CHUNK_BYTES, type NorArrayImage } from './nor-array-image.js';

/**
 * The NOR cell array of a flash model (research/imxrt.md §2.2, "Program semantics for a
 * simulator"): erased cells read 0xFF, programming can only clear bits (the data is ANDed into
 * the array), and only an erase sets bits back to 1.
 *
 * Offsets are byte offsets inside the part. A range that runs past the end continues at offset 0,
 * as a serial read does when it reaches the top of the array; the command models keep programs
 * inside one page themselves.
 *
 * Storage is sparse: chunks of {@link NOR_ARRAY_CHUNK_BYTES} are allocated on the first write that
 * leaves them not all 0xFF, and an erase of a whole chunk frees it again, so a virtual 8 MiB part
 * holding a small image costs a few KiB (a gang of boards in one process pays per chunk written,
 * not per part). Chunks from an exported or loaded {@link NorArrayImage} are shared and copied on
 * the first write.
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
  /** One entry per chunk; undefined = all 0xFF. A chunk holding a stuck cell is always allocated. */
  private chunks: (Uint8Array | undefined)[];
  /** 1 where `chunks[i]` belongs to this array alone; 0 where it is shared with an image. */
  private owned: Uint8Array;
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
    const count = Math.ceil(sizeBytes / NOR_ARRAY_CHUNK_BYTES);
    this.chunks = new Array<Uint8Array | undefined>(count).fill(undefined);
    this.owned = new Uint8Array(count);
    if (initial !== undefined) this.load(0, initial);
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
      const index = (from / NOR_ARRAY_CHUNK_BYTES) | 0;
      const inChunk = from - index * NOR_ARRAY_CHUNK_BYTES;
      const n = Math.min(left, this.chunkLength(index) - inChunk);
      const chunk = this.chunks[index];
      if (chunk === undefined) out.fill(0xff, at, at + n);
      else if (n === chunk.length) out.set(chunk, at);
      else out.set(chunk.subarray(inChunk, inChunk + n), at);
      at += n;
      left -= n;
      from += n;
      if (from === this.sizeBytes) from = 0;
    }
  }

  /** NOR program: every cell becomes `cell & data` (bits only go 1 → 0). Wraps at the end. */
  program(offset: number, data: Uint8Array): void {
    let to = this.wrap(offset);
    let from = 0;
    while (from < data.length) {
      const index = (to / NOR_ARRAY_CHUNK_BYTES) | 0;
      const inChunk = to - index * NOR_ARRAY_CHUNK_BYTES;
      const n = Math.min(data.length - from, this.chunkLength(index) - inChunk);
      // ANDing 0xFF changes nothing: an erased chunk stays unallocated.
      if (this.chunks[index] !== undefined || !isErasedRange(data, from, from + n)) {
        const cells = this.writable(index);
        for (let i = 0; i < n; i++) cells[inChunk + i]! &= data[from + i]!;
        this.applyStuck(to, n);
      }
      from += n;
      to += n;
      if (to === this.sizeBytes) to = 0;
    }
  }

  /** Sets `length` bytes from `offset` to 0xFF (wrapping). */
  erase(offset: number, length: number): void {
    this.forEachChunkPiece(offset, Math.min(length, this.sizeBytes), (index, inChunk, n, at) => {
      if (this.chunks[index] === undefined) return; // erased already, and no stuck cell in it
      if (n === this.chunkLength(index) && !this.hasStuckIn(index)) {
        this.free(index);
        return;
      }
      this.writable(index).fill(0xff, inChunk, inChunk + n);
      this.applyStuck(at, n);
    });
  }

  /**
   * Overwrites cells without NOR rules: for loading a saved image or preparing a test. Not a
   * flash operation (real cells cannot do this).
   */
  load(offset: number, data: Uint8Array): void {
    let from = 0;
    this.forEachChunkPiece(offset, data.length, (index, inChunk, n, at) => {
      const blank = isErasedRange(data, from, from + n);
      if (blank && (this.chunks[index] === undefined || (n === this.chunkLength(index) && !this.hasStuckIn(index)))) {
        this.free(index);
      } else {
        this.writable(index).set(data.subarray(from, from + n), inChunk);
        this.applyStuck(at, n);
      }
      from += n;
    }, true);
  }

  /**
   * The whole array as a frozen sparse image, in time proportional to the chunk count: the
   * chunks are shared with the image (this array copies one before writing it again).
   */
  exportImage(): NorArrayImage {
    this.owned.fill(0);
    return { sizeBytes: this.sizeBytes, chunkBytes: NOR_ARRAY_CHUNK_BYTES, chunks: this.chunks.slice() };
  }

  /**
   * Replaces the whole array with `image` (as `load(0, bytes)` of its bytes would), sharing its
   * chunks; stuck bits are applied. RangeError for an image of another size or chunking.
   */
  loadImage(image: NorArrayImage): void {
    if (image.sizeBytes !== this.sizeBytes || image.chunkBytes !== NOR_ARRAY_CHUNK_BYTES || image.chunks.length !== this.chunks.length) {
      throw new RangeError(`a ${image.sizeBytes}-byte image in ${image.chunkBytes}-byte chunks does not fit a ${this.sizeBytes}-byte flash array`);
    }
    image.chunks.forEach((chunk, index) => {
      if (chunk !== undefined && chunk.length !== this.chunkLength(index)) throw new RangeError(`image chunk ${index} has ${chunk.length} bytes`);
    });
    this.chunks = image.chunks.slice();
    this.owned = new Uint8Array(this.chunks.length);
    for (const at of this.stuck.keys()) this.applyStuck(at, 1);
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
    return this.read(0, this.sizeBytes);
  }

  private wrap(offset: number): number {
    const o = offset % this.sizeBytes;
    return o < 0 ? o + this.sizeBytes : o;
  }

  private chunkLength(index: number): number {
    return Math.min(NOR_ARRAY_CHUNK_BYTES, this.sizeBytes - index * NOR_ARRAY_CHUNK_BYTES);
  }

  /** The chunk, allocated (erased) or copied from a shared image first, ready to be written. */
  private writable(index: number): Uint8Array {
    const chunk = this.chunks[index];
    if (chunk !== undefined && this.owned[index] === 1) return chunk;
    const own = chunk === undefined ? new Uint8Array(this.chunkLength(index)).fill(0xff) : chunk.slice();
    this.chunks[index] = own;
    this.owned[index] = 1;
    return own;
  }

  private free(index: number): void {
    this.chunks[index] = undefined;
    this.owned[index] = 0;
  }

  /**
   * Calls `fn(chunk index, offset in chunk, length, array offset)` for each chunk piece of
   * [offset, offset + length), wrapping at the top; `wrapAll` lets the range go round more than once.
   */
  private forEachChunkPiece(offset: number, length: number, fn: (index: number, inChunk: number, n: number, at: number) => void, wrapAll = false): void {
    let at = this.wrap(offset);
    let left = wrapAll ? length : Math.min(length, this.sizeBytes);
    while (left > 0) {
      const index = (at / NOR_ARRAY_CHUNK_BYTES) | 0;
      const inChunk = at - index * NOR_ARRAY_CHUNK_BYTES;
      const n = Math.min(left, this.chunkLength(index) - inChunk);
      fn(index, inChunk, n, at);
      left -= n;
      at += n;
      if (at === this.sizeBytes) at = 0;
    }
  }

  private hasStuckIn(index: number): boolean {
    if (this.stuck.size === 0) return false;
    const start = index * NOR_ARRAY_CHUNK_BYTES;
    const end = start + this.chunkLength(index);
    for (const at of this.stuck.keys()) if (at >= start && at < end) return true;
    return false;
  }

  /** Forces the stuck bits of cells in [start, start + length) (inside one pass, no wrap). */
  private applyStuck(start: number, length: number): void {
    if (this.stuck.size === 0) return;
    const end = start + length;
    for (const [at, bits] of this.stuck) {
      if (at < start || at >= end) continue;
      const index = (at / NOR_ARRAY_CHUNK_BYTES) | 0;
      const cells = this.writable(index);
      const i = at - index * NOR_ARRAY_CHUNK_BYTES;
      cells[i] = (cells[i]! & ~bits.stuckAt0) | bits.stuckAt1;
    }
  }
}
