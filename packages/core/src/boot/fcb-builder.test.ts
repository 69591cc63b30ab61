import { describe, expect, it } from 'vitest';
import type { FlashPart } from '../db/flash-part.js';
import { hexBytes } from '../util/hex.js';
import { blankFcb, DEVICE_MODE_TYPE, encodeFcb, FCB_MISC, LUT_SEQ, NOR_CMD_INDEX, type Fcb } from './fcb.js';
import { buildFcb, QUAD_ENABLE_LUT_SEQ, serialClkFreqFor } from './fcb-builder.js';
import { decodeLutSequence, formatLutInstruction, lutSequenceWords } from './lut.js';
import {
  fixtureIs25lp064a,
  fixtureIs25wp064a,
  fixtureIs25wp128,
  fixtureQuadOutputPart,
  fixtureRt1020,
  fixtureRt1050,
  fixtureRt1060,
  fixtureRt1170,
  fixtureS26ks512s,
  fixtureW25q16jvIm,
  fixtureW25q256jv,
  goldenIs25wp064aFcbBytes,
} from './test-fixtures.js';

/** u32 LE at a byte offset of the encoded block. */
const word = (b: Uint8Array, offset: number): number => new DataView(b.buffer, b.byteOffset).getUint32(offset, true);
/** The LUT words that are not zero, as { index: value }. */
const nonZeroLut = (fcb: Fcb): Record<number, number> =>
  Object.fromEntries(fcb.lookupTable.flatMap((w, i) => (w === 0 ? [] : [[i, w]])));
const seqText = (fcb: Fcb, index: number): string[] => decodeLutSequence(lutSequenceWords(fcb.lookupTable, index)).map(formatLutInstruction);

/** LUT of golden (a) (research/imxrt.md §3.3 (a)), identical to research/spsdk.md §3.2. */
const LUT_A = {
  0: 0x0a1804eb,
  1: 0x26043206,
  4: 0x24040405,
  12: 0x00000406,
  20: 0x08180420,
  32: 0x081804d8,
  36: 0x08180402,
  37: 0x00002004,
  44: 0x00000460,
};

