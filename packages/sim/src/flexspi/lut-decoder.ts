import type { Pads } from '../flash-bus/serial-flash-device.js';
import { CMD_ERROR } from './flexspi-registers.js';

/**
 * LUT instruction decoding, written from research/imxrt.md §1.3 (not shared with core's codec:
 * the sim must not share a bug with the code it checks).
 *
 * A LUT word holds two instructions: instr0 = bits 15:0, instr1 = bits 31:16. Each instruction
 * is opcode[15:10] | num_pads[9:8] | operand[7:0]; pads 0/1/2/3 = 1/2/4/8. DDR opcodes are the
 * SDR ones + 0x20. A sequence is 4 words = 8 instructions.
 */
export const LUT_OPCODE = {
  STOP: 0x00, CMD: 0x01, RADDR: 0x02, CADDR: 0x03, MODE1: 0x04, MODE2: 0x05, MODE4: 0x06, MODE8: 0x07,
  WRITE: 0x08, READ: 0x09, LEARN: 0x0a, DATSZ: 0x0b, DUMMY: 0x0c, DUMMY_RWDS: 0x0d, JMP_ON_CS: 0x1f,
} as const;
export const LUT_DDR = 0x20;
export const LUT_WORDS_PER_SEQ = 4;
export const LUT_INSTRUCTIONS_PER_SEQ = 8;

export type LutKind = 'cmd' | 'raddr' | 'caddr' | 'mode' | 'write' | 'read' | 'dummy' | 'jmp-on-cs';

export interface LutInstr {
  readonly kind: LutKind;
  /** The raw 6-bit opcode. */
  readonly opcode: number;
  readonly pads: Pads;
  readonly ddr: boolean;
  readonly operand: number;
  /** CMD: the command byte; MODEn: the mode value (masked to n bits). Shared, never mutated. */
  readonly bytes: Uint8Array | undefined;
  /** MODEn: n (1, 2, 4, 8). */
  readonly modeBits: number;
}

/** One decoded sequence: its instructions up to (not including) STOP or the 8th slot. */
export interface DecodedSequence {
  readonly instructions: readonly LutInstr[];
  /** 0 when every instruction is executable; else the STS1 error code (3, 4 or 5). */
  readonly error: number;
  /** Some instruction other than DUMMY is a DDR instruction. */
  readonly ddr: boolean;
  readonly hasJmpOnCs: boolean;
  readonly hasWrite: boolean;
  readonly hasRead: boolean;
  /** `[this]`, kept so a one-sequence command allocates no list. */
  readonly alone: readonly DecodedSequence[];
}

const PADS: readonly Pads[] = [1, 2, 4, 8];
const MODE_BITS = [1, 2, 4, 8] as const;

/** Encodes one instruction (test helpers and the sim's own ROM model use this). */
export function lutInstruction(opcode: number, pads: Pads, operand: number): number {
  const padCode = pads === 1 ? 0 : pads === 2 ? 1 : pads === 4 ? 2 : 3;
  return ((opcode & 0x3f) << 10) | (padCode << 8) | (operand & 0xff);
}

/** Packs up to 8 instructions (16-bit each) into 4 LUT words; missing slots are STOP. */
export function lutSequenceWords(instructions: readonly number[]): Uint32Array {
  if (instructions.length > LUT_INSTRUCTIONS_PER_SEQ) throw new RangeError(`a LUT sequence holds 8 instructions, not ${instructions.length}`);
  const words = new Uint32Array(LUT_WORDS_PER_SEQ);
  instructions.forEach((instr, i) => {
    const w = i >> 1;
    words[w] = ((words[w] as number) | ((instr & 0xffff) << (16 * (i & 1)))) >>> 0;
  });
  return words;
}

