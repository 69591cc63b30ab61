import { ImxflashError } from '../errors/imxflash-error.js';
import { hex32 } from '../util/hex.js';
import { toDecodeResult, type DecodeResult } from './decode-result.js';
import { checkUint } from './uint-check.js';

/*
 * FlexSPI NOR Configuration Block (FCB): 512 bytes, little-endian.
 * Layout: research/spsdk.md §3.1 and research/imxrt.md §3.1 (SDK `*_flexspi_nor_config.h`,
 * identical across RT10xx; 448 bytes of memConfig + 64 bytes of NOR fields).
 *
 * Every byte of the block is a field of `Fcb`, the reserved areas included, so
 * encodeFcb(decodeFcb(b)) reproduces any 512 bytes that carry the tag.
 */

export const FCB_SIZE = 512;
/** 'FCFB' read as a little-endian u32: bytes 46 43 46 42. */
export const FCB_TAG = 0x42464346;
/** 'V' 1.4.0 (SDK); BOOTGEN and Teensy write 0x56010000 (research/imxrt.md §3.1). */
export const FCB_VERSION = 0x56010400;

/** controllerMiscOption bits (offset 0x040; research/imxrt.md §3.1). */
export const FCB_MISC = {
  DIFF_CLK: 1 << 0,
  CK2: 1 << 1,
  PARALLEL: 1 << 2,
  WORD_ADDRESSABLE: 1 << 3,
  /** The ROM runs device-mode and config commands at the safe 30 MHz clock. */
  SAFE_CONFIG_FREQ: 1 << 4,
  PAD_SETTING_OVERRIDE: 1 << 5,
  DDR_MODE: 1 << 6,
  USE_VALID_TIME_FOR_ALL_FREQ: 1 << 7,
} as const;

/** deviceType (offset 0x044). */
export const FCB_DEVICE_TYPE = {
  SERIAL_NOR: 1,
  SERIAL_NAND: 2,
  SERIAL_RAM: 3,
  MCP_NOR_NAND: 0x12,
  MCP_NOR_RAM: 0x13,
} as const;

/** readSampleClkSrc (offset 0x00C). */
export const READ_SAMPLE_CLK_SRC = {
  INTERNAL_LOOPBACK: 0,
  LOOPBACK_FROM_DQS_PAD: 1,
  LOOPBACK_FROM_SCK_PAD: 2,
  EXTERNAL_DQS: 3,
} as const;

/** deviceModeType (offset 0x011) and configModeType[]. */
export const DEVICE_MODE_TYPE = {
  GENERIC: 0,
  QUAD_ENABLE: 1,
  SPI_TO_XPI: 2,
  XPI_TO_SPI: 3,
  SPI_TO_NO_CMD: 4,
  RESET: 5,
} as const;

/** serialNorType (offset 0x1CC). */
export const SERIAL_NOR_TYPE = {
  STANDARD_SPI: 0,
  HYPER_BUS: 1,
  XPI: 2,
  NO_CMD: 3,
} as const;

/**
 * LUT sequence indices used by the ROM, the ROM API and the flashloader (`NOR_CMD_LUT_SEQ_IDX_*`;
 * research/imxrt.md §3.1). 6, 7, 10 and 12 are free.
 */
export const LUT_SEQ = {
  READ: 0,
  READ_STATUS: 1,
  READ_STATUS_XPI: 2,
  WRITE_ENABLE: 3,
  WRITE_ENABLE_XPI: 4,
  ERASE_SECTOR: 5,
  ERASE_BLOCK: 8,
  PAGE_PROGRAM: 9,
  CHIP_ERASE: 11,
  READ_SFDP: 13,
  RESTORE_NO_CMD: 14,
  EXIT_NO_CMD: 15,
} as const;

/** Indices into lutCustomSeq[] (`NOR_CMD_INDEX_*`; research/imxrt.md §3.1). */
export const NOR_CMD_INDEX = {
  READ: 0,
  READ_STATUS: 1,
  WRITE_ENABLE: 2,
  ERASE_SECTOR: 3,
  PAGE_PROGRAM: 4,
  CHIP_ERASE: 5,
  DUMMY: 6,
  ERASE_BLOCK: 7,
} as const;