describe('buildFcb: SPI NOR goldens', () => {
  it('reproduces the SPSDK IS25WP064A FCB byte for byte (research/spsdk.md §3.2; RT1050 enum 7 = 133 MHz)', () => {
    const fcb = buildFcb(fixtureIs25wp064a, fixtureRt1050, { quadEnable: 'assume-set' });
    const bytes = encodeFcb(fcb);
    const golden = goldenIs25wp064aFcbBytes();
    for (let i = 0; i < 512; i += 16) {
      expect(`${i.toString(16).padStart(3, '0')}: ${hexBytes(bytes.subarray(i, i + 16))}`).toBe(
        `${i.toString(16).padStart(3, '0')}: ${hexBytes(golden.subarray(i, i + 16))}`,
      );
    }
  });

  it('(a) RT1060 + IS25WP064A at 120 MHz (serialClkFreq 7 on the RT1060 enum)', () => {
    const fcb = buildFcb(fixtureIs25wp064a, fixtureRt1060, { quadEnable: 'assume-set', maxFrequencyMhz: 120 });
    const b = encodeFcb(fcb);
    expect(word(b, 0x000)).toBe(0x42464346);
    expect(word(b, 0x004)).toBe(0x56010400);
    expect(word(b, 0x00c)).toBe(0x00030301);
    expect(word(b, 0x040)).toBe(0x00000010);
    expect(word(b, 0x044)).toBe(0x00070401);
    expect(word(b, 0x050)).toBe(0x00800000);
    expect(nonZeroLut(fcb)).toEqual(LUT_A);
    expect(fcb).toMatchObject({ pageSize: 256, sectorSize: 4096, ipcmdSerialClkFreq: 1, blockSize: 0x10000, isUniformBlockSize: 0 });
    expect(seqText(fcb, LUT_SEQ.READ)).toEqual(['CMD_SDR 1-pad 0xEB', 'RADDR_SDR 4-pad 24', 'DUMMY_SDR 4-pad 6', 'READ_SDR 4-pad 0x04']);
    // Every other field is 0 (research/imxrt.md §3.3 (a): "All other fields are 0").
    expect({ ...fcb, lookupTable: [] }).toEqual({
      ...blankFcb(),
      readSampleClkSrc: 1, csHoldTime: 3, csSetupTime: 3, controllerMiscOption: 0x10, deviceType: 1, sflashPadType: 4,
      serialClkFreq: 7, sflashA1Size: 0x800000, pageSize: 256, sectorSize: 4096, ipcmdSerialClkFreq: 1, blockSize: 0x10000,
      lookupTable: [],
    });
  });

  it('picks the fastest enum value the part allows: 8 = 133 MHz on the RT1060, 7 = 133 MHz on the RT1050', () => {
    expect(buildFcb(fixtureIs25wp064a, fixtureRt1060, { quadEnable: 'assume-set' }).serialClkFreq).toBe(8);
    expect(buildFcb(fixtureIs25wp064a, fixtureRt1050, { quadEnable: 'assume-set' }).serialClkFreq).toBe(7);
    expect(buildFcb(fixtureIs25wp064a, fixtureRt1050, { maxFrequencyMhz: 100 }).serialClkFreq).toBe(6);
    expect(serialClkFreqFor(fixtureRt1060, 119)).toBe(6);
    expect(() => serialClkFreqFor(fixtureRt1060, 20)).toThrowError(expect.objectContaining({ code: 'FCB_BAD_VALUE' }));
  });

  it('(d) RT1020 + IS25LP064A at 133 MHz with 8 dummy cycles via Read Parameters 0xC0 ← 0xF0', () => {
    const fcb = buildFcb(fixtureIs25lp064a, fixtureRt1020, {
      quadEnable: 'assume-set',
      dummyCycles: 8,
      configCmds: [{ opcode: 0xc0, dataBytes: 1, arg: 0xf0 }],
    });
    const b = encodeFcb(fcb);
    expect(word(b, 0x00c)).toBe(0x00030301);
    expect(word(b, 0x044)).toBe(0x00070401);
    expect(nonZeroLut(fcb)).toEqual({ ...LUT_A, 1: 0x26043208, 48: 0x200104c0 });
    expect(fcb.lookupTable[49]).toBe(0);
    expect(fcb.configCmdEnable).toBe(1);
    expect(fcb.configModeType).toEqual([0, 0, 0]);
    expect(fcb.configCmdSeqs[0]).toEqual({ seqNum: 1, seqId: 12, reserved: 0 });
    expect(fcb.configCmdArgs).toEqual([0xf0, 0, 0]);
    expect(b[0x1c]).toBe(1);
    expect(hexBytes(b.subarray(0x20, 0x24))).toBe('01 0c 00 00');
    expect(word(b, 0x30)).toBe(0xf0);
    expect(fcb.deviceModeCfgEnable).toBe(0);
  });

  it('(e) RT1170 + IS25WP128: 9 dummy cycles, Read Parameters 0x48, 16 MiB, 7 = 133 MHz', () => {
    const fcb = buildFcb(fixtureIs25wp128, fixtureRt1170, {
      quadEnable: 'assume-set',
      dummyCycles: 9,
      configCmds: [{ opcode: 0xc0, dataBytes: 1, arg: 0x48 }],
    });
    expect(fcb).toMatchObject({ controllerMiscOption: 0x10, serialClkFreq: 7, sflashA1Size: 16 << 20 });
    expect(fcb.lookupTable[1]).toBe(0x26043209);
    expect(fcb.lookupTable[48]).toBe(0x200104c0);
    expect(fcb.configCmdArgs[0]).toBe(0x48);
  });

  it('(g) agrees with the imxrt-boot-gen Teensy 4 golden (W25Q16JV, 60 MHz on the RT1060 enum)', () => {
    const fcb = buildFcb(fixtureW25q16jvIm, fixtureRt1060, { quadEnable: 'assume-set', maxFrequencyMhz: 60 });
    const b = encodeFcb(fcb);
    expect(word(b, 0x044)).toBe(0x00030401);
    expect(word(b, 0x050)).toBe(0x00200000);
    // BOOTGEN leaves word 32 (block erase) 0 on purpose; we fill it, as NXP's EVK FCBs do.
    expect(nonZeroLut(fcb)).toEqual(LUT_A);
    expect([word(b, 0x1c0), word(b, 0x1c4), b[0x1c8]]).toEqual([256, 4096, 1]);
    // Its chip-erase opcode 0xC7 is written as the equivalent 0x60.
    expect(fixtureW25q16jvIm.opcodes?.chipErase).toBe(0xc7);
  });
});

