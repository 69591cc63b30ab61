import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryImage, MemoryImageBuilder } from './memory-image.js';
import { RecordOrigin } from './segment-origin.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('MemoryImage', () => {
  it('sorts segments and merges adjacent ones', () => {
    const img = MemoryImage.from([
      { address: 0x1004, data: bytes(5, 6) },
      { address: 0x1000, data: bytes(1, 2, 3, 4) },
      { address: 0x2000, data: bytes(9) },
    ]);
    expect(img.segments.map((s) => [s.address, Array.from(s.data)])).toEqual([
      [0x1000, [1, 2, 3, 4, 5, 6]],
      [0x2000, [9]],
    ]);
    expect(img.startAddress).toBe(0x1000);
    expect(img.endAddress).toBe(0x2001);
    expect(img.byteCount).toBe(7);
  });

  it('accepts overlaps with equal bytes', () => {
    const img = MemoryImage.from([
      { address: 0x10, data: bytes(1, 2, 3) },
      { address: 0x11, data: bytes(2, 3, 4) },
    ]);
    expect(Array.from(img.read(0x10, 5, 0xee))).toEqual([1, 2, 3, 4, 0xee]);
  });

  it('rejects overlaps with different bytes, naming both places', () => {
    const a = new RecordOrigin((line) => `a.hex:${line}`);
    a.push(0, 7);
    const b = new RecordOrigin((line) => `b.hex:${line}`);
    b.push(0, 3);
    b.push(2, 4);
    const builder = new MemoryImageBuilder();
    builder.addSegment(0x100, bytes(1, 2, 3, 4), a);
    builder.addSegment(0xfe, bytes(0, 0, 1, 2, 9), b);
    expect(() => builder.build()).toThrowError(
      expect.objectContaining({ code: 'IMAGE_OVERLAP', message: expect.stringMatching(/a\.hex:7 and b\.hex:4 both write 0x00000102/) }),
    );
  });

  it('reads with gap fill, slices and builds binaries', () => {
    const img = MemoryImage.from([
      { address: 0x0, data: bytes(1, 2) },
      { address: 0x4, data: bytes(5) },
    ]);
    expect(Array.from(img.toBinary())).toEqual([1, 2, 0xff, 0xff, 5]);
    expect(Array.from(img.slice(1, 5).toBinary())).toEqual([2, 0xff, 0xff, 5]);
    expect(img.covers(0, 2)).toBe(true);
    expect(img.covers(0, 3)).toBe(false);
  });

  it('appends contiguous adds into one run', () => {
    const b = new MemoryImageBuilder();
    const origin = new RecordOrigin((l) => `x:${l}`);
    for (let i = 0; i < 1000; i++) b.addSegment(0x6000_0000 + i * 4, bytes(i & 0xff, 0, 0, 0), origin);
    const img = b.build();
    expect(img.segments).toHaveLength(1);
    expect(img.byteCount).toBe(4000);
    expect(img.read(0x6000_0000 + 999 * 4, 1)[0]).toBe(999 & 0xff);
  });

  it('refuses data past 4 GiB', () => {
    const b = new MemoryImageBuilder();
    expect(() => b.addSegment(0xffff_fffe, bytes(1, 2, 3))).toThrowError(expect.objectContaining({ code: 'IMAGE_RANGE_INVALID' }));
  });
});

