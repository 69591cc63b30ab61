import { ImxflashError } from '../errors/imxflash-error.js';
import { checkUint } from './uint-check.js';

/*
 * FlexSPI LUT instruction codec (research/imxrt.md §1.3, research/spsdk.md §3.1).
 *
 * An instruction is a u16: opcode[15:10] | numPads[9:8] | operand[7:0], with numPads
 * 0 = 1 pad, 1 = 2 pads, 2 = 4 pads, 3 = 8 pads. A LUT word holds two instructions, instr0 in
 * bits 15:0 and instr1 in bits 31:16; a sequence is 4 words = 8 instructions, executed
 * word0.instr0, word0.instr1, word1.instr0, … up to the first STOP.
 */

/** LUT opcodes; each DDR opcode is its SDR opcode + 0x20 (research/imxrt.md §1.3). */
export const LUT_OP = {
  STOP: 0x00,
  CMD_SDR: 0x01,
  RADDR_SDR: 0x02,
  CADDR_SDR: 0x03,
  MODE1_SDR: 0x04,
  MODE2_SDR: 0x05,
  MODE4_SDR: 0x06,
  MODE8_SDR: 0x07,
  WRITE_SDR: 0x08,
  READ_SDR: 0x09,
  LEARN_SDR: 0x0a,
  DATSZ_SDR: 0x0b,
  DUMMY_SDR: 0x0c,
  DUMMY_RWDS_SDR: 0x0d,
  JMP_ON_CS: 0x1f,
  CMD_DDR: 0x21,
  RADDR_DDR: 0x22,
  CADDR_DDR: 0x23,
  MODE1_DDR: 0x24,
  MODE2_DDR: 0x25,
  MODE4_DDR: 0x26,
  MODE8_DDR: 0x27,
  WRITE_DDR: 0x28,
  READ_DDR: 0x29,
  LEARN_DDR: 0x2a,
  DATSZ_DDR: 0x2b,
  DUMMY_DDR: 0x2c,
  DUMMY_RWDS_DDR: 0x2d,
} as const;

export type LutOpName = keyof typeof LUT_OP;

/** Offset from an SDR opcode to its DDR form. */
export const LUT_DDR_OFFSET = 0x20;

export type LutPads = 1 | 2 | 4 | 8;

/**
 * One LUT instruction. `op` is the raw 6-bit opcode (use `LUT_OP`), so any u16 decodes, including
 * opcodes the table above does not name.
 */
export interface LutInstruction {
  readonly op: number;
  readonly pads: LutPads;
  readonly operand: number;
}

/** Instructions per sequence and words per sequence. */
export const LUT_INSTRUCTIONS_PER_SEQUENCE = 8;
export const LUT_WORDS_PER_SEQUENCE = 4;

const PADS_BY_CODE: readonly LutPads[] = [1, 2, 4, 8];
const OP_NAMES: ReadonlyMap<number, LutOpName> = new Map(
  (Object.entries(LUT_OP) as [LutOpName, number][]).map(([name, op]) => [op, name]),
);

function padsCode(pads: number): number {
  const code = PADS_BY_CODE.indexOf(pads as LutPads);
  if (code < 0) {
    throw new ImxflashError('LUT_BAD_SEQUENCE', `LUT instruction pads = ${String(pads)}; only 1, 2, 4 or 8 pads exist`, {
      hint: 'Use 1, 2, 4 or 8.',
      details: { pads },
    });
  }
  return code;
}

/** `opcode << 10 | padsCode << 8 | operand` (research/imxrt.md §1.3). */
export function encodeLutInstruction(instr: LutInstruction): number {
  checkUint(instr.operand, 8, 'LUT operand', 'LUT_BAD_SEQUENCE');
  if (!Number.isInteger(instr.op) || instr.op < 0 || instr.op > 0x3f) {
    throw new ImxflashError('LUT_BAD_SEQUENCE', `LUT opcode ${String(instr.op)} does not fit in 6 bits`, {
      hint: 'Use an opcode from LUT_OP (0x00–0x3F).',
      details: { op: instr.op },
    });
  }
  return ((instr.op << 10) | (padsCode(instr.pads) << 8) | instr.operand) & 0xffff;
}

/** Inverse of `encodeLutInstruction`; every u16 decodes. */
export function decodeLutInstruction(u16: number): LutInstruction {
  checkUint(u16, 16, 'LUT instruction', 'LUT_BAD_SEQUENCE');
  return { op: u16 >>> 10, pads: PADS_BY_CODE[(u16 >>> 8) & 3] ?? 1, operand: u16 & 0xff };
}

