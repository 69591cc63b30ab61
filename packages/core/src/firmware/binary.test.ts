import { describe, expect, it } from 'vitest';
import { MemoryImage, MemoryImageBuilder } from '../image/memory-image.js';
import { MAX_BINARY_BYTES, readBinary, writeBinary } from './binary.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const segs = (img: MemoryImage) => img.segments.map((s) => [s.address, Array.from(s.data)]);

describe('readBinary', () => {
  it('places the bytes at the base address, with no entry', () => {
    const img = readBinary(bytes(1, 2, 3), 'app.bin', 0x6000_0000);
    expect(segs(img)).toEqual([[0x6000_0000, [1, 2, 3]]]);
    expect(img.entry).toBeUndefined();
  });

  it('copies the input, so later changes to the caller’s buffer do not leak in', () => {
    const input = bytes(1, 2);
    const img = readBinary(input, 'a.bin', 0);
    input[0] = 9;
    expect(Array.from(img.segments[0]!.data)).toEqual([1, 2]);
  });

  it('an empty file is an empty image', () => {
    expect(readBinary(new Uint8Array(0), 'a.bin', 0x6000_0000).isEmpty).toBe(true);
  });

  it('fits exactly up to 4 GiB, and one byte more → BIN_ADDRESS_OVERFLOW', () => {
    expect(segs(readBinary(bytes(1, 2), 'a.bin', 0xffff_fffe))).toEqual([[0xffff_fffe, [1, 2]]]);
    expect(() => readBinary(bytes(1, 2, 3), 'a.bin', 0xffff_fffe)).toThrowError(
      expect.objectContaining({ code: 'BIN_ADDRESS_OVERFLOW', message: 'a.bin: 0x3 bytes at 0xFFFFFFFE run past 0xFFFFFFFF' }),
    );
  });

  it('rejects a base that is not a 32-bit address', () => {
    for (const base of [-1, 0x1_0000_0000, 1.5, Number.NaN]) {
      expect(() => readBinary(bytes(1), 'a.bin', base)).toThrowError(expect.objectContaining({ code: 'CONFIG_BAD_ADDRESS' }));
    }
  });

  it('describes origins by file offset in overlap errors', () => {
    const b = new MemoryImageBuilder();
    for (const s of readBinary(bytes(1, 2, 3, 4), 'boot.bin', 0x100).segments) b.addSegment(s.address, s.data, s.origin);
    for (const s of readBinary(bytes(3, 9), 'app.bin', 0x102).segments) b.addSegment(s.address, s.data, s.origin);
    expect(() => b.build()).toThrowError(expect.objectContaining({ code: 'IMAGE_OVERLAP', message: expect.stringMatching(/^boot\.bin\+0x3 and app\.bin\+0x1 both write 0x00000103/) }));
  });
});

describe('writeBinary', () => {
  const img = MemoryImage.from([
    { address: 0x1000, data: bytes(1, 2) },
    { address: 0x1004, data: bytes(5) },
  ]);

  it('writes the image extent with 0xFF in the gaps', () => {
    expect(Array.from(writeBinary(img))).toEqual([1, 2, 0xff, 0xff, 5]);
  });

  it('writes a chosen range and fill', () => {
    expect(Array.from(writeBinary(img, { start: 0xffe, end: 0x1003, fill: 0 }))).toEqual([0, 0, 1, 2, 0]);
    expect(Array.from(writeBinary(img, { start: 0x1004 }))).toEqual([5]);
    expect(writeBinary(img, { start: 0x1002, end: 0x1002 }).length).toBe(0);
  });

  it('an empty image is an empty binary', () => {
    expect(writeBinary(MemoryImage.empty()).length).toBe(0);
  });

  it('rejects reversed or out-of-space ranges, oversized binaries and a fill that is not a byte', () => {
    expect(() => writeBinary(img, { start: 0x1003, end: 0x1000 })).toThrowError(expect.objectContaining({ code: 'IMAGE_RANGE_INVALID' }));
    expect(() => writeBinary(img, { start: -1 })).toThrowError(expect.objectContaining({ code: 'IMAGE_RANGE_INVALID' }));
    expect(() => writeBinary(img, { end: 0x1_0000_0001 })).toThrowError(expect.objectContaining({ code: 'IMAGE_RANGE_INVALID' }));
    const farApart = MemoryImage.from([
      { address: 0x2000_0000, data: bytes(1) },
      { address: 0x2000_0000 + MAX_BINARY_BYTES, data: bytes(2) },
    ]);
    expect(() => writeBinary(farApart)).toThrowError(expect.objectContaining({ code: 'IMAGE_RANGE_INVALID', message: expect.stringMatching(/more than the 0x20000000 limit/) }));
    expect(() => writeBinary(img, { fill: 256 })).toThrowError(expect.objectContaining({ code: 'CONFIG_BAD_OPTION' }));
  });
});
