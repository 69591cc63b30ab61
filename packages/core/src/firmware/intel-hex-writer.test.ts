import { describe, expect, it } from 'vitest';
import { MemoryImage } from '../image/memory-image.js';
import { writeIntelHex } from './intel-hex-writer.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('writeIntelHex', () => {
  it('writes the classic record and the EOF record, LF-terminated and upper-case', () => {
    const img = MemoryImage.from([{ address: 0x100, data: bytes(0x21, 0x46, 0x01, 0x36, 0x01, 0x21, 0x47, 0x01, 0x36, 0x00, 0x7e, 0xfe, 0x09, 0xd2, 0x19, 0x01) }]);
    expect(writeIntelHex(img)).toBe(':10010000214601360121470136007EFE09D2190140\n:00000001FF\n');
  });

  it('an empty image is just the EOF record', () => {
    expect(writeIntelHex(MemoryImage.empty())).toBe(':00000001FF\n');
  });

  it('emits a type 04 record for the upper address bits and a type 05 record for the entry', () => {
    const img = MemoryImage.from([{ address: 0x0800_0000, data: bytes(1, 2, 3) }], 0x0800_0101);
    // 0800 is the familiar STM32 line; checksums: 0x100 − (2+4+8) = 0xF2, −(3+1+2+3) = 0xF7, −(4+5+8+1+1) = 0xED.
    expect(writeIntelHex(img)).toBe([':020000040800F2', ':03000000010203F7', ':0400000508000101ED', ':00000001FF', ''].join('\n'));
  });

  it('splits records at 64 KiB boundaries and re-emits type 04 there', () => {
    const img = MemoryImage.from([{ address: 0x1_fffc, data: bytes(1, 2, 3, 4, 5, 6) }]);
    expect(writeIntelHex(img).split('\n')).toEqual([':020000040001F9', ':04FFFC0001020304F7', ':020000040002F8', ':020000000506F3', ':00000001FF', '']);
  });

  it('honours bytesPerRecord and does not repeat type 04 within one 64 KiB block', () => {
    const img = MemoryImage.from([
      { address: 0x10, data: bytes(1, 2, 3, 4, 5) },
      { address: 0x40, data: bytes(6) },
    ]);
    expect(writeIntelHex(img, { bytesPerRecord: 2 }).split('\n')).toEqual([':020010000102EB', ':020012000304E5', ':0100140005E6', ':0100400006B9', ':00000001FF', '']);
  });

  it('writes 255-byte records', () => {
    const img = MemoryImage.from([{ address: 0, data: new Uint8Array(300) }]);
    const lines = writeIntelHex(img, { bytesPerRecord: 255 }).split('\n');
    expect(lines[0]).toMatch(/^:FF000000(00){255}01$/);
    expect(lines[1]).toBe(':2D00FF00' + '00'.repeat(45) + 'D4');
  });

  it('rejects a record size outside 1–255 with CONFIG_BAD_OPTION', () => {
    const img = MemoryImage.from([{ address: 0, data: bytes(1) }]);
    for (const bytesPerRecord of [0, 256, 1.5, Number.NaN]) {
      expect(() => writeIntelHex(img, { bytesPerRecord })).toThrowError(expect.objectContaining({ code: 'CONFIG_BAD_OPTION' }));
    }
  });
});
