import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImxflashError } from '../errors/imxflash-error.js';
import { hexBytes } from '../util/hex.js';
import { BOOT_DATA_SIZE, decodeBootData, encodeBootData, tryDecodeBootData, type BootData } from './boot-data.js';

const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const arbBootData: fc.Arbitrary<BootData> = fc.record({ start: u32, size: u32, plugin: u32 });

describe('boot data codec (research/spsdk.md §3.4, research/imxrt.md §5 step 6)', () => {
  it('writes {start, size, plugin} little-endian and the SDK 0xFFFFFFFF fourth word', () => {
    // The SPSDK non-XIP DTCM golden: BD start 0x20000000, size 0x5208 (research/spsdk.md §3.6).
    const b = encodeBootData({ start: 0x2000_0000, size: 0x5208, plugin: 0 });
    expect(b.length).toBe(BOOT_DATA_SIZE);
    expect(hexBytes(b)).toBe('00 00 00 20 08 52 00 00 00 00 00 00 ff ff ff ff');
  });

  it('decodes the 12 bytes the ROM reads (Teensy writes only those)', () => {
    const teensy = Uint8Array.from([0x00, 0x00, 0x00, 0x60, 0x00, 0x40, 0x01, 0x00, 0, 0, 0, 0]);
    expect(decodeBootData(teensy)).toEqual({ start: 0x6000_0000, size: 0x14000, plugin: 0 });
    expect(() => decodeBootData(teensy.subarray(0, 11))).toThrowError(expect.objectContaining({ code: 'BOOT_DATA_TRUNCATED' }));
    const r = tryDecodeBootData(new Uint8Array(4));
    expect(r.ok ? 'ok' : r.error.code).toBe('BOOT_DATA_TRUNCATED');
    expect(() => encodeBootData({ start: -1, size: 0, plugin: 0 })).toThrowError(expect.objectContaining({ code: 'IMAGE_RANGE_INVALID' }));
  });

  it('round-trips: decode(encode(x)) = x', () => {
    fc.assert(fc.property(arbBootData, (bd) => {
        expect(decodeBootData(encodeBootData(bd))).toEqual(bd);
      }), { numRuns: 300 });
  });

  it('answers arbitrary bytes with BootData or an ImxflashError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20 }), (b) => {
        try {
          expect(Object.keys(decodeBootData(b))).toEqual(['start', 'size', 'plugin']);
        } catch (e) {
          expect(e).toBeInstanceOf(ImxflashError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
