import { encodeLutSequence, LUT_OP, type FlashPart, type LutInstruction, type LutPads } from '@imxflash/core';

/**
 * The LUT the host loads for IP commands and AHB reads (research/imxrt.md §1.3), built from the
 * flash part database (opcodes, address width, erase units). Single-pad only: programming and
 * identification need no quad mode, so they work before QE is set. Sequence 0 doubles as the
 * AHB read sequence (FLSHA1CR2.ARDSEQID = 0).
 */
export const NOR_SEQ = {
  READ: 0, READ_STATUS: 1, WRITE_ENABLE: 2, ERASE_SECTOR: 3, ERASE_BLOCK: 4, PAGE_PROGRAM: 5, CHIP_ERASE: 6,
  READ_ID: 7, READ_SFDP: 8, WRITE_STATUS: 9, ERASE_MID: 10,
  /**
   * WREN (this sequence) then page program (the next one), run as one IP command with
   * IPCR1.ISEQNUM = 1: consecutive sequences are separate CS transactions (research/imxrt.md
   * §1.2 IPCR1, §2.5 "multi-sequence commands run with ISEQNUM = n−1"), so WREN latches first.
   */
  WRITE_ENABLE_THEN_PROGRAM: 11,
} as const;

const I = (op: number, operand: number, pads: LutPads = 1): LutInstruction => ({ op, pads, operand });

/**
 * 16 sequences × 4 words for `part` (or, without one, the part-independent identification
 * sequences). With `quadRead` (only once the part's QE bit is known to be set), sequence 0 is
 * the part's quad read, laid out as core's FCB builder does for the ROM (DUMMY on 4 pads counting
 * the mode clocks, research/imxrt.md Gotchas), so AHB reads move 4 bits per clock; and the
 * WREN + program pair programs with the part's quad page program (0x32 1-1-4 / 0x38 1-4-4).
 */
export function buildNorLut(part?: FlashPart, options: { quadRead?: boolean } = {}): Uint32Array {
  const lut = new Uint32Array(64);
  const set = (seq: number, instrs: LutInstruction[]) => lut.set(encodeLutSequence(instrs), seq * 4);
  const addrBits = part?.addressBytes === 4 ? 32 : 24;
  const ops = part?.opcodes;
  const q = options.quadRead === true && part?.addressBytes === 3 ? part.quadRead : null;
  if (q !== null) {
    set(NOR_SEQ.READ, [I(LUT_OP.CMD_SDR, q.opcode), I(LUT_OP.RADDR_SDR, addrBits, q.pads === '1-4-4' ? 4 : 1), I(LUT_OP.DUMMY_SDR, q.modeClocks + q.dummyClocks, 4), I(LUT_OP.READ_SDR, 4, 4)]);
  } else {
    set(NOR_SEQ.READ, [I(LUT_OP.CMD_SDR, ops?.fastRead ?? 0x0b), I(LUT_OP.RADDR_SDR, addrBits), I(LUT_OP.DUMMY_SDR, 8), I(LUT_OP.READ_SDR, 4)]);
  }
  set(NOR_SEQ.READ_STATUS, [I(LUT_OP.CMD_SDR, ops?.readStatus ?? 0x05), I(LUT_OP.READ_SDR, 1)]);
  set(NOR_SEQ.WRITE_ENABLE, [I(LUT_OP.CMD_SDR, ops?.writeEnable ?? 0x06)]);
  set(NOR_SEQ.READ_ID, [I(LUT_OP.CMD_SDR, ops?.readJedecId ?? 0x9f), I(LUT_OP.READ_SDR, 4)]);
  // SFDP: 0x5A, 24-bit address, 8 dummy clocks (JESD216; research/cmsisdap.md §3.5).
  set(NOR_SEQ.READ_SFDP, [I(LUT_OP.CMD_SDR, ops?.readSfdp ?? 0x5a), I(LUT_OP.RADDR_SDR, 24), I(LUT_OP.DUMMY_SDR, 8), I(LUT_OP.READ_SDR, 4)]);
  if (part === undefined || ops === null || ops === undefined) return lut;
  const units = part.eraseUnits;
  set(NOR_SEQ.ERASE_SECTOR, [I(LUT_OP.CMD_SDR, units[0]!.opcode), I(LUT_OP.RADDR_SDR, addrBits)]);
  set(NOR_SEQ.ERASE_BLOCK, [I(LUT_OP.CMD_SDR, units[units.length - 1]!.opcode), I(LUT_OP.RADDR_SDR, addrBits)]);
  if (units.length > 2) set(NOR_SEQ.ERASE_MID, [I(LUT_OP.CMD_SDR, units[1]!.opcode), I(LUT_OP.RADDR_SDR, addrBits)]);
  set(NOR_SEQ.PAGE_PROGRAM, [I(LUT_OP.CMD_SDR, ops.pageProgram), I(LUT_OP.RADDR_SDR, addrBits), I(LUT_OP.WRITE_SDR, 4)]);
  set(NOR_SEQ.WRITE_ENABLE_THEN_PROGRAM, [I(LUT_OP.CMD_SDR, ops.writeEnable)]);
  const qpp = options.quadRead === true && part.addressBytes === 3 && ops.quadPageProgram !== null ? ops.quadPageProgram : null;
  set(
    NOR_SEQ.WRITE_ENABLE_THEN_PROGRAM + 1,
    qpp !== null
      ? [I(LUT_OP.CMD_SDR, qpp), I(LUT_OP.RADDR_SDR, addrBits, ops.quadPageProgramPads === '1-4-4' ? 4 : 1), I(LUT_OP.WRITE_SDR, 4, 4)]
      : [I(LUT_OP.CMD_SDR, ops.pageProgram), I(LUT_OP.RADDR_SDR, addrBits), I(LUT_OP.WRITE_SDR, 4)],
  );
  set(NOR_SEQ.CHIP_ERASE, [I(LUT_OP.CMD_SDR, ops.chipErase)]);
  set(NOR_SEQ.WRITE_STATUS, [I(LUT_OP.CMD_SDR, ops.writeStatus), I(LUT_OP.WRITE_SDR, 1)]);
  return lut;
}

/** The LUT sequence that erases `bytes` at once, if the part has such an erase unit. */
export function eraseSequenceFor(part: FlashPart, bytes: number): number | undefined {
  const units = part.eraseUnits;
  if (bytes === units[0]!.bytes) return NOR_SEQ.ERASE_SECTOR;
  if (bytes === units[units.length - 1]!.bytes) return NOR_SEQ.ERASE_BLOCK;
  if (units.length > 2 && bytes === units[1]!.bytes) return NOR_SEQ.ERASE_MID;
  return undefined;
}
