import { describe, expect, it } from 'vitest';
import { readRomBootData, readRomIvt } from './rom-ivt.js';

// IVT (research/imxrt.md §5 step 5): D1 00 20 4x, then entry, reserved, dcd, boot_data, self, csf (u32 LE).
function ivt(header: number[], fields: number[]): Uint8Array {
  const bytes = new Uint8Array(32);
  bytes.set(header);
  const v = new DataView(bytes.buffer);
  fields.forEach((f, i) => v.setUint32(4 + 4 * i, f, true));
  return bytes;
}

describe('readRomIvt', () => {
  it('reads the SDK-style XIP IVT', () => {
    expect(readRomIvt(ivt([0xd1, 0x00, 0x20, 0x41], [0x6000_2000, 0, 0, 0x6000_1020, 0x6000_1000, 0]))).toEqual({
      headerValid: true, entry: 0x6000_2000, dcd: 0, bootData: 0x6000_1020, self: 0x6000_1000, csf: 0,
    });
  });

  it('accepts versions 0x40–0x4F (SDK 0x41, Teensy 0x43, imxrt-rt 0x40) and nothing else', () => {
    for (const version of [0x40, 0x41, 0x43, 0x4f]) expect(readRomIvt(ivt([0xd1, 0, 0x20, version], [])).headerValid).toBe(true);
    for (const header of [[0xd1, 0, 0x20, 0x3f], [0xd1, 0, 0x20, 0x50], [0xd0, 0, 0x20, 0x41], [0xd1, 0x20, 0x00, 0x41]]) {
      expect(readRomIvt(ivt(header, [])).headerValid).toBe(false);
    }
  });
});

describe('readRomBootData', () => {
  it('reads start, size, plugin', () => {
    const bytes = new Uint8Array(12);
    const v = new DataView(bytes.buffer);
    v.setUint32(0, 0x2000_0000, true);
    v.setUint32(4, 0x210c, true);
    expect(readRomBootData(bytes)).toEqual({ start: 0x2000_0000, size: 0x210c, plugin: 0 });
  });
});