/** A {u8 seqNum, u8 seqId, u16 reserved} reference to consecutive LUT sequences. */
export interface FcbSeqRef {
  /** Number of consecutive sequences (0 = unused). */
  readonly seqNum: number;
  /** First sequence index. */
  readonly seqId: number;
  readonly reserved: number;
}

export const LOOKUP_TABLE_WORDS = 64;
export const LUT_CUSTOM_SEQ_COUNT = 12;

/** Every field of the 512-byte block, at the offset in the comment. */
export interface Fcb {
  readonly tag: number; //                        0x000 u32
  readonly version: number; //                    0x004 u32
  readonly reserved008: number; //                0x008 u32
  readonly readSampleClkSrc: number; //           0x00C u8
  readonly csHoldTime: number; //                 0x00D u8
  readonly csSetupTime: number; //                0x00E u8
  readonly columnAddressWidth: number; //         0x00F u8
  readonly deviceModeCfgEnable: number; //        0x010 u8
  readonly deviceModeType: number; //             0x011 u8
  /** Units of 100 µs. */
  readonly waitTimeCfgCommands: number; //        0x012 u16
  readonly deviceModeSeq: FcbSeqRef; //           0x014
  readonly deviceModeArg: number; //              0x018 u32
  readonly configCmdEnable: number; //            0x01C u8
  readonly configModeType: readonly [number, number, number]; //     0x01D u8[3]
  readonly configCmdSeqs: readonly [FcbSeqRef, FcbSeqRef, FcbSeqRef]; // 0x020
  readonly reserved02C: number; //                0x02C u32
  readonly configCmdArgs: readonly [number, number, number]; //      0x030 u32[3]
  readonly reserved03C: number; //                0x03C u32
  readonly controllerMiscOption: number; //       0x040 u32
  readonly deviceType: number; //                 0x044 u8
  readonly sflashPadType: number; //              0x045 u8
  /** Chip-specific enum (research/imxrt.md §3.2). */
  readonly serialClkFreq: number; //              0x046 u8
  readonly lutCustomSeqEnable: number; //         0x047 u8
  readonly reserved048: readonly [number, number]; //                0x048 u32[2]
  readonly sflashA1Size: number; //               0x050 u32
  readonly sflashA2Size: number; //               0x054 u32
  readonly sflashB1Size: number; //               0x058 u32
  readonly sflashB2Size: number; //               0x05C u32
  readonly csPadSettingOverride: number; //       0x060 u32
  readonly sclkPadSettingOverride: number; //     0x064 u32
  readonly dataPadSettingOverride: number; //     0x068 u32
  readonly dqsPadSettingOverride: number; //      0x06C u32
  readonly timeoutInMs: number; //                0x070 u32
  readonly commandInterval: number; //            0x074 u32
  /** Units of 0.1 ns, one per port. */
  readonly dataValidTime: readonly [number, number]; //              0x078 u16[2]
  readonly busyOffset: number; //                 0x07C u16
  /** 0 = busy when the bit is 1; 1 = busy when it is 0. */
  readonly busyBitPolarity: number; //            0x07E u16
  /** 64 words = 16 sequences × 4 words. */
  readonly lookupTable: readonly number[]; //     0x080 u32[64]
  /** Indexed by NOR_CMD_INDEX; used when lutCustomSeqEnable = 1. */
  readonly lutCustomSeq: readonly FcbSeqRef[]; // 0x180 [12]
  readonly reserved1B0: readonly [number, number, number, number]; // 0x1B0 u32[4]
  readonly pageSize: number; //                   0x1C0 u32
  readonly sectorSize: number; //                 0x1C4 u32
  readonly ipcmdSerialClkFreq: number; //         0x1C8 u8
  readonly isUniformBlockSize: number; //         0x1C9 u8
  /** isDataOrderSwapped on RT11xx (BOOTGEN). */
  readonly reserved1CA: number; //                0x1CA u16
  readonly serialNorType: number; //              0x1CC u8
  readonly needExitNoCmdMode: number; //          0x1CD u8
  readonly halfClkForNonReadCmd: number; //       0x1CE u8
  readonly needRestoreNoCmdMode: number; //       0x1CF u8
  readonly blockSize: number; //                  0x1D0 u32
  /** 44 bytes up to 0x1FF (flashStateCtx at 0x1D4 on RT11xx, BOOTGEN). */
  readonly reserved1D4: readonly number[]; //     0x1D4 u32[11]
}

