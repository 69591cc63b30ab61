import type { Chip } from '../db/chip.js';
import type { FlashPart, QuadEnable } from '../db/flash-part.js';
import { ImxflashError } from '../errors/imxflash-error.js';
import {
  blankFcb,
  DEVICE_MODE_TYPE,
  FCB_DEVICE_TYPE,
  FCB_MISC,
  LUT_CUSTOM_SEQ_COUNT,
  LUT_SEQ,
  NO_SEQ,
  NOR_CMD_INDEX,
  READ_SAMPLE_CLK_SRC,
  SERIAL_NOR_TYPE,
  type Fcb,
  type FcbSeqRef,
} from './fcb.js';
import { encodeLutSequence, LUT_OP, LUT_WORDS_PER_SEQUENCE, type LutInstruction, type LutPads } from './lut.js';

/*
 * Builds an FCB from a flash-part entry and a chip entry (DESIGN.md §4). Field values follow the
 * NXP EVK FCBs, research/imxrt.md §3.3 (a)–(e) and research/spsdk.md §3.2; the LUT is built from
 * the part's opcodes (research/imxrt.md §2.1–2.2) with the sequence indices of §3.1.
 */

/** A "write a register" command the ROM runs at the safe clock before it reads (configCmd). */
export interface FcbConfigCmd {
  /** Command byte, sent 1-pad SDR: e.g. 0xC0, ISSI "set read parameters" (volatile). */
  readonly opcode: number;
  /** Data bytes sent 1-pad after the command, taken little-endian from `arg`. */
  readonly dataBytes: 1 | 2 | 3 | 4;
  /** The value written (configCmdArgs[i]). */
  readonly arg: number;
  /** configModeType[i]; default DEVICE_MODE_TYPE.GENERIC. */
  readonly modeType?: number;
}

export interface FcbOptions {
  /**
   * 'quad': the part's quad read (1-4-4 0xEB or 1-1-4 0x6B), the default when it has one.
   * 'safe': 1-1-1 read 0x03 (0x13), clocked at most at the part's normal-read limit.
   */
  readonly read?: 'quad' | 'safe';
  /**
   * 'fcb' (default): when the FCB reads with 4-pad phases and the part has a QE bit, the FCB
   * makes the ROM set QE (deviceModeCfgEnable, QuadEnable, sequence 6).
   * 'assume-set': leave it out; QE must already be set (NXP's EVK FCBs do this).
   */
  readonly quadEnable?: 'fcb' | 'assume-set';
  /**
   * DUMMY operand of the quad read, in SCK cycles, mode clocks included (default: the part's
   * modeClocks + dummyClocks). Pair a larger value with a config command that changes the
   * part's dummy setting, as golden (d) does. HyperFlash: the DUMMY_DDR operand of sequence 0
   * (default 0x0C, the EVKB value).
   */
  readonly dummyCycles?: number;
  /** readSampleClkSrc (default 1 for SPI NOR, 3 for HyperFlash). */
  readonly readSampleClkSrc?: number;
  /** Upper limit for serialClkFreq, in MHz (default 133). */
  readonly maxFrequencyMhz?: number;
  /** Up to 3 config commands, in LUT sequences 12, 10 and 7 (SPI NOR only). */
  readonly configCmds?: readonly FcbConfigCmd[];
}

/** LUT sequence of the quad-enable write (a free index; research/imxrt.md §3.1). */
export const QUAD_ENABLE_LUT_SEQ = 6;
/** LUT sequences of configCmds[0..2]; 12 is where NXP's boards put theirs (golden (d), (e)). */
export const CONFIG_CMD_LUT_SEQS: readonly number[] = [12, 10, 7];

const DEFAULT_MAX_FREQUENCY_MHZ = 133;
/** ipcmdSerialClkFreq 1 = 30 MHz on every chip (research/imxrt.md §3.2). */
const IPCMD_SAFE_CLOCK = 1;
const ADDRESS_BITS_3_BYTES = 24;
const ADDRESS_BITS_4_BYTES = 32;