describe('buildFcb: quad enable', () => {
  it("by default makes the ROM set ISSI's QE (SR1 bit 6) through sequence 6", () => {
    const fcb = buildFcb(fixtureIs25wp064a, fixtureRt1050);
    expect(fcb).toMatchObject({
      deviceModeCfgEnable: 1,
      deviceModeType: DEVICE_MODE_TYPE.QUAD_ENABLE,
      deviceModeSeq: { seqNum: 1, seqId: QUAD_ENABLE_LUT_SEQ, reserved: 0 },
      deviceModeArg: 0x40,
    });
    expect(fcb.controllerMiscOption & FCB_MISC.SAFE_CONFIG_FREQ).toBe(FCB_MISC.SAFE_CONFIG_FREQ);
    expect(seqText(fcb, fcb.deviceModeSeq.seqId)).toEqual(['CMD_SDR 1-pad 0x01', 'WRITE_SDR 1-pad 0x01']);
    expect(fcb.lookupTable[24]).toBe(0x20010401);
    const b = encodeFcb(fcb);
    expect(hexBytes(b.subarray(0x10, 0x1c))).toBe('01 01 00 00 01 06 00 00 40 00 00 00');
    // Nothing else changes: the rest equals the golden.
    expect(nonZeroLut(fcb)).toEqual({ ...LUT_A, 24: 0x20010401 });
  });

  it('writes SR2 bit 1 with 0x31 (arg 0x02), with WRSR 2 bytes (arg 0x0200), and SR2 bit 7 with 0x3E (arg 0x80)', () => {
    const w25q16 = buildFcb(fixtureW25q16jvIm, fixtureRt1060);
    expect(w25q16.deviceModeArg).toBe(0x02);
    expect(seqText(w25q16, 6)).toEqual(['CMD_SDR 1-pad 0x31', 'WRITE_SDR 1-pad 0x01']);
    const w25q256 = buildFcb(fixtureW25q256jv, fixtureRt1060);
    expect(w25q256.deviceModeArg).toBe(0x0200);
    expect(w25q256.lookupTable[24]).toBe(0x20020401);
    const quadOut = buildFcb(fixtureQuadOutputPart, fixtureRt1060);
    expect(quadOut.deviceModeArg).toBe(0x80);
    expect(seqText(quadOut, 6)).toEqual(['CMD_SDR 1-pad 0x3E', 'WRITE_SDR 1-pad 0x01']);
  });

  it("leaves QE out with 'assume-set', for a safe read, and for parts without a QE bit", () => {
    expect(buildFcb(fixtureIs25wp064a, fixtureRt1050, { quadEnable: 'assume-set' }).deviceModeCfgEnable).toBe(0);
    expect(buildFcb(fixtureIs25wp064a, fixtureRt1050, { read: 'safe' }).deviceModeCfgEnable).toBe(0);
    const noQe: FlashPart = { ...fixtureIs25wp064a, quadEnable: null };
    const fcb = buildFcb(noQe, fixtureRt1050);
    expect(fcb.deviceModeCfgEnable).toBe(0);
    expect(fcb.lookupTable.slice(24, 28)).toEqual([0, 0, 0, 0]);
  });

  it('keeps QE in sequence 6 and config commands in 12, 10, 7 when both are used', () => {
    const fcb = buildFcb(fixtureIs25wp064a, fixtureRt1050, {
      configCmds: [
        { opcode: 0xc0, dataBytes: 1, arg: 0xf0 },
        { opcode: 0x42, dataBytes: 2, arg: 0x1234, modeType: 0 },
        { opcode: 0x11, dataBytes: 4, arg: 0xffffffff },
      ],
    });
    expect(fcb.deviceModeSeq.seqId).toBe(6);
    expect(fcb.configCmdSeqs.map((s) => s.seqId)).toEqual([12, 10, 7]);
    expect(seqText(fcb, 10)).toEqual(['CMD_SDR 1-pad 0x42', 'WRITE_SDR 1-pad 0x02']);
    expect(seqText(fcb, 7)).toEqual(['CMD_SDR 1-pad 0x11', 'WRITE_SDR 1-pad 0x04']);
    expect(fcb.configCmdArgs).toEqual([0xf0, 0x1234, 0xffffffff]);
  });
});