const RESERVED_1D4_WORDS = 11;

type ScalarKey = {
  [K in keyof Fcb]: Fcb[K] extends number ? K : never;
}[keyof Fcb];

/** The scalar fields, in layout order. */
const SCALARS: readonly (readonly [ScalarKey, number, 8 | 16 | 32])[] = [
  ['tag', 0x000, 32],
  ['version', 0x004, 32],
  ['reserved008', 0x008, 32],
  ['readSampleClkSrc', 0x00c, 8],
  ['csHoldTime', 0x00d, 8],
  ['csSetupTime', 0x00e, 8],
  ['columnAddressWidth', 0x00f, 8],
  ['deviceModeCfgEnable', 0x010, 8],
  ['deviceModeType', 0x011, 8],
  ['waitTimeCfgCommands', 0x012, 16],
  ['deviceModeArg', 0x018, 32],
  ['configCmdEnable', 0x01c, 8],
  ['reserved02C', 0x02c, 32],
  ['reserved03C', 0x03c, 32],
  ['controllerMiscOption', 0x040, 32],
  ['deviceType', 0x044, 8],
  ['sflashPadType', 0x045, 8],
  ['serialClkFreq', 0x046, 8],
  ['lutCustomSeqEnable', 0x047, 8],
  ['sflashA1Size', 0x050, 32],
  ['sflashA2Size', 0x054, 32],
  ['sflashB1Size', 0x058, 32],
  ['sflashB2Size', 0x05c, 32],
  ['csPadSettingOverride', 0x060, 32],
  ['sclkPadSettingOverride', 0x064, 32],
  ['dataPadSettingOverride', 0x068, 32],
  ['dqsPadSettingOverride', 0x06c, 32],
  ['timeoutInMs', 0x070, 32],
  ['commandInterval', 0x074, 32],
  ['busyOffset', 0x07c, 16],
  ['busyBitPolarity', 0x07e, 16],
  ['pageSize', 0x1c0, 32],
  ['sectorSize', 0x1c4, 32],
  ['ipcmdSerialClkFreq', 0x1c8, 8],
  ['isUniformBlockSize', 0x1c9, 8],
  ['reserved1CA', 0x1ca, 16],
  ['serialNorType', 0x1cc, 8],
  ['needExitNoCmdMode', 0x1cd, 8],
  ['halfClkForNonReadCmd', 0x1ce, 8],
  ['needRestoreNoCmdMode', 0x1cf, 8],
  ['blockSize', 0x1d0, 32],
];

const OFF_DEVICE_MODE_SEQ = 0x014;
const OFF_CONFIG_MODE_TYPE = 0x01d;
const OFF_CONFIG_CMD_SEQS = 0x020;
const OFF_CONFIG_CMD_ARGS = 0x030;
const OFF_RESERVED_048 = 0x048;
const OFF_DATA_VALID_TIME = 0x078;
const OFF_LOOKUP_TABLE = 0x080;
const OFF_LUT_CUSTOM_SEQ = 0x180;
const OFF_RESERVED_1B0 = 0x1b0;
const OFF_RESERVED_1D4 = 0x1d4;

/** A reference to no sequence. */
export const NO_SEQ: FcbSeqRef = { seqNum: 0, seqId: 0, reserved: 0 };

