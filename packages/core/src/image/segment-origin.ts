/**
 * Where the bytes of a segment came from, resolved lazily: a reader records one number per
 * record (a line for text formats, a file offset for binary ones) and turns it into text such
 * as `app.hex:123` only when an error needs it.
 */
export interface SegmentOrigin {
  /** A human-readable place for the byte at `offset` within the segment, e.g. `app.hex:17`. */
  describe(offset: number): string;
}

/** One origin per record: record i starts at `starts[i]` (segment offset) and is tagged `tags[i]`. */
export class RecordOrigin implements SegmentOrigin {
  private starts = new Uint32Array(16);
  private tags = new Float64Array(16);
  private count = 0;

  constructor(private readonly format: (tag: number) => string) {}

  push(start: number, tag: number): void {
    if (this.count === this.starts.length) {
      const s = new Uint32Array(this.count * 2);
      s.set(this.starts);
      this.starts = s;
      const t = new Float64Array(this.count * 2);
      t.set(this.tags);
      this.tags = t;
    }
    this.starts[this.count] = start;
    this.tags[this.count] = tag;
    this.count++;
  }

  describe(offset: number): string {
    const i = lastAtOrBefore(this.starts, this.count, offset);
    return this.format(this.tags[Math.max(i, 0)]!);
  }
}

/**
 * An origin for runs of fixed-size records with consecutive tags, as text firmware files have
 * them (16 data bytes per line, line after line): one entry per stretch instead of one per
 * record. In a stretch starting at segment offset `start` with tag `tag` and `recordBytes` bytes
 * per record, the byte at `offset` comes from the record tagged `tag + ⌊(offset − start) / recordBytes⌋`.
 * A stretch lasts until the next one starts (the last one until `end`), so its last record may be
 * the only short one. Offsets past a stretch's records map to its last record.
 */
export class StridedRecordOrigin implements SegmentOrigin {
  private readonly starts: number[] = [];
  private readonly tags: number[] = [];
  private readonly sizes: number[] = [];
  /** Offset one past the last record's bytes, once known. */
  end = Infinity;

  constructor(private readonly format: (tag: number) => string) {}

  /** Starts a stretch at `start` (ascending across calls) whose first record is tagged `tag`. */
  push(start: number, tag: number, recordBytes: number): void {
    this.starts.push(start);
    this.tags.push(tag);
    this.sizes.push(recordBytes);
  }

  describe(offset: number): string {
    const i = Math.max(lastAtOrBefore(this.starts, this.starts.length, offset), 0);
    const start = this.starts[i]!;
    const stretchEnd = i + 1 < this.starts.length ? this.starts[i + 1]! : this.end;
    const index = Math.floor((Math.min(offset, stretchEnd - 1) - start) / this.sizes[i]!);
    return this.format(this.tags[i]! + Math.max(index, 0));
  }
}

/** The origin of a segment assembled from pieces that each keep their own origin. */
export class CompositeOrigin implements SegmentOrigin {
  constructor(private readonly parts: ReadonlyArray<{ start: number; origin: SegmentOrigin; base: number }>) {}

  describe(offset: number): string {
    let lo = 0;
    let hi = this.parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.parts[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const p = this.parts[lo]!;
    return p.origin.describe(offset - p.start + p.base);
  }
}

/** An origin with no finer detail than a name, e.g. `boot header (FCB)`. */
export function namedOrigin(name: string): SegmentOrigin {
  return { describe: () => name };
}

function lastAtOrBefore(starts: ArrayLike<number>, count: number, offset: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