const cmd = (opcode: number): LutInstruction => ({ op: LUT_OP.CMD_SDR, pads: 1, operand: opcode });
const raddr = (pads: LutPads, bits: number): LutInstruction => ({ op: LUT_OP.RADDR_SDR, pads, operand: bits });
/** WRITE/READ operand: NXP writes 0x04 for page and read data, the byte count for register writes. */
const write = (operand: number): LutInstruction => ({ op: LUT_OP.WRITE_SDR, pads: 1, operand });
const read = (pads: LutPads, operand = 0x04): LutInstruction => ({ op: LUT_OP.READ_SDR, pads, operand });

/**
 * 3-byte opcode → its 4-byte-address form (research/imxrt.md §2.2 and the computed words at the
 * end of §3.3). Opcodes already in 4-byte form pass through, so a part entry may hold either.
 */
const FOUR_BYTE_OPCODE: ReadonlyMap<number, number> = new Map([
  [0x03, 0x13],
  [0x0b, 0x0c],
  [0x6b, 0x6c],
  [0xeb, 0xec],
  [0x02, 0x12],
  [0x32, 0x34],
  [0x38, 0x3e],
  [0x20, 0x21],
  [0x52, 0x5c],
  [0xd8, 0xdc],
]);

function unsupported(part: FlashPart, why: string, hint: string): ImxflashError {
  return new ImxflashError('FCB_UNSUPPORTED_PART', `cannot build an FCB for ${part.name}: ${why}`, {
    hint,
    details: { part: part.id },
  });
}

function badOption(option: string, value: unknown, why: string, hint: string): ImxflashError {
  return new ImxflashError('FCB_BAD_VALUE', `FCB option ${option} = ${JSON.stringify(value)}: ${why}`, {
    hint,
    details: { option, value },
  });
}

/**
 * serialClkFreq for `chip`: the enum value with the highest frequency not above `maxMhz`
 * (research/imxrt.md §3.2; the same value means different clocks on different chips).
 */