/** An FCB with the tag, version 1.4.0 and every other field 0; the builder starts from it. */
export function blankFcb(): Fcb {
  return {
    tag: FCB_TAG,
    version: FCB_VERSION,
    reserved008: 0,
    readSampleClkSrc: 0,
    csHoldTime: 0,
    csSetupTime: 0,
    columnAddressWidth: 0,
    deviceModeCfgEnable: 0,
    deviceModeType: 0,
    waitTimeCfgCommands: 0,
    deviceModeSeq: NO_SEQ,
    deviceModeArg: 0,
    configCmdEnable: 0,
    configModeType: [0, 0, 0],
    configCmdSeqs: [NO_SEQ, NO_SEQ, NO_SEQ],
    reserved02C: 0,
    configCmdArgs: [0, 0, 0],
    reserved03C: 0,
    controllerMiscOption: 0,
    deviceType: 0,
    sflashPadType: 0,
    serialClkFreq: 0,
    lutCustomSeqEnable: 0,
    reserved048: [0, 0],
    sflashA1Size: 0,
    sflashA2Size: 0,
    sflashB1Size: 0,
    sflashB2Size: 0,
    csPadSettingOverride: 0,
    sclkPadSettingOverride: 0,
    dataPadSettingOverride: 0,
    dqsPadSettingOverride: 0,
    timeoutInMs: 0,
    commandInterval: 0,
    dataValidTime: [0, 0],
    busyOffset: 0,
    busyBitPolarity: 0,
    lookupTable: new Array<number>(LOOKUP_TABLE_WORDS).fill(0),
    lutCustomSeq: new Array<FcbSeqRef>(LUT_CUSTOM_SEQ_COUNT).fill(NO_SEQ),
    reserved1B0: [0, 0, 0, 0],
    pageSize: 0,
    sectorSize: 0,
    ipcmdSerialClkFreq: 0,
    isUniformBlockSize: 0,
    reserved1CA: 0,
    serialNorType: 0,
    needExitNoCmdMode: 0,
    halfClkForNonReadCmd: 0,
    needRestoreNoCmdMode: 0,
    blockSize: 0,
    reserved1D4: new Array<number>(RESERVED_1D4_WORDS).fill(0),
  };
}

function badLength(field: string, expected: number, actual: number): ImxflashError {
  return new ImxflashError('FCB_BAD_VALUE', `FCB ${field} has ${actual} entries, expected ${expected}`, {
    hint: `Give ${field} exactly ${expected} entries.`,
    details: { field, expected, actual },
  });
}

/** Serialises every field into 512 bytes; a value that does not fit its field is FCB_BAD_VALUE. */
export function encodeFcb(fcb: Fcb): Uint8Array {
  const bytes = new Uint8Array(FCB_SIZE);
  const v = new DataView(bytes.buffer);
  const put = (offset: number, bits: 8 | 16 | 32, value: number, field: string): void => {
    checkUint(value, bits, `FCB ${field}`, 'FCB_BAD_VALUE');
    if (bits === 8) v.setUint8(offset, value);
    else if (bits === 16) v.setUint16(offset, value, true);
    else v.setUint32(offset, value, true);
  };
  const putSeq = (offset: number, ref: FcbSeqRef, field: string): void => {
    put(offset, 8, ref.seqNum, `${field}.seqNum`);
    put(offset + 1, 8, ref.seqId, `${field}.seqId`);
    put(offset + 2, 16, ref.reserved, `${field}.reserved`);
  };
  const putWords = (offset: number, words: readonly number[], count: number, field: string): void => {
    if (words.length !== count) throw badLength(field, count, words.length);
    words.forEach((w, i) => put(offset + 4 * i, 32, w, `${field}[${i}]`));
  };

  for (const [key, offset, bits] of SCALARS) put(offset, bits, fcb[key], key);
  putSeq(OFF_DEVICE_MODE_SEQ, fcb.deviceModeSeq, 'deviceModeSeq');
  if (fcb.configModeType.length !== 3) throw badLength('configModeType', 3, fcb.configModeType.length);
  fcb.configModeType.forEach((t, i) => put(OFF_CONFIG_MODE_TYPE + i, 8, t, `configModeType[${i}]`));
  if (fcb.configCmdSeqs.length !== 3) throw badLength('configCmdSeqs', 3, fcb.configCmdSeqs.length);
  fcb.configCmdSeqs.forEach((s, i) => putSeq(OFF_CONFIG_CMD_SEQS + 4 * i, s, `configCmdSeqs[${i}]`));
  putWords(OFF_CONFIG_CMD_ARGS, fcb.configCmdArgs, 3, 'configCmdArgs');
  putWords(OFF_RESERVED_048, fcb.reserved048, 2, 'reserved048');
  if (fcb.dataValidTime.length !== 2) throw badLength('dataValidTime', 2, fcb.dataValidTime.length);
  fcb.dataValidTime.forEach((t, i) => put(OFF_DATA_VALID_TIME + 2 * i, 16, t, `dataValidTime[${i}]`));
  putWords(OFF_LOOKUP_TABLE, fcb.lookupTable, LOOKUP_TABLE_WORDS, 'lookupTable');
  if (fcb.lutCustomSeq.length !== LUT_CUSTOM_SEQ_COUNT) {
    throw badLength('lutCustomSeq', LUT_CUSTOM_SEQ_COUNT, fcb.lutCustomSeq.length);
  }
  fcb.lutCustomSeq.forEach((s, i) => putSeq(OFF_LUT_CUSTOM_SEQ + 4 * i, s, `lutCustomSeq[${i}]`));
  putWords(OFF_RESERVED_1B0, fcb.reserved1B0, 4, 'reserved1B0');
  putWords(OFF_RESERVED_1D4, fcb.reserved1D4, RESERVED_1D4_WORDS, 'reserved1D4');
  return bytes;
}

