import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isImxflashError } from '../errors/imxflash-error.js';
import { parseSfdp } from './parse-sfdp.js';
import { sfdpToFlashPart } from './sfdp-to-flash-part.js';

/** An SFDP image: header (rev 1.minor), one BFPT header (ID 0xFF00) and the table at 0x10. */
function sfdpImage(dwords: readonly number[], o: { minor?: number; major?: number; id?: number; lengthDwords?: number } = {}): Uint8Array {
  const out = new Uint8Array(16 + dwords.length * 4);
  const v = new DataView(out.buffer);
  out.set([0x53, 0x46, 0x44, 0x50, o.minor ?? 6, o.major ?? 1, 0, 0xff]);
  const id = o.id ?? 0xff00;
  out.set([id & 0xff, o.minor ?? 6, 1, o.lengthDwords ?? dwords.length, 0x10, 0, 0, id >> 8], 8);
  dwords.forEach((d, i) => v.setUint32(16 + i * 4, d >>> 0, true));
  return out;
}

/** A fast-read field: [4:0] dummy clocks, [7:5] mode clocks, [15:8] opcode (research/imxrt.md §2.6). */
const fastReadField = (opcode: number, mode: number, dummy: number): number => (opcode << 8) | (mode << 5) | dummy;
/** A (count + 1) × unit time field, count in the low 5 bits and the unit index above. */
const timeField = (count: number, unit: number): number => count | (unit << 5);

// A W25Q128JV-like JESD216B table, each dword built from the layout in research/imxrt.md §2.6.
const DW1 =
  0b01 | // 4 KiB erase supported
  (1 << 2) | // write granularity ≥ 64 bytes
  (0b111 << 5) | // unused
  (0x20 << 8) | // 4 KiB erase opcode
  (1 << 16) | // 1-1-2
  (0b00 << 17) | // 3-byte addresses only
  (1 << 20) | // 1-2-2
  (1 << 21) | // 1-4-4
  (1 << 22) | // 1-1-4
  (0x1ff << 23); // unused
const DW2 = 128 * 1024 * 1024 - 1; // 128 Mbit, "N + 1 bits"
const DW3 = fastReadField(0xeb, 2, 4) | (fastReadField(0x6b, 0, 8) << 16);
const DW4 = fastReadField(0xbb, 4, 0) | (fastReadField(0x3b, 0, 8) << 16);
const DW8 = (12 | (0x20 << 8)) | ((15 | (0x52 << 8)) << 16); // 4 KiB 0x20, 32 KiB 0x52
const DW9 = 16 | (0xd8 << 8); // 64 KiB 0xD8, type 4 unused
// Erase multiplier 2 → max = typ × 6; times 3 × 16 ms, 8 × 16 ms, 10 × 16 ms.
const DW10 = 2 | (timeField(2, 1) << 4) | (timeField(7, 1) << 11) | (timeField(9, 1) << 18);
// Program multiplier 2; page 2^8; page program 6 × 64 µs; chip erase 10 × 4 s.
const DW11 = 2 | (8 << 4) | (timeField(5, 1) << 8) | (timeField(9, 2) << 24) | (1 << 31);
const DW14 = (1 << 31) | (1 << 2) | 0b11; // legacy busy polling
const DW15 = 4 << 20; // QER 4: SR2 bit 1, 0x01 with two bytes
const W25Q128_LIKE = [DW1, DW2, DW3, DW4, 0xffffffee, 0xff00ffff, 0xff00ffff, DW8, DW9, DW10, DW11, 0xffffffff, 0, DW14, DW15, 0];