export function serialClkFreqFor(chip: Chip, maxMhz: number): number {
  let best: { value: number; mhz: number } | undefined;
  for (const [key, mhz] of Object.entries(chip.serialClkFreqMhz)) {
    const value = Number(key);
    if (mhz <= maxMhz && (!best || mhz > best.mhz)) best = { value, mhz };
  }
  if (!best) {
    const slowest = Math.min(...Object.values(chip.serialClkFreqMhz));
    throw new ImxflashError('FCB_BAD_VALUE', `${chip.name} has no FlexSPI clock at or below ${maxMhz} MHz (slowest: ${slowest} MHz)`, {
      hint: `Allow at least ${slowest} MHz (--max-frequency), or check the part's clock limits.`,
      details: { chip: chip.id, maxMhz },
    });
  }
  return best.value;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Writes `instrs` into sequence `index` of a 64-word table. */
function setSequence(table: number[], index: number, instrs: readonly LutInstruction[]): void {
  encodeLutSequence(instrs).forEach((w, i) => {
    table[index * LUT_WORDS_PER_SEQUENCE + i] = w;
  });
}

/**
 * The FCB for `part` on `chip`. SPI NOR: the NXP EVK layout (golden (a)); HyperFlash: the
 * EVKB-IMXRT1050 HyperFlash FCB (golden (c)). A part the builder cannot express is
 * FCB_UNSUPPORTED_PART; an option it cannot honour is FCB_BAD_VALUE.
 */
export function buildFcb(part: FlashPart, chip: Chip, options: FcbOptions = {}): Fcb {
  checkCommonOptions(options);
  if (part.interface === 'hyperflash') return buildHyperFlashFcb(part, chip, options);
  if (part.interface === 'spi-nor') return buildSpiNorFcb(part, chip, options);
  throw unsupported(part, `interface '${String(part.interface)}' is neither SPI NOR nor HyperFlash`, 'Use --fcb <file> with an FCB made for this part.');
}

function checkCommonOptions(o: FcbOptions): void {
  if (o.read !== undefined && o.read !== 'quad' && o.read !== 'safe') {
    throw badOption('read', o.read, "not 'quad' or 'safe'", "Use 'quad' or 'safe'.");
  }
  if (o.quadEnable !== undefined && o.quadEnable !== 'fcb' && o.quadEnable !== 'assume-set') {
    throw badOption('quadEnable', o.quadEnable, "not 'fcb' or 'assume-set'", "Use 'fcb' or 'assume-set'.");
  }
  if (o.maxFrequencyMhz !== undefined && !(o.maxFrequencyMhz > 0)) {
    throw badOption('maxFrequencyMhz', o.maxFrequencyMhz, 'not a positive frequency', 'Give the limit in MHz, e.g. 100.');
  }
  if (o.dummyCycles !== undefined && !(Number.isInteger(o.dummyCycles) && o.dummyCycles >= 0 && o.dummyCycles <= 0xff)) {
    throw badOption('dummyCycles', o.dummyCycles, 'not a cycle count from 0 to 255', 'Count SCK cycles, mode clocks included (6 for ISSI at the default setting).');
  }
  if (o.readSampleClkSrc !== undefined && !(Number.isInteger(o.readSampleClkSrc) && o.readSampleClkSrc >= 0 && o.readSampleClkSrc <= 3)) {
    throw badOption('readSampleClkSrc', o.readSampleClkSrc, 'not 0–3', 'Use 0 internal loopback, 1 DQS-pad loopback, 2 SCK-pad loopback or 3 flash DQS.');
  }
}

// ---------------------------------------------------------------------------------------------
// SPI NOR

interface QuadEnableWrite {
  readonly opcode: number;
  readonly dataBytes: 1 | 2;
  readonly arg: number;
}

/**
 * The status write that sets QE (research/imxrt.md §2.3, §2.6 QER). The ROM sends deviceModeArg
 * little-endian from the TX FIFO, so a 2-byte WRSR of SR1 = 0, SR2 = 0x02 is 0x0200.
 */
function quadEnableWrite(qe: QuadEnable, writeStatus: number): QuadEnableWrite {
  switch (qe.write) {
    case 'wrsr-1-byte':
      return { opcode: writeStatus, dataBytes: 1, arg: 1 << qe.bit }; // SR1 bit 6 → 0x40 (also clears BP bits)
    case 'wrsr2-0x31':
      return { opcode: 0x31, dataBytes: 1, arg: 1 << qe.bit }; // SR2 bit 1 → 0x02
    case 'wrsr-2-bytes':
      return { opcode: writeStatus, dataBytes: 2, arg: (1 << qe.bit) << 8 }; // SR1 = 0x00, SR2 = 0x02
    case 'wrsr2-0x3e':
      return { opcode: 0x3e, dataBytes: 1, arg: 1 << qe.bit }; // SR2 bit 7 → 0x80
  }
}

function buildSpiNorFcb(part: FlashPart, chip: Chip, options: FcbOptions): Fcb {
  const ops = part.opcodes;
  if (!ops) throw unsupported(part, 'the entry has no SPI NOR opcodes', 'Add the opcodes to the flash-part entry, or pass an FCB file.');
  if (part.addressBytes === 3 && part.sizeBytes > 16 << 20) {
    throw unsupported(part, `${part.sizeBytes} bytes need 4-byte addresses but the entry says addressBytes 3`, 'Fix the entry (addressBytes: 4 and the 4-byte opcodes).');
  }
  if (!(part.sizeBytes > 0 && part.pageBytes > 0 && part.sectorBytes > 0 && part.blockBytes > 0)) {
    throw unsupported(part, 'size, page, sector and block sizes must all be positive', 'Fix the flash-part entry.');
  }
  const sectorErase = part.eraseUnits.find((u) => u.bytes === part.sectorBytes);
  const blockErase = part.eraseUnits.find((u) => u.bytes === part.blockBytes);
  if (!sectorErase || !blockErase) {
    throw unsupported(part, `no erase opcode for the ${part.sectorBytes}-byte sector or the ${part.blockBytes}-byte block`, 'List both in the entry\'s eraseUnits.');
  }

  const fourByte = part.addressBytes === 4;
  const op = (o: number): number => (fourByte ? FOUR_BYTE_OPCODE.get(o) ?? o : o);
  const addressBits = fourByte ? ADDRESS_BITS_4_BYTES : ADDRESS_BITS_3_BYTES;

  const mode = options.read ?? (part.quadRead ? 'quad' : 'safe');
  if (mode === 'quad' && !part.quadRead) {
    throw unsupported(part, 'the entry has no quad read', "Use read: 'safe' (1-1-1 0x03), or add quadRead to the entry.");
  }
  const fcb: Mutable<Fcb> = { ...blankFcb() };
  const lut = [...fcb.lookupTable];

  // Sequence 0: the read the ROM and XIP use.
  let quadPhases = false;
  if (mode === 'quad' && part.quadRead) {
    const q = part.quadRead;
    const addrPads: LutPads = q.pads === '1-4-4' ? 4 : 1;
    const dummy = options.dummyCycles ?? q.modeClocks + q.dummyClocks;
    // DUMMY counts SCK cycles and, like NXP's LUTs, includes the mode clocks (research/imxrt.md,
    // Gotchas). The dummy phase takes the data phase's pad count, as the SDK's 1-1-4 LUTs do.
    setSequence(lut, LUT_SEQ.READ, [
      cmd(op(q.opcode)),
      raddr(addrPads, addressBits),
      { op: LUT_OP.DUMMY_SDR, pads: 4, operand: dummy },
      read(4),
    ]);
    fcb.sflashPadType = 4;
    fcb.serialClkFreq = serialClkFreqFor(chip, Math.min(part.maxClockMhz.fastRead, options.maxFrequencyMhz ?? DEFAULT_MAX_FREQUENCY_MHZ));
    quadPhases = true;
  } else {
    if (options.dummyCycles !== undefined) {
      throw badOption('dummyCycles', options.dummyCycles, "the 1-1-1 0x03 read has no dummy cycles", "Drop dummyCycles, or use read: 'quad'.");
    }
    setSequence(lut, LUT_SEQ.READ, [cmd(op(ops.read)), raddr(1, addressBits), read(1)]);
    fcb.sflashPadType = 1;
    fcb.serialClkFreq = serialClkFreqFor(chip, Math.min(part.maxClockMhz.read, options.maxFrequencyMhz ?? DEFAULT_MAX_FREQUENCY_MHZ));
  }

  // The commands the ROM API and flashloader use (golden (a); research/spsdk.md §3.2).
  setSequence(lut, LUT_SEQ.READ_STATUS, [cmd(ops.readStatus), read(1)]);
  setSequence(lut, LUT_SEQ.WRITE_ENABLE, [cmd(ops.writeEnable)]);
  setSequence(lut, LUT_SEQ.ERASE_SECTOR, [cmd(op(sectorErase.opcode)), raddr(1, addressBits)]);
  setSequence(lut, LUT_SEQ.ERASE_BLOCK, [cmd(op(blockErase.opcode)), raddr(1, addressBits)]);
  setSequence(lut, LUT_SEQ.PAGE_PROGRAM, [cmd(op(ops.pageProgram)), raddr(1, addressBits), write(0x04)]);
  // 0x60 and 0xC7 are the same command on every part in the table; NXP's FCBs use 0x60.
  setSequence(lut, LUT_SEQ.CHIP_ERASE, [cmd(ops.chipErase === 0xc7 ? 0x60 : ops.chipErase)]);

  // Quad enable through the device-mode sequence (research/imxrt.md §3.1, §5 step 4).
  if (quadPhases && part.quadEnable && (options.quadEnable ?? 'fcb') === 'fcb') {
    const qe = quadEnableWrite(part.quadEnable, ops.writeStatus);
    setSequence(lut, QUAD_ENABLE_LUT_SEQ, [cmd(qe.opcode), write(qe.dataBytes)]);
    fcb.deviceModeCfgEnable = 1;
    fcb.deviceModeType = DEVICE_MODE_TYPE.QUAD_ENABLE;
    fcb.deviceModeSeq = { seqNum: 1, seqId: QUAD_ENABLE_LUT_SEQ, reserved: 0 };
    fcb.deviceModeArg = qe.arg;
  }

  const configCmds = options.configCmds ?? [];
  if (configCmds.length > CONFIG_CMD_LUT_SEQS.length) {
    throw badOption('configCmds', configCmds.length, 'the FCB has 3 config-command slots', 'Give at most 3 config commands.');
  }
  const modeTypes: [number, number, number] = [0, 0, 0];
  const seqs: [FcbSeqRef, FcbSeqRef, FcbSeqRef] = [NO_SEQ, NO_SEQ, NO_SEQ];
  const args: [number, number, number] = [0, 0, 0];
  configCmds.forEach((c, i) => {
    const seqId = CONFIG_CMD_LUT_SEQS[i] ?? 0;
    checkConfigCmd(c, i);
    setSequence(lut, seqId, [cmd(c.opcode), write(c.dataBytes)]);
    modeTypes[i] = c.modeType ?? DEVICE_MODE_TYPE.GENERIC;
    seqs[i] = { seqNum: 1, seqId, reserved: 0 };
    args[i] = c.arg;
  });
  if (configCmds.length > 0) {
    fcb.configCmdEnable = 1;
    fcb.configModeType = modeTypes;
    fcb.configCmdSeqs = seqs;
    fcb.configCmdArgs = args;
  }

  fcb.readSampleClkSrc = options.readSampleClkSrc ?? READ_SAMPLE_CLK_SRC.LOOPBACK_FROM_DQS_PAD;
  fcb.csHoldTime = 3;
  fcb.csSetupTime = 3;
  fcb.controllerMiscOption = FCB_MISC.SAFE_CONFIG_FREQ;
  fcb.deviceType = FCB_DEVICE_TYPE.SERIAL_NOR;
  fcb.sflashA1Size = part.sizeBytes;
  fcb.busyOffset = part.busy.bit;
  fcb.busyBitPolarity = part.busy.busyWhen === 1 ? 0 : 1;
  fcb.lookupTable = lut;
  fcb.pageSize = part.pageBytes;
  fcb.sectorSize = part.sectorBytes;
  fcb.blockSize = part.blockBytes;
  fcb.ipcmdSerialClkFreq = IPCMD_SAFE_CLOCK;
  return fcb;
}

function checkConfigCmd(c: FcbConfigCmd, i: number): void {
  const ok = (n: number, max: number): boolean => Number.isInteger(n) && n >= 0 && n <= max;
  if (!ok(c.opcode, 0xff)) throw badOption(`configCmds[${i}].opcode`, c.opcode, 'not a command byte', 'Use 0x00–0xFF.');
  if (![1, 2, 3, 4].includes(c.dataBytes)) throw badOption(`configCmds[${i}].dataBytes`, c.dataBytes, 'not 1–4', 'The ROM sends at most 4 bytes.');
  if (!ok(c.arg, 2 ** (8 * c.dataBytes) - 1)) {
    throw badOption(`configCmds[${i}].arg`, c.arg, `does not fit in ${c.dataBytes} byte(s)`, 'Shorten the value or raise dataBytes.');
  }
  if (c.modeType !== undefined && !ok(c.modeType, 0xff)) throw badOption(`configCmds[${i}].modeType`, c.modeType, 'not a u8', 'Use a DEVICE_MODE_TYPE value.');
}

// ---------------------------------------------------------------------------------------------
// HyperFlash (research/imxrt.md §2.5 and §3.3 (c); SDK evkbimxrt1050_flexspi_nor_config.c)

const ddr8 = (op: number, operand: number): LutInstruction => ({ op, pads: 8, operand });
const CMD = (byte: number): LutInstruction => ddr8(LUT_OP.CMD_DDR, byte);

/**
 * A HyperBus "write one 16-bit word to word address `wordAddress`" as 8 CMD_DDR bytes: the 6-byte
 * command-address (CA) then the data word. CA byte 0 = 0x00 (write, memory space); the word address
 * splits into CA[44:16] = address >> 3 and CA[2:0] = address & 7, so 0x555 ← 0xAA is
 * 00 00 00 AA 00 05 | 00 AA, the byte pairs of the SDK LUT (research/imxrt.md §2.5).
 */
function hyperWordWrite(wordAddress: number, data: number): LutInstruction[] {
  const upper = wordAddress >>> 3;
  return [
    CMD(0x00),
    CMD((upper >>> 16) & 0xff),
    CMD((upper >>> 8) & 0xff),
    CMD(upper & 0xff),
    CMD(0x00),
    CMD(wordAddress & 7),
    CMD((data >>> 8) & 0xff),
    CMD(data & 0xff),
  ];
}

/**
 * The 15 sequences of the EVKB HyperFlash FCB. Sequence 0 and the custom-sequence table are the
 * ones research/imxrt.md §3.3 (c) and §2.5 list (verified). The status, write-enable, erase and
 * program sequences follow §2.5's command list and were cross-checked word by word against a
 * public copy of the SDK file (evkbimxrt1050_flexspi_nor_config.c) found through the code search;
 * they are not in research/*.md, so their exact bytes count as UNVERIFIED against our own sources:
 *   - the write-enable pair is the unlock (555 ← AA, 2AA ← 55), run by the ROM before erase/program;
 *   - erase and program start with 555 ← 80 / 555 ← A0, then the second unlock for erases;
 *   - DUMMY_RWDS_DDR 0x0B in the status read and WRITE_DDR operand 0x80 in the program.
 */
function hyperFlashSequences(dummyCycles: number): ReadonlyMap<number, readonly LutInstruction[]> {
  const readArray = [CMD(0xa0), ddr8(LUT_OP.RADDR_DDR, 0x18), ddr8(LUT_OP.CADDR_DDR, 0x10)];
  const unlock1 = hyperWordWrite(0x555, 0xaa);
  const unlock2 = hyperWordWrite(0x2aa, 0x55);
  return new Map<number, readonly LutInstruction[]>([
    [0, [...readArray, ddr8(LUT_OP.DUMMY_DDR, dummyCycles), ddr8(LUT_OP.READ_DDR, 0x04)]],
    // Read status: 555 ← 70, then read the status word (RWDS-timed latency).
    [1, hyperWordWrite(0x555, 0x70)],
    [2, [...readArray, ddr8(LUT_OP.DUMMY_RWDS_DDR, 0x0b), ddr8(LUT_OP.READ_DDR, 0x04)]],
    // Write enable = the unlock cycles.
    [3, unlock1],
    [4, unlock2],
    // Sector erase: 555 ← 80, unlock, SA ← 30.
    [5, hyperWordWrite(0x555, 0x80)],
    [6, unlock1],
    [7, unlock2],
    [8, [CMD(0x00), ddr8(LUT_OP.RADDR_DDR, 0x18), ddr8(LUT_OP.CADDR_DDR, 0x10), CMD(0x00), CMD(0x30)]],
    // Program: 555 ← A0, then the data to the address.
    [9, hyperWordWrite(0x555, 0xa0)],
    [10, [CMD(0x00), ddr8(LUT_OP.RADDR_DDR, 0x18), ddr8(LUT_OP.CADDR_DDR, 0x10), ddr8(LUT_OP.WRITE_DDR, 0x80)]],
    // Chip erase: 555 ← 80, unlock, 555 ← 10.
    [11, hyperWordWrite(0x555, 0x80)],
    [12, unlock1],
    [13, unlock2],
    [14, hyperWordWrite(0x555, 0x10)],
  ]);
}

/** lutCustomSeq of the EVKB HyperFlash FCB, {seqNum, seqId} by NOR_CMD_INDEX (research/imxrt.md §2.5). */
const HYPERFLASH_CUSTOM_SEQ: ReadonlyMap<number, readonly [number, number]> = new Map([
  [NOR_CMD_INDEX.READ, [0, 0] as const],
  [NOR_CMD_INDEX.READ_STATUS, [2, 1] as const],
  [NOR_CMD_INDEX.WRITE_ENABLE, [2, 3] as const],
  [NOR_CMD_INDEX.ERASE_SECTOR, [4, 5] as const],
  [NOR_CMD_INDEX.PAGE_PROGRAM, [2, 9] as const],
  [NOR_CMD_INDEX.CHIP_ERASE, [4, 11] as const],
]);

/** DUMMY_DDR of the EVKB read (research/imxrt.md §3.3 (c): seq0 word 1 = 0xB30C8F10). */
const HYPERFLASH_READ_DUMMY = 0x0c;

function buildHyperFlashFcb(part: FlashPart, chip: Chip, options: FcbOptions): Fcb {
  if (options.read === 'safe') {
    throw badOption('read', options.read, 'HyperFlash has no 1-1-1 read', 'Drop the read option for HyperFlash parts.');
  }
  if (options.configCmds && options.configCmds.length > 0) {
    throw unsupported(part, 'config commands are not supported for HyperFlash', 'Drop configCmds, or pass an FCB file.');
  }
  if (!(part.sizeBytes > 0 && part.pageBytes > 0 && part.sectorBytes > 0 && part.blockBytes > 0)) {
    throw unsupported(part, 'size, page, sector and block sizes must all be positive', 'Fix the flash-part entry.');
  }
  const fcb: Mutable<Fcb> = { ...blankFcb() };
  const lut = [...fcb.lookupTable];
  for (const [index, instrs] of hyperFlashSequences(options.dummyCycles ?? HYPERFLASH_READ_DUMMY)) setSequence(lut, index, instrs);
  const custom: FcbSeqRef[] = Array.from({ length: LUT_CUSTOM_SEQ_COUNT }, (_, i) => {
    const entry = HYPERFLASH_CUSTOM_SEQ.get(i);
    return entry ? { seqNum: entry[0], seqId: entry[1], reserved: 0 } : NO_SEQ;
  });

  fcb.readSampleClkSrc = options.readSampleClkSrc ?? READ_SAMPLE_CLK_SRC.EXTERNAL_DQS;
  fcb.csHoldTime = 3;
  fcb.csSetupTime = 3;
  fcb.columnAddressWidth = 3;
  fcb.controllerMiscOption = FCB_MISC.DDR_MODE | FCB_MISC.WORD_ADDRESSABLE | FCB_MISC.SAFE_CONFIG_FREQ | FCB_MISC.DIFF_CLK;
  fcb.deviceType = FCB_DEVICE_TYPE.SERIAL_NOR;
  fcb.sflashPadType = 8;
  fcb.serialClkFreq = serialClkFreqFor(chip, Math.min(part.maxClockMhz.fastRead, options.maxFrequencyMhz ?? DEFAULT_MAX_FREQUENCY_MHZ));
  fcb.lutCustomSeqEnable = 1;
  fcb.sflashA1Size = part.sizeBytes;
  fcb.dataValidTime = [15, 0];
  // DRB is status bit 7, seen at bit 15 of the 16-bit read; 1 = ready (research/imxrt.md §2.5).
  fcb.busyOffset = 15;
  fcb.busyBitPolarity = 1;
  fcb.lookupTable = lut;
  fcb.lutCustomSeq = custom;
  fcb.pageSize = part.pageBytes;
  fcb.sectorSize = part.sectorBytes;
  fcb.blockSize = part.blockBytes;
  fcb.ipcmdSerialClkFreq = IPCMD_SAFE_CLOCK;
  fcb.isUniformBlockSize = 1;
  fcb.serialNorType = SERIAL_NOR_TYPE.HYPER_BUS;
  return fcb;
}