/**
 * Decodes the first 512 bytes. FCB_BAD_SIZE when fewer than 512 bytes are given, FCB_BAD_TAG when
 * the tag is not 'FCFB' (the ROM then falls back to the serial downloader; research/imxrt.md §5
 * step 3). Every other value is accepted as it is: judging them is the linter's job.
 */
export function decodeFcb(bytes: Uint8Array): Fcb {
  if (bytes.length < FCB_SIZE) {
    throw new ImxflashError('FCB_BAD_SIZE', `an FCB is 512 bytes, got ${bytes.length}`, {
      hint: 'Pass the whole 512-byte block (flash offset 0, or 0x400 on RT1010/RT117x).',
      details: { length: bytes.length },
    });
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, FCB_SIZE);
  const tag = v.getUint32(0, true);
  if (tag !== FCB_TAG) {
    throw new ImxflashError('FCB_BAD_TAG', `no FCB: tag is ${hex32(tag)}, expected ${hex32(FCB_TAG)} ('FCFB')`, {
      hint: 'Check the FCB offset for this chip (0x0 on RT105x/106x/102x, 0x400 on RT1010/RT117x), or build the image with an FCB.',
      details: { tag },
    });
  }
  const u8 = (o: number): number => v.getUint8(o);
  const u16 = (o: number): number => v.getUint16(o, true);
  const u32 = (o: number): number => v.getUint32(o, true);
  const seq = (o: number): FcbSeqRef => ({ seqNum: u8(o), seqId: u8(o + 1), reserved: u16(o + 2) });
  const words = (o: number, n: number): number[] => Array.from({ length: n }, (_, i) => u32(o + 4 * i));

  const scalars: Record<string, number> = {};
  for (const [key, offset, bits] of SCALARS) {
    scalars[key] = bits === 8 ? u8(offset) : bits === 16 ? u16(offset) : u32(offset);
  }
  return {
    ...(scalars as Pick<Fcb, ScalarKey>),
    deviceModeSeq: seq(OFF_DEVICE_MODE_SEQ),
    configModeType: [u8(OFF_CONFIG_MODE_TYPE), u8(OFF_CONFIG_MODE_TYPE + 1), u8(OFF_CONFIG_MODE_TYPE + 2)],
    configCmdSeqs: [seq(OFF_CONFIG_CMD_SEQS), seq(OFF_CONFIG_CMD_SEQS + 4), seq(OFF_CONFIG_CMD_SEQS + 8)],
    configCmdArgs: [u32(OFF_CONFIG_CMD_ARGS), u32(OFF_CONFIG_CMD_ARGS + 4), u32(OFF_CONFIG_CMD_ARGS + 8)],
    reserved048: [u32(OFF_RESERVED_048), u32(OFF_RESERVED_048 + 4)],
    dataValidTime: [u16(OFF_DATA_VALID_TIME), u16(OFF_DATA_VALID_TIME + 2)],
    lookupTable: words(OFF_LOOKUP_TABLE, LOOKUP_TABLE_WORDS),
    lutCustomSeq: Array.from({ length: LUT_CUSTOM_SEQ_COUNT }, (_, i) => seq(OFF_LUT_CUSTOM_SEQ + 4 * i)),
    reserved1B0: [u32(OFF_RESERVED_1B0), u32(OFF_RESERVED_1B0 + 4), u32(OFF_RESERVED_1B0 + 8), u32(OFF_RESERVED_1B0 + 12)],
    reserved1D4: words(OFF_RESERVED_1D4, RESERVED_1D4_WORDS),
  };
}

/** `decodeFcb` as a result: `{ ok: false }` carries FCB_BAD_SIZE or FCB_BAD_TAG for the inspector. */
export function tryDecodeFcb(bytes: Uint8Array): DecodeResult<Fcb> {
  return toDecodeResult(() => decodeFcb(bytes));
}