describe('parseSfdp', () => {
  it('builds the known dwords (cross-check of the test arithmetic)', () => {
    expect((DW1 >>> 0).toString(16)).toBe('fff120e5');
    expect(DW3.toString(16)).toBe('6b08eb44');
    expect(DW4.toString(16)).toBe('3b08bb80');
    expect(DW8.toString(16)).toBe('520f200c');
  });

  it('decodes a JESD216B basic table', () => {
    const info = parseSfdp(sfdpImage(W25Q128_LIKE));
    expect(info).toMatchObject({ major: 1, minor: 6, accessProtocol: 0xff });
    expect(info.parameterHeaders).toEqual([{ id: 0xff00, major: 1, minor: 6, lengthDwords: 16, pointer: 0x10 }]);
    const b = info.basic;
    expect(b.sizeBytes).toBe(16 * 1024 * 1024);
    expect(b.addressModes).toBe('3');
    expect(b.erase4kOpcode).toBe(0x20);
    expect(b.dtr).toBe(false);
    expect(b.fastReads).toEqual([
      { pads: '1-1-2', opcode: 0x3b, modeClocks: 0, dummyClocks: 8 },
      { pads: '1-2-2', opcode: 0xbb, modeClocks: 4, dummyClocks: 0 },
      { pads: '1-1-4', opcode: 0x6b, modeClocks: 0, dummyClocks: 8 },
      { pads: '1-4-4', opcode: 0xeb, modeClocks: 2, dummyClocks: 4 },
    ]);
    expect(b.eraseTypes).toEqual([
      { type: 1, bytes: 4096, opcode: 0x20, timeMs: { typ: 48, max: 288 } },
      { type: 2, bytes: 32768, opcode: 0x52, timeMs: { typ: 128, max: 768 } },
      { type: 3, bytes: 65536, opcode: 0xd8, timeMs: { typ: 160, max: 960 } },
    ]);
    expect(b.pageBytes).toBe(256);
    expect(b.pageProgramUs).toEqual({ typ: 384, max: 2304 });
    expect(b.chipEraseMs).toEqual({ typ: 40_000, max: 240_000 });
    expect(b.busyPolling).toEqual({ legacy: true, flagStatus: false });
    expect(b.qer).toBe(4);
    expect(b.quadEnable).toEqual({ register: 'sr2', bit: 1, write: 'wrsr-2-bytes' });
    expect(b.dw16).toEqual({ enter4Byte: 0, exit4Byte: 0, softReset: 0, statusRegisterWriteEnable: 0 });
  });

  it('decodes a JESD216 (rev 0) table of 9 dwords without the later fields', () => {
    const b = parseSfdp(sfdpImage(W25Q128_LIKE.slice(0, 9), { minor: 0 })).basic;
    expect(b).toMatchObject({ sizeBytes: 16 << 20, pageBytes: null, pageProgramUs: null, qer: null, quadEnable: null, busyPolling: null, dw16: null });
    expect(b.eraseTypes.map((e) => e.timeMs)).toEqual([null, null, null]);
  });

  it('decodes 2^N densities, 4-byte address modes and 2-2-2/4-4-4 reads', () => {
    const dws = [...W25Q128_LIKE];
    dws[0] = (DW1 & ~(0b11 << 17)) | (0b01 << 17);
    dws[1] = 0x8000_0000 | 32; // 2^32 bits = 512 MiB
    dws[4] = 0xffff_ffff; // 2-2-2 and 4-4-4 supported
    dws[5] = 0x0000_ffff | (fastReadField(0xbb, 0, 4) << 16);
    dws[6] = 0x0000_ffff | (fastReadField(0xeb, 2, 6) << 16);
    const b = parseSfdp(sfdpImage(dws)).basic;
    expect(b.sizeBytes).toBe(512 * 1024 * 1024);
    expect(b.addressModes).toBe('3-or-4');
    expect(b.fastReads.slice(-2)).toEqual([
      { pads: '2-2-2', opcode: 0xbb, modeClocks: 0, dummyClocks: 4 },
      { pads: '4-4-4', opcode: 0xeb, modeClocks: 2, dummyClocks: 6 },
    ]);
  });

  it('takes the newest basic table when there are several', () => {
    const img = new Uint8Array(24 + 64);
    const v = new DataView(img.buffer);
    img.set([0x53, 0x46, 0x44, 0x50, 6, 1, 1, 0xff]);
    img.set([0x00, 0, 1, 9, 24, 0, 0, 0xff], 8); // v1.0, 9 dwords
    img.set([0x00, 6, 1, 16, 24, 0, 0, 0xff], 16); // v1.6, 16 dwords, same place
    W25Q128_LIKE.forEach((d, i) => v.setUint32(24 + i * 4, d >>> 0, true));
    expect(parseSfdp(img).basic.header).toMatchObject({ minor: 6, lengthDwords: 16 });
  });

  it.each([
    ['a short header', Uint8Array.of(0x53, 0x46, 0x44), 'SFDP_TRUNCATED'],
    ['a wrong signature', Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0, 1, 0, 0xff]), 'SFDP_BAD_SIGNATURE'],
    ['an unknown major revision', sfdpImage(W25Q128_LIKE, { major: 2 }), 'SFDP_UNSUPPORTED'],
    ['parameter headers past the data', sfdpImage([]).slice(0, 12), 'SFDP_TRUNCATED'],
    ['a table pointer past the data', sfdpImage(W25Q128_LIKE).slice(0, 16 + 40), 'SFDP_TRUNCATED'],
    ['no basic table', sfdpImage(W25Q128_LIKE, { id: 0xff84 }), 'SFDP_NO_BASIC_TABLE'],
    ['a basic table shorter than 9 dwords', sfdpImage(W25Q128_LIKE.slice(0, 8)), 'SFDP_UNSUPPORTED'],
    ['a reserved QER', sfdpImage(W25Q128_LIKE.map((d, i) => (i === 14 ? 7 << 20 : d))), 'SFDP_UNSUPPORTED'],
    ['a reserved address mode', sfdpImage(W25Q128_LIKE.map((d, i) => (i === 0 ? d | (0b11 << 17) : d))), 'SFDP_UNSUPPORTED'],
    ['a density of odd bits', sfdpImage(W25Q128_LIKE.map((d, i) => (i === 1 ? 6 : d))), 'SFDP_UNSUPPORTED'],
    ['a 2^N density too large', sfdpImage(W25Q128_LIKE.map((d, i) => (i === 1 ? 0x8000_0000 | 40 : d))), 'SFDP_UNSUPPORTED'],
  ])('rejects %s', (_, bytes, code) => {
    expect(() => parseSfdp(bytes)).toThrowError(expect.objectContaining({ code }));
  });

  it('reads from a Uint8Array view at an offset', () => {
    const img = sfdpImage(W25Q128_LIKE);
    const padded = new Uint8Array(img.length + 5);
    padded.set(img, 5);
    expect(parseSfdp(padded.subarray(5)).basic.sizeBytes).toBe(16 << 20);
  });
});

