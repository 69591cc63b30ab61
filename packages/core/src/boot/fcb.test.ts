import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImxflashError } from '../errors/imxflash-error.js';
import { hexBytes } from '../util/hex.js';
import { blankFcb, decodeFcb, encodeFcb, FCB_SIZE, FCB_TAG, tryDecodeFcb, type Fcb, type FcbSeqRef } from './fcb.js';
import { goldenIs25wp064aFcbBytes } from './test-fixtures.js';

const RUNS = { numRuns: 200 };
const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const seqRef: fc.Arbitrary<FcbSeqRef> = fc.record({ seqNum: u8, seqId: u8, reserved: u16 });
const words = (n: number) => fc.array(u32, { minLength: n, maxLength: n });

/** Any FCB with the tag: every field drawn from its full range. */
const arbFcb: fc.Arbitrary<Fcb> = fc.record({
  tag: fc.constant(FCB_TAG),
  version: u32,
  reserved008: u32,
  readSampleClkSrc: u8,
  csHoldTime: u8,
  csSetupTime: u8,
  columnAddressWidth: u8,
  deviceModeCfgEnable: u8,
  deviceModeType: u8,
  waitTimeCfgCommands: u16,
  deviceModeSeq: seqRef,
  deviceModeArg: u32,
  configCmdEnable: u8,
  configModeType: fc.tuple(u8, u8, u8),
  configCmdSeqs: fc.tuple(seqRef, seqRef, seqRef),
  reserved02C: u32,
  configCmdArgs: fc.tuple(u32, u32, u32),
  reserved03C: u32,
  controllerMiscOption: u32,
  deviceType: u8,
  sflashPadType: u8,
  serialClkFreq: u8,
  lutCustomSeqEnable: u8,
  reserved048: fc.tuple(u32, u32),
  sflashA1Size: u32,
  sflashA2Size: u32,
  sflashB1Size: u32,
  sflashB2Size: u32,
  csPadSettingOverride: u32,
  sclkPadSettingOverride: u32,
  dataPadSettingOverride: u32,
  dqsPadSettingOverride: u32,
  timeoutInMs: u32,
  commandInterval: u32,
  dataValidTime: fc.tuple(u16, u16),
  busyOffset: u16,
  busyBitPolarity: u16,
  lookupTable: words(64),
  lutCustomSeq: fc.array(seqRef, { minLength: 12, maxLength: 12 }),
  reserved1B0: fc.tuple(u32, u32, u32, u32),
  pageSize: u32,
  sectorSize: u32,
  ipcmdSerialClkFreq: u8,
  isUniformBlockSize: u8,
  reserved1CA: u16,
  serialNorType: u8,
  needExitNoCmdMode: u8,
  halfClkForNonReadCmd: u8,
  needRestoreNoCmdMode: u8,
  blockSize: u32,
  reserved1D4: words(11),
});

const bytesAt = (b: Uint8Array, offset: number, n: number): string => hexBytes(b.subarray(offset, offset + n));