describe('buildFcb: read modes and addressing', () => {
  it("'safe' reads 1-1-1 0x03 at the part's normal-read clock (50 MHz → RT1050 enum 2)", () => {
    const fcb = buildFcb(fixtureIs25wp064a, fixtureRt1050, { read: 'safe' });
    expect(fcb.lookupTable.slice(0, 4)).toEqual([0x08180403, 0x00002404, 0, 0]);
    expect(fcb).toMatchObject({ sflashPadType: 1, serialClkFreq: 2, readSampleClkSrc: 1 });
  });

  it('uses the 4-byte opcodes and RADDR 32 for a 4-byte part (research/imxrt.md §3.3, computed words)', () => {
    const fcb = buildFcb(fixtureW25q256jv, fixtureRt1060, { quadEnable: 'assume-set' });
    expect(fcb.lookupTable[0]).toBe(0x0a2004ec);
    expect(fcb.lookupTable[4 * LUT_SEQ.ERASE_SECTOR]).toBe(0x08200421);
    expect(fcb.lookupTable[4 * LUT_SEQ.ERASE_BLOCK]).toBe(0x082004dc);
    expect(fcb.lookupTable[4 * LUT_SEQ.PAGE_PROGRAM]).toBe(0x08200412);
    expect(fcb.sflashA1Size).toBe(32 << 20);
    expect(buildFcb(fixtureW25q256jv, fixtureRt1060, { read: 'safe' }).lookupTable[0]).toBe(0x08200413);
  });

  it('reads 1-1-4 0x6B with the address on one pad', () => {
    const fcb = buildFcb(fixtureQuadOutputPart, fixtureRt1060, { quadEnable: 'assume-set' });
    expect(seqText(fcb, 0)).toEqual(['CMD_SDR 1-pad 0x6B', 'RADDR_SDR 1-pad 24', 'DUMMY_SDR 4-pad 8', 'READ_SDR 4-pad 0x04']);
    expect(fcb.sflashPadType).toBe(4);
  });

  it('takes readSampleClkSrc and dummyCycles overrides', () => {
    const fcb = buildFcb(fixtureIs25wp064a, fixtureRt1050, { readSampleClkSrc: 0, dummyCycles: 10 });
    expect(fcb.readSampleClkSrc).toBe(0);
    expect(seqText(fcb, 0)[2]).toBe('DUMMY_SDR 4-pad 10');
  });
});

describe('buildFcb: HyperFlash, golden (c) (research/imxrt.md §3.3 (c), §2.5)', () => {
  const fcb = buildFcb(fixtureS26ks512s, fixtureRt1050);
  const b = encodeFcb(fcb);

  it('matches the documented words and fields', () => {
    expect(word(b, 0x00c)).toBe(0x03030303);
    expect(word(b, 0x040)).toBe(0x59);
    expect(word(b, 0x044)).toBe(0x01070801);
    expect(word(b, 0x050)).toBe(64 << 20);
    expect(fcb.lookupTable.slice(0, 4)).toEqual([0x8b1887a0, 0xb30c8f10, 0x0000a704, 0]);
    expect(fcb).toMatchObject({
      columnAddressWidth: 3,
      dataValidTime: [15, 0],
      busyOffset: 15,
      busyBitPolarity: 1,
      pageSize: 512,
      sectorSize: 256 << 10,
      blockSize: 256 << 10,
      ipcmdSerialClkFreq: 1,
      serialNorType: 1,
      isUniformBlockSize: 1,
      lutCustomSeqEnable: 1,
      deviceModeCfgEnable: 0,
      configCmdEnable: 0,
    });
    expect(seqText(fcb, 0)).toEqual(['CMD_DDR 8-pad 0xA0', 'RADDR_DDR 8-pad 24', 'CADDR_DDR 8-pad 16', 'DUMMY_DDR 8-pad 12', 'READ_DDR 8-pad 0x04']);
  });

  it('has the custom sequence table of §2.5', () => {
    const pairs = fcb.lutCustomSeq.map((s) => [s.seqNum, s.seqId]);
    expect(pairs[NOR_CMD_INDEX.READ]).toEqual([0, 0]);
    expect(pairs[NOR_CMD_INDEX.READ_STATUS]).toEqual([2, 1]);
    expect(pairs[NOR_CMD_INDEX.WRITE_ENABLE]).toEqual([2, 3]);
    expect(pairs[NOR_CMD_INDEX.ERASE_SECTOR]).toEqual([4, 5]);
    expect(pairs[NOR_CMD_INDEX.PAGE_PROGRAM]).toEqual([2, 9]);
    expect(pairs[NOR_CMD_INDEX.CHIP_ERASE]).toEqual([4, 11]);
    expect(pairs.slice(6)).toEqual(new Array(6).fill([0, 0]));
    expect(hexBytes(b.subarray(0x180, 0x198))).toBe('00 00 00 00 02 01 00 00 02 03 00 00 04 05 00 00 02 09 00 00 04 0b 00 00');
  });

  it('encodes the HyperBus command writes of §2.5 (SDK LUT byte pairs; see the UNVERIFIED note in fcb-builder.ts)', () => {
    const write555 = (data: number) => [0x87008700, 0x87aa8700, 0x87058700, (0x8700 | data) * 0x10000 + 0x8700];
    const unlock2 = [0x87008700, 0x87558700, 0x87028700, 0x87558700];
    const seqs = (from: number, count: number) => fcb.lookupTable.slice(4 * from, 4 * (from + count));
    expect(seqs(1, 2)).toEqual([...write555(0x70), 0x8b1887a0, 0xb70b8f10, 0x0000a704, 0]);
    expect(seqs(3, 2)).toEqual([...write555(0xaa), ...unlock2]);
    expect(seqs(5, 4)).toEqual([...write555(0x80), ...write555(0xaa), ...unlock2, 0x8b188700, 0x87008f10, 0x00008730, 0]);
    expect(seqs(9, 2)).toEqual([...write555(0xa0), 0x8b188700, 0xa3808f10, 0, 0]);
    expect(seqs(11, 4)).toEqual([...write555(0x80), ...write555(0xaa), ...unlock2, ...write555(0x10)]);
    expect(seqs(15, 1)).toEqual([0, 0, 0, 0]);
  });

  it('rejects options that do not apply to HyperFlash', () => {
    expect(() => buildFcb(fixtureS26ks512s, fixtureRt1050, { read: 'safe' })).toThrowError(expect.objectContaining({ code: 'FCB_BAD_VALUE' }));
    expect(() => buildFcb(fixtureS26ks512s, fixtureRt1050, { configCmds: [{ opcode: 1, dataBytes: 1, arg: 0 }] })).toThrowError(
      expect.objectContaining({ code: 'FCB_UNSUPPORTED_PART' }),
    );
  });
});