describe('parseSfdp + sfdpToFlashPart on arbitrary bytes', () => {
  const onlyImxflashErrors = (bytes: Uint8Array): void => {
    try {
      const part = sfdpToFlashPart(parseSfdp(bytes), [0x9d, 0x70, 0x17]);
      // Whatever decodes must be a usable geometry.
      expect(part.pageBytes).toBeLessThanOrEqual(part.sectorBytes);
      expect(part.sectorBytes).toBeLessThanOrEqual(part.blockBytes);
      expect(part.blockBytes).toBeLessThanOrEqual(part.sizeBytes);
      expect(part.eraseUnits[0]?.bytes).toBe(part.sectorBytes);
    } catch (e) {
      if (!isImxflashError(e) || !e.code.startsWith('SFDP_')) throw e;
    }
  };

  it('throws only SFDP ImxflashErrors on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), onlyImxflashErrors), { numRuns: 500 });
  });

  it('throws only SFDP ImxflashErrors on random tables behind a valid header', () => {
    const table = fc.array(fc.integer({ min: 0, max: 0xffff_ffff }), { minLength: 0, maxLength: 24 });
    fc.assert(
      fc.property(table, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 255 }), (dwords, declared, minor) =>
        onlyImxflashErrors(sfdpImage(dwords, { lengthDwords: declared, minor })),
      ),
      { numRuns: 1000 },
    );
  });
});