/**
 * Packs up to 8 instructions into the 4 words of one sequence; unused slots are 0 (STOP 1-pad 0).
 * More than 8 instructions is LUT_BAD_SEQUENCE: a sequence cannot spill into the next one
 * (IPCR1.ISEQID steps in 4 words; research/imxrt.md §1.3).
 */
export function encodeLutSequence(instrs: readonly LutInstruction[]): [number, number, number, number] {
  if (instrs.length > LUT_INSTRUCTIONS_PER_SEQUENCE) {
    throw new ImxflashError('LUT_BAD_SEQUENCE', `a LUT sequence holds 8 instructions, got ${instrs.length}`, {
      hint: 'Split the command over consecutive sequences (seqNum > 1) or drop instructions.',
      details: { count: instrs.length },
    });
  }
  const words: [number, number, number, number] = [0, 0, 0, 0];
  instrs.forEach((instr, i) => {
    const half = encodeLutInstruction(instr);
    const w = i >> 1;
    words[w] = ((words[w] ?? 0) | (i & 1 ? half << 16 : half)) >>> 0;
  });
  return words;
}

/**
 * Unpacks one sequence (exactly 4 words) into its instructions, stopping at the first STOP
 * (opcode 0), which is not included.
 */
export function decodeLutSequence(words: readonly number[]): LutInstruction[] {
  if (words.length !== LUT_WORDS_PER_SEQUENCE) {
    throw new ImxflashError('LUT_BAD_SEQUENCE', `a LUT sequence is 4 words, got ${words.length}`, {
      hint: 'Pass the 4 words of one sequence, e.g. lutSequenceWords(fcb.lookupTable, 0).',
      details: { count: words.length },
    });
  }
  const out: LutInstruction[] = [];
  for (const word of words) {
    checkUint(word, 32, 'LUT word', 'LUT_BAD_SEQUENCE');
    for (const half of [word & 0xffff, word >>> 16]) {
      const instr = decodeLutInstruction(half);
      if (instr.op === LUT_OP.STOP) return out;
      out.push(instr);
    }
  }
  return out;
}

/** The 4 words of sequence `index` in a lookup table (64 words on RT10xx). */
export function lutSequenceWords(table: readonly number[], index: number): number[] {
  const start = index * LUT_WORDS_PER_SEQUENCE;
  if (!Number.isInteger(index) || index < 0 || start + LUT_WORDS_PER_SEQUENCE > table.length) {
    throw new ImxflashError('LUT_BAD_SEQUENCE', `LUT sequence ${String(index)} is outside a ${table.length}-word table`, {
      hint: `Use a sequence index from 0 to ${Math.floor(table.length / LUT_WORDS_PER_SEQUENCE) - 1}.`,
      details: { index, tableWords: table.length },
    });
  }
  return table.slice(start, start + LUT_WORDS_PER_SEQUENCE);
}

/** Name of an opcode (`CMD_SDR`), or `OP_0x0E` for one the table does not name. */
export function lutOpName(op: number): string {
  return OP_NAMES.get(op) ?? `OP_0x${op.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Operands that count bits (address widths) or clock cycles print in decimal; the rest in hex. */
const DECIMAL_OPERANDS: ReadonlySet<number> = new Set([
  LUT_OP.RADDR_SDR,
  LUT_OP.RADDR_DDR,
  LUT_OP.CADDR_SDR,
  LUT_OP.CADDR_DDR,
  LUT_OP.DUMMY_SDR,
  LUT_OP.DUMMY_DDR,
  LUT_OP.DUMMY_RWDS_SDR,
  LUT_OP.DUMMY_RWDS_DDR,
]);

/**
 * One instruction as text: `CMD_SDR 1-pad 0xEB`, `RADDR_SDR 4-pad 24`, `DUMMY_SDR 4-pad 6`,
 * `READ_SDR 4-pad 0x04`; the all-zero instruction prints as `STOP`.
 */
export function formatLutInstruction(instr: LutInstruction): string {
  if (instr.op === LUT_OP.STOP && instr.pads === 1 && instr.operand === 0) return 'STOP';
  const operand = DECIMAL_OPERANDS.has(instr.op)
    ? String(instr.operand)
    : `0x${instr.operand.toString(16).toUpperCase().padStart(2, '0')}`;
  return `${lutOpName(instr.op)} ${instr.pads}-pad ${operand}`;
}
