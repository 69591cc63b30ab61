import { ImxflashError } from '../errors/imxflash-error.js';
import { hex32 } from '../util/hex.js';
import { CompositeOrigin, namedOrigin, type SegmentOrigin } from './segment-origin.js';

export interface Segment {
  /** First byte's address. */
  readonly address: number;
  readonly data: Uint8Array;
  readonly origin?: SegmentOrigin;
}

const ADDRESS_LIMIT = 0x1_0000_0000;

/**
 * A sparse 32-bit memory image: segments sorted by address, non-overlapping, adjacent ones
 * merged. Immutable; build one with {@link MemoryImageBuilder} or {@link MemoryImage.from}.
 */
export class MemoryImage {
  private constructor(
    readonly segments: readonly Segment[],
    /** Start/entry address the file declared (HEX type 03/05, S7–S9, ELF e_entry), if any. */
    readonly entry: number | undefined,
  ) {}

  /** @internal Segments must already be sorted, non-overlapping and merged (the builder's output). */
  static fromNormalized(segments: readonly Segment[], entry: number | undefined): MemoryImage {
    return new MemoryImage(segments, entry);
  }

  static empty(): MemoryImage {
    return new MemoryImage([], undefined);
  }

  static from(parts: ReadonlyArray<{ address: number; data: Uint8Array; origin?: SegmentOrigin | string }>, entry?: number): MemoryImage {
    const b = new MemoryImageBuilder();
    for (const p of parts) b.addSegment(p.address, p.data, typeof p.origin === 'string' ? namedOrigin(p.origin) : p.origin);
    if (entry !== undefined) b.setEntry(entry);
    return b.build();
  }

  get isEmpty(): boolean {
    return this.segments.length === 0;
  }

  /** Lowest address holding data (0 for an empty image). */
  get startAddress(): number {
    return this.segments[0]?.address ?? 0;
  }

  /** One past the highest address holding data (0 for an empty image). */
  get endAddress(): number {
    const last = this.segments[this.segments.length - 1];
    return last ? last.address + last.data.length : 0;
  }

  /** Bytes that hold data (gaps excluded). */
  get byteCount(): number {
    let n = 0;
    for (const s of this.segments) n += s.data.length;
    return n;
  }

  withEntry(entry: number | undefined): MemoryImage {
    return new MemoryImage(this.segments, entry);
  }

  /** True when every byte of [address, address+length) holds data. */
  covers(address: number, length: number): boolean {
    const s = this.segmentAt(address);
    return s !== undefined && address + length <= s.address + s.data.length;
  }

