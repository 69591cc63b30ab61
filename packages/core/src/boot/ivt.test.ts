import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImxflashError } from '../errors/imxflash-error.js';
import { hexBytes } from '../util/hex.js';
import { decodeIvt, encodeIvt, IVT_SIZE, IVT_VERSION, tryDecodeIvt, type Ivt } from './ivt.js';

const RUNS = { numRuns: 300 };
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const arbIvt: fc.Arbitrary<Ivt> = fc.record({
  version: fc.integer({ min: 0x40, max: 0x4e }),
  entry: u32,
  reserved1: u32,
  dcd: u32,
  bootData: u32,
  self: u32,
  csf: u32,
  reserved2: u32,
});

/** The XIP IVT of SPSDK's evkbimxrt1050 iled_blinky golden (research/spsdk.md §3.6). */
const XIP_IVT = Uint8Array.from([
  0xd1, 0x00, 0x20, 0x40, 0x05, 0x23, 0x00, 0x60, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x20, 0x10, 0x00, 0x60, 0x00, 0x10, 0x00, 0x60, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
]);

describe('IVT codec (research/spsdk.md §3.4)', () => {
  it('decodes the SPSDK XIP IVT', () => {
    expect(decodeIvt(XIP_IVT)).toEqual({
      version: 0x40,
      entry: 0x6000_2305,
      reserved1: 0,
      dcd: 0,
      bootData: 0x6000_1020,
      self: 0x6000_1000,
      csf: 0,
      reserved2: 0,
    });
    expect(hexBytes(encodeIvt(decodeIvt(XIP_IVT)))).toBe(hexBytes(XIP_IVT));
  });

  it('writes header D1 00 20 41 and little-endian words', () => {
    const b = encodeIvt({ version: IVT_VERSION, entry: 0x2000_2305, reserved1: 0, dcd: 0x8000_1040, bootData: 0x2000_1020, self: 0x2000_1000, csf: 0, reserved2: 0 });
    expect(b.length).toBe(IVT_SIZE);
    expect(hexBytes(b)).toBe('d1 00 20 41 05 23 00 20 00 00 00 00 40 10 00 80 20 10 00 20 00 10 00 20 00 00 00 00 00 00 00 00');
  });

  it('reports bad headers as IVT_BAD_HEADER and short input as IVT_TRUNCATED', () => {
    const bad = (patch: [number, number]) => {
      const b = Uint8Array.from(XIP_IVT);
      b[patch[0]] = patch[1];
      return b;
    };
    expect(() => decodeIvt(bad([0, 0xd2]))).toThrowError(expect.objectContaining({ code: 'IVT_BAD_HEADER' }));
    expect(() => decodeIvt(bad([2, 0x21]))).toThrowError(expect.objectContaining({ code: 'IVT_BAD_HEADER' }));
    expect(() => decodeIvt(bad([3, 0x4f]))).toThrowError(expect.objectContaining({ code: 'IVT_BAD_HEADER' }));
    expect(() => decodeIvt(bad([3, 0x3f]))).toThrowError(expect.objectContaining({ code: 'IVT_BAD_HEADER' }));
    expect(decodeIvt(bad([3, 0x4e])).version).toBe(0x4e);
    expect(() => decodeIvt(XIP_IVT.subarray(0, 31))).toThrowError(expect.objectContaining({ code: 'IVT_TRUNCATED' }));
    const r = tryDecodeIvt(new Uint8Array(32).fill(0xff));
    expect(r.ok ? 'ok' : r.error.code).toBe('IVT_BAD_HEADER');
    expect(() => encodeIvt({ ...decodeIvt(XIP_IVT), version: 0x50 })).toThrowError(expect.objectContaining({ code: 'IVT_BAD_HEADER' }));
    expect(() => encodeIvt({ ...decodeIvt(XIP_IVT), self: 2 ** 32 })).toThrowError(expect.objectContaining({ code: 'IMAGE_RANGE_INVALID' }));
  });

  it('round-trips: decode(encode(x)) = x', () => {
    fc.assert(fc.property(arbIvt, (ivt) => {
        expect(decodeIvt(encodeIvt(ivt))).toEqual(ivt);
      }), RUNS);
  });

  it('answers arbitrary bytes with an Ivt or an ImxflashError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.boolean(), (raw, header) => {
        const b = Uint8Array.from(raw);
        if (header && b.length >= 4) b.set([0xd1, 0x00, 0x20, 0x41]);
        try {
          const ivt = decodeIvt(b);
          expect(hexBytes(encodeIvt(ivt))).toBe(hexBytes(b.subarray(0, 32)));
        } catch (e) {
          expect(e).toBeInstanceOf(ImxflashError);
        }
      }),
      RUNS,
    );
  });
});