describe('buildFcb: parts and options it cannot express', () => {
  const cases: [string, FlashPart, object, string][] = [
    ['no opcodes', { ...fixtureIs25wp064a, opcodes: null }, {}, 'FCB_UNSUPPORTED_PART'],
    ['32 MiB with 3-byte addresses', { ...fixtureIs25wp064a, sizeBytes: 32 << 20 }, {}, 'FCB_UNSUPPORTED_PART'],
    ['no erase opcode for the block', { ...fixtureIs25wp064a, eraseUnits: [{ bytes: 4096, opcode: 0x20 }] }, {}, 'FCB_UNSUPPORTED_PART'],
    ['quad read on a part without one', { ...fixtureIs25wp064a, quadRead: null }, { read: 'quad' }, 'FCB_UNSUPPORTED_PART'],
    ['an unknown interface', { ...fixtureIs25wp064a, interface: 'octal' as 'spi-nor' }, {}, 'FCB_UNSUPPORTED_PART'],
    ['dummy cycles on the 0x03 read', fixtureIs25wp064a, { read: 'safe', dummyCycles: 8 }, 'FCB_BAD_VALUE'],
    ['four config commands', fixtureIs25wp064a, { configCmds: new Array(4).fill({ opcode: 0xc0, dataBytes: 1, arg: 0 }) }, 'FCB_BAD_VALUE'],
    ['a config arg wider than its bytes', fixtureIs25wp064a, { configCmds: [{ opcode: 0xc0, dataBytes: 1, arg: 0x100 }] }, 'FCB_BAD_VALUE'],
    ['a frequency below every enum value', fixtureIs25wp064a, { maxFrequencyMhz: 10 }, 'FCB_BAD_VALUE'],
    ['a negative frequency', fixtureIs25wp064a, { maxFrequencyMhz: -1 }, 'FCB_BAD_VALUE'],
    ['readSampleClkSrc 4', fixtureIs25wp064a, { readSampleClkSrc: 4 }, 'FCB_BAD_VALUE'],
    ['an unknown quadEnable', fixtureIs25wp064a, { quadEnable: 'yes' }, 'FCB_BAD_VALUE'],
  ];
  it.each(cases)('%s', (_name, part, options, code) => {
    expect(() => buildFcb(part, fixtureRt1050, options)).toThrowError(expect.objectContaining({ code, hint: expect.any(String) }));
  });

  it('falls back to the safe read when the part has no quad read', () => {
    const fcb = buildFcb({ ...fixtureIs25wp064a, quadRead: null }, fixtureRt1050);
    expect(fcb.lookupTable[0]).toBe(0x08180403);
    expect(fcb.deviceModeCfgEnable).toBe(0);
  });
});