  /** The segment holding `address`, if any. */
  segmentAt(address: number): Segment | undefined {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.segments[mid]!;
      if (address < s.address) hi = mid - 1;
      else if (address >= s.address + s.data.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  /** Bytes of [address, address+length), gaps filled with `fill`. */
  read(address: number, length: number, fill = 0xff): Uint8Array {
    const out = new Uint8Array(length).fill(fill);
    const end = address + length;
    for (const s of this.segments) {
      const sEnd = s.address + s.data.length;
      if (sEnd <= address) continue;
      if (s.address >= end) break;
      const from = Math.max(address, s.address);
      const to = Math.min(end, sEnd);
      out.set(s.data.subarray(from - s.address, to - s.address), from - address);
    }
    return out;
  }

  /** The part of the image inside [start, end). Keeps the entry. */
  slice(start: number, end: number): MemoryImage {
    const out: Segment[] = [];
    for (const s of this.segments) {
      const sEnd = s.address + s.data.length;
      if (sEnd <= start || s.address >= end) continue;
      const from = Math.max(start, s.address);
      const to = Math.min(end, sEnd);
      out.push({ address: from, data: s.data.subarray(from - s.address, to - s.address), ...(s.origin ? { origin: shifted(s.origin, from - s.address) } : {}) });
    }
    return new MemoryImage(out, this.entry);
  }

  /** The same bytes `delta` higher (or lower); used to place an image read from a .bin. */
  relocate(delta: number): MemoryImage {
    if (this.isEmpty) return this;
    if (this.startAddress + delta < 0 || this.endAddress + delta > ADDRESS_LIMIT) {
      throw new ImxflashError('IMAGE_RANGE_INVALID', `moving the image by ${delta} would leave the 32-bit address space`, {
        hint: 'Check the --base address.',
      });
    }
    return new MemoryImage(
      this.segments.map((s) => ({ ...s, address: s.address + delta })),
      this.entry === undefined ? undefined : this.entry + delta,
    );
  }

  /** This image and `other` together; differing overlaps throw IMAGE_OVERLAP naming both places. */
  merge(other: MemoryImage): MemoryImage {
    const b = new MemoryImageBuilder();
    for (const s of this.segments) b.addSegment(s.address, s.data, s.origin);
    for (const s of other.segments) b.addSegment(s.address, s.data, s.origin);
    const entry = this.entry ?? other.entry;
    if (entry !== undefined) b.setEntry(entry);
    return b.build();
  }

  /** A flat binary of [start, end), gaps filled with `fill` (0xFF = erased NOR). */
  toBinary(start = this.startAddress, end = this.endAddress, fill = 0xff): Uint8Array {
    return this.read(start, end - start, fill);
  }
}

function shifted(origin: SegmentOrigin, by: number): SegmentOrigin {
  return by === 0 ? origin : { describe: (o) => origin.describe(o + by) };
}

interface Run {
  address: number;
  data: Uint8Array;
  length: number;
  origin: SegmentOrigin | undefined;
  order: number;
}

/**
 * Collects bytes in any order and builds a {@link MemoryImage}. Contiguous adds are appended to
 * one growing run, so a reader that emits 16-byte records stays linear in the file size.
 */
export class MemoryImageBuilder {
  private runs: Run[] = [];
  private current: Run | undefined;
  private entry: number | undefined;

  /**
   * Adds `data` at `address`. When `origin` is given it describes offsets of `data` itself;
   * appended to a current run, the caller's origin object must be the run's (same object).
   */
  addSegment(address: number, data: Uint8Array, origin?: SegmentOrigin): void {
    if (data.length === 0) return;
    if (address < 0 || address + data.length > ADDRESS_LIMIT) {
      throw new ImxflashError('IMAGE_RANGE_INVALID', `data at ${hex32(address)} (+${data.length} bytes) runs past the 32-bit address space`, {
        hint: 'Check the file for a wrong extended-address record or base address.',
      });
    }
    const run = this.current;
    if (run && run.origin === origin && run.address + run.length === address) {
      this.append(run, data);
      return;
    }
    this.current = { address, data: data.slice(), length: data.length, origin, order: this.runs.length };
    this.runs.push(this.current);
  }

  /** Offset the next byte appended at `address` would have inside the current run, or 0 for a new run. */
  offsetInRun(address: number, origin: SegmentOrigin): number {
    const run = this.current;
    return run && run.origin === origin && run.address + run.length === address ? run.length : 0;
  }

  setEntry(entry: number): void {
    this.entry = entry >>> 0;
  }

  build(): MemoryImage {
    const runs = this.runs.map((r) => ({ ...r, data: r.data.subarray(0, r.length) }));
    runs.sort((a, b) => a.address - b.address || a.order - b.order);
    const segments: Segment[] = [];
    let i = 0;
    while (i < runs.length) {
      // Gather every run that touches or overlaps the growing window, then lay them out once.
      const group = [runs[i]!];
      let end = runs[i]!.address + runs[i]!.data.length;
      i++;
      while (i < runs.length && runs[i]!.address <= end) {
        group.push(runs[i]!);
        end = Math.max(end, runs[i]!.address + runs[i]!.data.length);
        i++;
      }
      segments.push(group.length === 1 ? toSegment(group[0]!) : mergeGroup(group, end));
    }
    return MemoryImage.fromNormalized(segments, this.entry);
  }

  private append(run: Run, data: Uint8Array): void {
    if (run.length + data.length > run.data.length) {
      const grown = new Uint8Array(Math.max(run.data.length * 2, run.length + data.length));
      grown.set(run.data.subarray(0, run.length));
      run.data = grown;
    }
    run.data.set(data, run.length);
    run.length += data.length;
  }
}

function toSegment(r: { address: number; data: Uint8Array; origin: SegmentOrigin | undefined }): Segment {
  return r.origin ? { address: r.address, data: r.data, origin: r.origin } : { address: r.address, data: r.data };
}

function mergeGroup(byAddress: readonly Run[], end: number): Segment {
  // Lay runs down in the order they were added, so an overlap names the earlier one first.
  const group = [...byAddress].sort((a, b) => a.order - b.order);
  const start = byAddress[0]!.address;
  const out = new Uint8Array(end - start);
  // For each byte, which group member wrote it first (-1: none yet). Kept as a compact array only
  // over the merged window, so overlap checks cost one pass.
  const owner = new Int32Array(end - start).fill(-1);
  const parts: Array<{ start: number; origin: SegmentOrigin; base: number }> = [];
  group.forEach((r, k) => {
    const at = r.address - start;
    for (let j = 0; j < r.data.length; j++) {
      const prev = owner[at + j]!;
      if (prev === -1) {
        owner[at + j] = k;
        out[at + j] = r.data[j]!;
      } else if (out[at + j] !== r.data[j]) {
        const other = group[prev]!;
        const addr = r.address + j;
        const first = describe(other, addr - other.address);
        const second = describe(r, j);
        throw new ImxflashError(
          'IMAGE_OVERLAP',
          `${first} and ${second} both write ${hex32(addr)} with different bytes (0x${out[at + j]!.toString(16).padStart(2, '0')} vs 0x${r.data[j]!.toString(16).padStart(2, '0')})`,
          { hint: 'Two inputs (or two records of one file) disagree about this address; fix the linker script or drop one input.', details: { address: addr, first, second } },
        );
      }
    }
    parts.push({ start: at, origin: r.origin ?? namedOrigin('?'), base: 0 });
  });
  parts.sort((a, b) => a.start - b.start);
  const anyOrigin = group.some((r) => r.origin);
  return anyOrigin ? { address: start, data: out, origin: new CompositeOrigin(parts) } : { address: start, data: out };
}

function describe(r: { address: number; origin: SegmentOrigin | undefined }, offset: number): string {
  return r.origin ? r.origin.describe(offset) : `data at ${hex32(r.address)}`;
}
