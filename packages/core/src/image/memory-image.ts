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
    const out = new Uint8Array(length);
    const end = address + length;
    let done = address; // bytes below `done` are written
    for (const s of this.segments) {
      const sEnd = s.address + s.data.length;
      if (sEnd <= address) continue;
      if (s.address >= end) break;
      const from = Math.max(address, s.address);
      const to = Math.min(end, sEnd);
      if (fill !== 0 && from > done) out.fill(fill, done - address, from - address);
      out.set(s.data.subarray(from - s.address, to - s.address), from - address);
      done = to;
    }
    if (fill !== 0 && done < end) out.fill(fill, done - address);
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

  /**
   * This image and `other` together; differing overlaps throw IMAGE_OVERLAP naming both places.
   * Segments that touch no other keep their bytes (shared, as {@link slice} shares them).
   */
  merge(other: MemoryImage): MemoryImage {
    const b = new MemoryImageBuilder();
    for (const s of this.segments) b.adoptSegment(s.address, s.data, s.origin);
    for (const s of other.segments) b.adoptSegment(s.address, s.data, s.origin);
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
    this.add(address, data, origin, true);
  }

  /**
   * @internal Like {@link addSegment}, but the image keeps `data` itself instead of a copy: for
   * callers that own the bytes and never change them again (readers, merging immutable images).
   */
  adoptSegment(address: number, data: Uint8Array, origin?: SegmentOrigin): void {
    this.add(address, data, origin, false);
  }

  private add(address: number, data: Uint8Array, origin: SegmentOrigin | undefined, copy: boolean): void {
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
    // An adopted run has no spare room (data.length === its capacity), so appending to it copies.
    this.current = { address, data: copy ? data.slice() : data, length: data.length, origin, order: this.runs.length };
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

/**
 * Lays out a group of runs that touch or overlap as one segment. Each byte takes the value of the
 * earliest-added run covering it; a later run covering it must hold the same byte, or
 * IMAGE_OVERLAP names the earlier run first. Of several such conflicts the one reported is that
 * of the earliest-added later run, at its lowest address. Only bytes where runs overlap are
 * compared; the rest is copied with `set`.
 */
function mergeGroup(byAddress: readonly Run[], end: number): Segment {
  const start = byAddress[0]!.address;
  const out = new Uint8Array(end - start);
  let overlapping = false;
  let covered = start;
  for (const r of byAddress) {
    if (r.address < covered) overlapping = true;
    covered = Math.max(covered, r.address + r.data.length);
  }
  if (overlapping) layOverlapping(byAddress, start, out);
  else for (const r of byAddress) out.set(r.data, r.address - start);
  // byAddress is ordered by (address, order): each piece's origin, ties in the order added.
  const anyOrigin = byAddress.some((r) => r.origin);
  if (!anyOrigin) return { address: start, data: out };
  const parts = byAddress.map((r) => ({ start: r.address - start, origin: r.origin ?? namedOrigin('?'), base: 0 }));
  return { address: start, data: out, origin: new CompositeOrigin(parts) };
}

/**
 * Sweeps the addresses where the set of covering runs changes. Between two such cuts the
 * earliest-added covering run supplies the bytes and every other covering run is compared with it.
 */
function layOverlapping(byAddress: readonly Run[], start: number, out: Uint8Array): void {
  const cuts = [...new Set(byAddress.flatMap((r) => [r.address, r.address + r.data.length]))].sort((a, b) => a - b);
  let active: Run[] = [];
  let next = 0;
  let conflict: { first: Run; later: Run; at: number } | undefined;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const lo = cuts[k]!;
    const hi = cuts[k + 1]!;
    active = active.filter((r) => r.address + r.data.length > lo);
    while (next < byAddress.length && byAddress[next]!.address <= lo) active.push(byAddress[next++]!);
    let first = active[0]!;
    for (const r of active) if (r.order < first.order) first = r;
    const from = first.data.subarray(lo - first.address, hi - first.address);
    out.set(from, lo - start);
    for (const r of active) {
      // A conflict found already is as early (same run, lower address) or from an earlier-added run.
      if (r === first || (conflict !== undefined && r.order >= conflict.later.order)) continue;
      const at = firstDifference(r.data, lo - r.address, from);
      if (at >= 0) conflict = { first, later: r, at: lo + at };
    }
  }
  if (conflict === undefined) return;
  const { first, later, at } = conflict;
  const a = describe(first, at - first.address);
  const b = describe(later, at - later.address);
  const was = first.data[at - first.address]!;
  const is = later.data[at - later.address]!;
  throw new ImxflashError(
    'IMAGE_OVERLAP',
    `${a} and ${b} both write ${hex32(at)} with different bytes (0x${was.toString(16).padStart(2, '0')} vs 0x${is.toString(16).padStart(2, '0')})`,
    { hint: 'Two inputs (or two records of one file) disagree about this address; fix the linker script or drop one input.', details: { address: at, first: a, second: b } },
  );
}

/** Index of the first i where `data[offset + i] !== expected[i]`, or -1. */
function firstDifference(data: Uint8Array, offset: number, expected: Uint8Array): number {
  for (let i = 0; i < expected.length; i++) if (data[offset + i] !== expected[i]) return i;
  return -1;
}

function describe(r: { address: number; origin: SegmentOrigin | undefined }, offset: number): string {
  return r.origin ? r.origin.describe(offset) : `data at ${hex32(r.address)}`;
}