describe('MemoryImageBuilder.build: merging runs', () => {
  const named = (name: string) => ({ describe: (o: number) => `${name}+${o}` });

  it('copies runs that only touch (the fast path) and keeps each piece’s origin', () => {
    const b = new MemoryImageBuilder();
    b.addSegment(0x104, bytes(5, 6), named('c'));
    b.addSegment(0x100, bytes(1, 2), named('a'));
    b.addSegment(0x102, bytes(3, 4), named('b'));
    const img = b.build();
    expect(img.segments).toHaveLength(1);
    expect(Array.from(img.segments[0]!.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([0, 1, 2, 3, 4, 5].map((o) => img.segments[0]!.origin!.describe(o))).toEqual(['a+0', 'a+1', 'b+0', 'b+1', 'c+0', 'c+1']);
  });

  it('reports the conflict of the earliest-added later run, at its lowest address', () => {
    const b = new MemoryImageBuilder();
    b.addSegment(0x10, bytes(1, 1, 1, 1, 1, 1, 1, 1), named('first'));
    b.addSegment(0x14, bytes(1, 1, 9, 9), named('third')); // added second: conflicts at 0x16
    b.addSegment(0x11, bytes(7), named('second')); // added third: conflicts at 0x11, a lower address
    expect(() => b.build()).toThrowError(
      expect.objectContaining({
        code: 'IMAGE_OVERLAP',
        message: 'first+6 and third+2 both write 0x00000016 with different bytes (0x01 vs 0x09)',
        details: { address: 0x16, first: 'first+6', second: 'third+2' },
      }),
    );
  });

  it('matches a byte-by-byte reference on random overlapping runs', () => {
    // The reference is the former algorithm: groups of touching runs in address order, each laid
    // down in the order added, comparing every byte with the one already there.
    const reference = (runs: ReadonlyArray<{ address: number; data: Uint8Array }>): string => {
      const hex = (v: number) => `0x${v.toString(16).padStart(2, '0')}`;
      const byAddress = runs.map((r, k) => ({ ...r, k })).sort((x, y) => x.address - y.address || x.k - y.k);
      const out: string[] = [];
      for (let i = 0; i < byAddress.length; ) {
        const group = [byAddress[i]!];
        let end = byAddress[i]!.address + byAddress[i]!.data.length;
        for (i++; i < byAddress.length && byAddress[i]!.address <= end; i++) {
          group.push(byAddress[i]!);
          end = Math.max(end, byAddress[i]!.address + byAddress[i]!.data.length);
        }
        const owner = new Map<number, number>();
        const value = new Map<number, number>();
        for (const r of group.sort((x, y) => x.k - y.k)) {
          for (let j = 0; j < r.data.length; j++) {
            const at = r.address + j;
            const prev = owner.get(at);
            if (prev === undefined) {
              owner.set(at, r.k);
              value.set(at, r.data[j]!);
            } else if (value.get(at) !== r.data[j]) {
              return `r${prev}+${at - runs[prev]!.address} and r${r.k}+${j} both write 0x${at.toString(16).toUpperCase().padStart(8, '0')} with different bytes (${hex(value.get(at)!)} vs ${hex(r.data[j]!)})`;
            }
          }
        }
        out.push(...[...value.keys()].sort((x, y) => x - y).map((a) => `${a}:${value.get(a)}`));
      }
      return out.join(' ');
    };
    const runs = fc.array(fc.record({ address: fc.nat(48), data: fc.uint8Array({ min: 1, max: 2, minLength: 1, maxLength: 12 }) }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(runs, (rs) => {
        const b = new MemoryImageBuilder();
        rs.forEach((r, k) => b.addSegment(r.address, r.data, named(`r${k}`)));
        let got: string;
        try {
          const img = b.build();
          got = img.segments.flatMap((s) => Array.from(s.data, (v, i) => `${s.address + i}:${v}`)).join(' ');
        } catch (e) {
          got = (e as Error).message;
        }
        expect(got).toBe(reference(rs));
      }),
      { numRuns: 500 },
    );
  });

  it('merge keeps the bytes of segments that touch no other instead of copying them', () => {
    const app = MemoryImage.from([{ address: 0x2000, data: new Uint8Array(64).fill(7) }]);
    const header = MemoryImage.from([{ address: 0x0, data: bytes(1, 2, 3) }]);
    const merged = header.merge(app);
    expect(merged.segments.map((s) => s.address)).toEqual([0x0, 0x2000]);
    expect(merged.segments[1]!.data.buffer).toBe(app.segments[0]!.data.buffer);
  });

  it('read fills only the gaps, with any fill value', () => {
    const img = MemoryImage.from([
      { address: 0x10, data: bytes(1, 2) },
      { address: 0x14, data: bytes(5) },
    ]);
    expect(Array.from(img.read(0x0e, 9, 0xee))).toEqual([0xee, 0xee, 1, 2, 0xee, 0xee, 5, 0xee, 0xee]);
    expect(Array.from(img.read(0x0e, 9, 0))).toEqual([0, 0, 1, 2, 0, 0, 5, 0, 0]);
    expect(Array.from(img.read(0x11, 2))).toEqual([2, 0xff]);
  });
});