/**
 * Decodes sequence `seq` of `lut`. Also classifies errors the controller reports in STS1:
 * an unknown opcode → 3; DUMMY_SDR/DUMMY_RWDS_SDR in a DDR sequence → 4; DUMMY_DDR/DUMMY_RWDS_DDR
 * in an SDR sequence → 5 (a "DDR sequence" is one whose non-dummy instructions include a DDR one;
 * the RM wording is not quoted in the research: UNVERIFIED). LEARN and DATSZ count as unknown:
 * LEARN is absent on RT10xx (SDK HAS_NO_DATA_LEARN) and DATSZ's wire format is not in the
 * research (UNVERIFIED).
 */
export function decodeLutSequence(lut: Uint32Array, seq: number): DecodedSequence {
  const instructions: LutInstr[] = [];
  let error = 0;
  let ddr = false;
  let hasJmpOnCs = false;
  let hasWrite = false;
  let hasRead = false;
  const dummies: LutInstr[] = [];
  for (let i = 0; i < LUT_INSTRUCTIONS_PER_SEQ; i++) {
    const word = lut[seq * LUT_WORDS_PER_SEQ + (i >> 1)] ?? 0;
    const raw = (word >>> (16 * (i & 1))) & 0xffff;
    const opcode = raw >>> 10;
    const pads = PADS[(raw >>> 8) & 3] as Pads;
    const operand = raw & 0xff;
    if (opcode === LUT_OPCODE.STOP) break;
    const isDdr = opcode >= LUT_DDR && opcode !== LUT_OPCODE.JMP_ON_CS;
    const base = isDdr ? opcode - LUT_DDR : opcode;
    let kind: LutKind | undefined;
    let bytes: Uint8Array | undefined;
    let modeBits = 0;
    switch (base) {
      case LUT_OPCODE.CMD: kind = 'cmd'; bytes = Uint8Array.of(operand); break;
      case LUT_OPCODE.RADDR: kind = 'raddr'; break;
      case LUT_OPCODE.CADDR: kind = 'caddr'; break;
      case LUT_OPCODE.MODE1: case LUT_OPCODE.MODE2: case LUT_OPCODE.MODE4: case LUT_OPCODE.MODE8:
        kind = 'mode';
        modeBits = MODE_BITS[base - LUT_OPCODE.MODE1] as number;
        bytes = Uint8Array.of(operand & ((1 << modeBits) - 1));
        break;
      case LUT_OPCODE.WRITE: kind = 'write'; hasWrite = true; break;
      case LUT_OPCODE.READ: kind = 'read'; hasRead = true; break;
      case LUT_OPCODE.DUMMY: case LUT_OPCODE.DUMMY_RWDS: kind = 'dummy'; break;
      case LUT_OPCODE.JMP_ON_CS: kind = isDdr ? undefined : 'jmp-on-cs'; break;
      default: kind = undefined;
    }
    if (kind === undefined) {
      if (error === 0) error = CMD_ERROR.UNKNOWN_OPCODE;
      break;
    }
    const instr: LutInstr = { kind, opcode, pads, ddr: isDdr, operand, bytes, modeBits };
    if (kind === 'jmp-on-cs') {
      hasJmpOnCs = true;
      instructions.push(instr);
      break; // JMP_ON_CS ends the sequence (research/imxrt.md §1.3)
    }
    if (kind === 'dummy') dummies.push(instr);
    else if (isDdr) ddr = true;
    instructions.push(instr);
  }
  if (error === 0) {
    for (const d of dummies) {
      if (ddr && !d.ddr) { error = CMD_ERROR.DUMMY_SDR_IN_DDR; break; }
      if (!ddr && d.ddr) { error = CMD_ERROR.DUMMY_DDR_IN_SDR; break; }
    }
  }
  const alone: DecodedSequence[] = [];
  const decoded: DecodedSequence = { instructions, error, ddr, hasJmpOnCs, hasWrite, hasRead, alone };
  alone.push(decoded);
  return decoded;
}

/** The STS1 error code for running `seq` as an IP command or AHB write (JMP_ON_CS → 2), or 0. */
export function ipSequenceError(seq: DecodedSequence): number {
  if (seq.error !== 0) return seq.error;
  return seq.hasJmpOnCs ? CMD_ERROR.JMP_ON_CS : 0;
}