describe('FCB codec (research/spsdk.md §3.1, research/imxrt.md §3.1)', () => {
  it('decodes the SPSDK IS25WP064A FCB field by field (research/spsdk.md §3.2)', () => {
    const lookupTable = new Array<number>(64).fill(0);
    Object.assign(lookupTable, {
      0: 0x0a1804eb, 1: 0x26043206, 4: 0x24040405, 12: 0x00000406, 20: 0x08180420,
      32: 0x081804d8, 36: 0x08180402, 37: 0x00002004, 44: 0x00000460,
    });
    expect(decodeFcb(goldenIs25wp064aFcbBytes())).toEqual({
      ...blankFcb(),
      readSampleClkSrc: 1,
      csHoldTime: 3,
      csSetupTime: 3,
      controllerMiscOption: 0x10,
      deviceType: 1,
      sflashPadType: 4,
      serialClkFreq: 7,
      sflashA1Size: 0x80_0000,
      lookupTable,
      pageSize: 256,
      sectorSize: 4096,
      ipcmdSerialClkFreq: 1,
      blockSize: 0x1_0000,
    });
  });

  it('re-encodes the golden FCB byte for byte', () => {
    const golden = goldenIs25wp064aFcbBytes();
    expect(hexBytes(encodeFcb(decodeFcb(golden)))).toBe(hexBytes(golden));
  });

  it('puts each field at its documented offset', () => {
    const b = encodeFcb({
      ...blankFcb(),
      waitTimeCfgCommands: 0x1234,
      deviceModeSeq: { seqNum: 1, seqId: 6, reserved: 0 },
      deviceModeArg: 0x40,
      configCmdEnable: 1,
      configModeType: [0xa1, 0xa2, 0xa3],
      configCmdSeqs: [{ seqNum: 1, seqId: 12, reserved: 0 }, { seqNum: 2, seqId: 10, reserved: 0xbbcc }, { seqNum: 3, seqId: 7, reserved: 0 }],
      configCmdArgs: [0xf0, 0x11223344, 0x55],
      sflashB2Size: 0xdeadbeef,
      dqsPadSettingOverride: 0xcafe,
      timeoutInMs: 0x77,
      commandInterval: 0x88,
      dataValidTime: [15, 0x0102],
      busyOffset: 15,
      busyBitPolarity: 1,
      lutCustomSeq: blankFcb().lutCustomSeq.map((s, i) => (i === 11 ? { seqNum: 4, seqId: 11, reserved: 0 } : s)),
      reserved1B0: [0, 0, 0, 0x99],
      isUniformBlockSize: 1,
      reserved1CA: 0xa55a,
      serialNorType: 1,
      needExitNoCmdMode: 2,
      halfClkForNonReadCmd: 3,
      needRestoreNoCmdMode: 4,
      reserved1D4: [0x01020304, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfffffffe],
    });
    expect(b.length).toBe(FCB_SIZE);
    expect(bytesAt(b, 0x000, 8)).toBe('46 43 46 42 00 04 01 56');
    expect(bytesAt(b, 0x012, 2)).toBe('34 12');
    expect(bytesAt(b, 0x014, 8)).toBe('01 06 00 00 40 00 00 00');
    expect(bytesAt(b, 0x01c, 4)).toBe('01 a1 a2 a3');
    expect(bytesAt(b, 0x020, 12)).toBe('01 0c 00 00 02 0a cc bb 03 07 00 00');
    expect(bytesAt(b, 0x030, 12)).toBe('f0 00 00 00 44 33 22 11 55 00 00 00');
    expect(bytesAt(b, 0x05c, 4)).toBe('ef be ad de');
    expect(bytesAt(b, 0x06c, 4)).toBe('fe ca 00 00');
    expect(bytesAt(b, 0x070, 8)).toBe('77 00 00 00 88 00 00 00');
    expect(bytesAt(b, 0x078, 8)).toBe('0f 00 02 01 0f 00 01 00');
    expect(bytesAt(b, 0x1ac, 4)).toBe('04 0b 00 00');
    expect(bytesAt(b, 0x1bc, 4)).toBe('99 00 00 00');
    expect(bytesAt(b, 0x1c9, 7)).toBe('01 5a a5 01 02 03 04');
    expect(bytesAt(b, 0x1d4, 4)).toBe('04 03 02 01');
    expect(bytesAt(b, 0x1fc, 4)).toBe('fe ff ff ff');
  });

  it('reports a short block as FCB_BAD_SIZE and a wrong tag as FCB_BAD_TAG', () => {
    expect(() => decodeFcb(new Uint8Array(511))).toThrowError(expect.objectContaining({ code: 'FCB_BAD_SIZE' }));
    const erased = new Uint8Array(512).fill(0xff);
    expect(() => decodeFcb(erased)).toThrowError(expect.objectContaining({ code: 'FCB_BAD_TAG', message: expect.stringContaining('0xFFFFFFFF') }));
    const result = tryDecodeFcb(new Uint8Array(512));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('FCB_BAD_TAG');
    const ok = tryDecodeFcb(goldenIs25wp064aFcbBytes());
    expect(ok.ok && ok.value.sflashA1Size).toBe(0x80_0000);
  });

  it('reads only the first 512 bytes of a longer buffer, at any byteOffset', () => {
    const big = new Uint8Array(0x1000);
    big.set(goldenIs25wp064aFcbBytes(), 0x400);
    expect(decodeFcb(big.subarray(0x400)).serialClkFreq).toBe(7);
  });

  it('rejects values that do not fit with FCB_BAD_VALUE', () => {
    expect(() => encodeFcb({ ...blankFcb(), serialClkFreq: 256 })).toThrowError(expect.objectContaining({ code: 'FCB_BAD_VALUE' }));
    expect(() => encodeFcb({ ...blankFcb(), busyOffset: -1 })).toThrowError(expect.objectContaining({ code: 'FCB_BAD_VALUE' }));
    expect(() => encodeFcb({ ...blankFcb(), lookupTable: new Array<number>(63).fill(0) })).toThrowError(
      expect.objectContaining({ code: 'FCB_BAD_VALUE' }),
    );
    expect(() => encodeFcb({ ...blankFcb(), deviceModeArg: 1.5 })).toThrowError(expect.objectContaining({ code: 'FCB_BAD_VALUE' }));
  });

  it('round-trips any FCB object: decode(encode(x)) = x', () => {
    fc.assert(
      fc.property(arbFcb, (fcb) => {
        expect(decodeFcb(encodeFcb(fcb))).toEqual(fcb);
      }),
      RUNS,
    );
  });

  it('round-trips any 512 bytes with the tag: encode(decode(b)) = b', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 512, maxLength: 512 }), (raw) => {
        const b = Uint8Array.from(raw);
        b.set([0x46, 0x43, 0x46, 0x42], 0);
        expect(encodeFcb(decodeFcb(b))).toEqual(b);
      }),
      RUNS,
    );
  });

  it('answers arbitrary bytes with an Fcb or an ImxflashError, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (raw, tagged) => {
        const b = Uint8Array.from(raw);
        if (tagged && b.length >= 4) b.set([0x46, 0x43, 0x46, 0x42], 0);
        try {
          expect(decodeFcb(b).tag).toBe(FCB_TAG);
        } catch (e) {
          expect(e).toBeInstanceOf(ImxflashError);
        }
        const r = tryDecodeFcb(b);
        expect(r.ok).toBe(b.length >= 512 && tagged);
      }),
      RUNS,
    );
  });
});
