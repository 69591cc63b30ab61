/*
 * The FCB fields the ROM uses, read from the 512 bytes it loaded (research/imxrt.md §3.1; all
 * little-endian). Written from the research table, independently of core's FCB codec (the sim
 * must not share a bug with the code it checks). No validation here: the ROM model judges.
 */

/** 0x42464346, "FCFB" read little-endian (research/imxrt.md §3.1). */
export const FCB_TAG = 0x4246_4346;
export const FCB_BYTES = 512;

/** controllerMiscOption bits (research/imxrt.md §3.1). */
export const FCB_MISC = {
  DIFF_CLK: 1 << 0,
  CK2: 1 << 1,
  PARALLEL: 1 << 2,
  WORD_ADDRESSABLE: 1 << 3,
  SAFE_CONFIG_FREQ: 1 << 4,
  PAD_SETTING_OVERRIDE: 1 << 5,
  DDR_MODE: 1 << 6,
} as const;

/** deviceModeType / configModeType values that skip the busy wait (BL: Spi2Xpi 2, Xpi2Spi 3). */
export const DEVICE_MODE_SPI2XPI = 2;
export const DEVICE_MODE_XPI2SPI = 3;

/** lutCustomSeq indices (NOR_CMD_INDEX, research/imxrt.md §3.1). */
export const CUSTOM_SEQ = { READ: 0, READ_STATUS: 1, WRITE_ENABLE: 2, PAGE_PROGRAM: 4 } as const;

/** LUT sequence indices of the FCB convention (research/imxrt.md §3.1). */
export const FCB_SEQ = { READ: 0, READ_STATUS: 1, WRITE_ENABLE: 3, PAGE_PROGRAM: 9 } as const;

export interface SeqRef {
  readonly seqNum: number;
  readonly seqId: number;
}

export interface RomFcb {
  readonly tag: number;
  readonly version: number;
  readonly readSampleClkSrc: number;
  readonly csHoldTime: number;
  readonly csSetupTime: number;
  readonly columnAddressWidth: number;
  readonly deviceModeCfgEnable: number;
  readonly deviceModeType: number;
  /** Units of 100 µs. */
  readonly waitTimeCfgCommands: number;
  readonly deviceModeSeq: SeqRef;
  readonly deviceModeArg: number;
  readonly configCmdEnable: number;
  readonly configModeType: readonly [number, number, number];
  readonly configCmdSeqs: readonly [SeqRef, SeqRef, SeqRef];
  readonly configCmdArgs: readonly [number, number, number];
  readonly controllerMiscOption: number;
  readonly deviceType: number;
  readonly sflashPadType: number;
  readonly serialClkFreq: number;
  readonly lutCustomSeqEnable: number;
  /** sflashA1Size, A2, B1, B2 in bytes. */
  readonly flashSizes: readonly [number, number, number, number];
  readonly timeoutInMs: number;
  /** ns. */
  readonly commandInterval: number;
  readonly busyOffset: number;
  readonly busyBitPolarity: number;
  /** 64 LUT words (16 sequences). */
  readonly lookupTable: Uint32Array;
  readonly lutCustomSeq: readonly SeqRef[];
  readonly serialNorType: number;
}

/** Reads the FCB fields from `bytes` (at least 512). Throws RangeError on a shorter buffer (a model bug). */
export function readRomFcb(bytes: Uint8Array): RomFcb {
  if (bytes.length < FCB_BYTES) throw new RangeError(`an FCB is ${FCB_BYTES} bytes, got ${bytes.length}`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, FCB_BYTES);
  const u8 = (o: number): number => v.getUint8(o);
  const u16 = (o: number): number => v.getUint16(o, true);
  const u32 = (o: number): number => v.getUint32(o, true);
  const seq = (o: number): SeqRef => ({ seqNum: u8(o), seqId: u8(o + 1) });
  const lookupTable = new Uint32Array(64);
  for (let i = 0; i < 64; i++) lookupTable[i] = u32(0x80 + 4 * i);
  const lutCustomSeq: SeqRef[] = [];
  for (let i = 0; i < 12; i++) lutCustomSeq.push(seq(0x180 + 4 * i));
  return {
    tag: u32(0x000),
    version: u32(0x004),
    readSampleClkSrc: u8(0x00c),
    csHoldTime: u8(0x00d),
    csSetupTime: u8(0x00e),
    columnAddressWidth: u8(0x00f),
    deviceModeCfgEnable: u8(0x010),
    deviceModeType: u8(0x011),
    waitTimeCfgCommands: u16(0x012),
    deviceModeSeq: seq(0x014),
    deviceModeArg: u32(0x018),
    configCmdEnable: u8(0x01c),
    configModeType: [u8(0x01d), u8(0x01e), u8(0x01f)],
    configCmdSeqs: [seq(0x020), seq(0x024), seq(0x028)],
    configCmdArgs: [u32(0x030), u32(0x034), u32(0x038)],
    controllerMiscOption: u32(0x040),
    deviceType: u8(0x044),
    sflashPadType: u8(0x045),
    serialClkFreq: u8(0x046),
    lutCustomSeqEnable: u8(0x047),
    flashSizes: [u32(0x050), u32(0x054), u32(0x058), u32(0x05c)],
    timeoutInMs: u32(0x070),
    commandInterval: u32(0x074),
    busyOffset: u16(0x07c),
    busyBitPolarity: u16(0x07e),
    lookupTable,
    lutCustomSeq,
    serialNorType: u8(0x1cc),
  };
}

/** The 4 LUT words of sequence `index`. */
export function fcbSequenceWords(fcb: RomFcb, index: number, count = 1): Uint32Array {
  return fcb.lookupTable.slice(4 * index, 4 * (index + count));
}
