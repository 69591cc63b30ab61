import { describe, expect, it } from 'vitest';
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
