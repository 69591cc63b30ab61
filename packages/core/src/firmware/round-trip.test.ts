import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryImage } from '../image/memory-image.js';
import { readBinary, writeBinary } from './binary.js';
import { readIntelHex } from './intel-hex-reader.js';
import { writeIntelHex } from './intel-hex-writer.js';
import { readSrec } from './srec-reader.js';
import { writeSrec } from './srec-writer.js';

// Property: write → read gives back the same image (segments and entry) for every format.

const ADDRESS_LIMIT = 0x1_0000_0000;
const clampAddress = (a: number) => Math.min(Math.max(a, 0), ADDRESS_LIMIT - 1);

/** Addresses that stress the encodings: anywhere, 16/24-bit ranges, 64 KiB edges, the top of the space. */
const address = fc.oneof(
  fc.nat({ max: ADDRESS_LIMIT - 1 }),
  fc.nat({ max: 0xffff }),
  fc.nat({ max: 0xff_ffff }),
  fc.tuple(fc.constantFrom(0, 0x1_0000, 0x6000_0000, 0x6001_0000, 0x2000_0000, 0xffff_0000, ADDRESS_LIMIT - 1), fc.integer({ min: -40, max: 40 })).map(([a, d]) => clampAddress(a + d)),
);

/** Random sparse images: up to 6 pieces, non-overlapping, inside the 32-bit space, with or without an entry. */
const sparseImage = fc
  .record({
    parts: fc.array(fc.record({ address, data: fc.uint8Array({ minLength: 1, maxLength: 300 }) }), { maxLength: 6 }),
    entry: fc.option(fc.nat({ max: ADDRESS_LIMIT - 1 }), { nil: undefined }),
  })
  .map(({ parts, entry }) => {
    const kept: Array<{ address: number; data: Uint8Array }> = [];
    let end = 0;
    for (const p of [...parts].sort((a, b) => a.address - b.address)) {
      if (p.address < end) continue;
      const data = p.data.subarray(0, ADDRESS_LIMIT - p.address);
      kept.push({ address: p.address, data });
      end = p.address + data.length;
    }
    return MemoryImage.from(kept, entry);
  });

const shape = (img: MemoryImage) => ({ segments: img.segments.map((s) => ({ address: s.address, data: Array.from(s.data) })), entry: img.entry });

describe('firmware round trips', () => {
  it('Intel HEX: readIntelHex(writeIntelHex(image)) is the image', () => {
    fc.assert(
      fc.property(sparseImage, fc.integer({ min: 1, max: 255 }), (image, bytesPerRecord) => {
        expect(shape(readIntelHex(writeIntelHex(image, { bytesPerRecord }), 'rt.hex'))).toEqual(shape(image));
      }),
      { numRuns: 300 },
    );
  });

  it('S-record: readSrec(writeSrec(image)) is the image (an entry of 0 reads back as none)', () => {
    fc.assert(
      fc.property(sparseImage, fc.integer({ min: 1, max: 250 }), fc.string({ maxLength: 20 }), (image, bytesPerRecord, header) => {
        const expected = image.entry === 0 ? image.withEntry(undefined) : image;
        expect(shape(readSrec(writeSrec(image, { bytesPerRecord, header }), 'rt.srec'))).toEqual(shape(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('binary: readBinary(writeBinary(image), start) holds the image’s bytes, gaps filled', () => {
    const windowed = fc.record({
      base: fc.nat({ max: ADDRESS_LIMIT - 0x2_0000 }),
      parts: fc.array(fc.record({ offset: fc.nat({ max: 0x1_0000 }), data: fc.uint8Array({ minLength: 1, maxLength: 200 }) }), { minLength: 1, maxLength: 5 }),
      fill: fc.integer({ min: 0, max: 255 }),
    });
    fc.assert(
      fc.property(windowed, ({ base, parts, fill }) => {
        const kept: Array<{ address: number; data: Uint8Array }> = [];
        let end = 0;
        for (const p of [...parts].sort((a, b) => a.offset - b.offset)) {
          if (base + p.offset < end) continue;
          kept.push({ address: base + p.offset, data: p.data });
          end = base + p.offset + p.data.length;
        }
        const image = MemoryImage.from(kept);
        const back = readBinary(writeBinary(image, { fill }), 'rt.bin', image.startAddress);
        expect(back.segments.length).toBe(1);
        expect(back.startAddress).toBe(image.startAddress);
        expect(back.endAddress).toBe(image.endAddress);
        expect(Array.from(back.segments[0]!.data)).toEqual(Array.from(image.toBinary(image.startAddress, image.endAddress, fill)));
        for (const s of image.segments) expect(Array.from(back.read(s.address, s.data.length))).toEqual(Array.from(s.data));
      }),
      { numRuns: 200 },
    );
  });
});
