import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImxflashError } from '../errors/imxflash-error.js';
import {
  decodeLutInstruction,
  decodeLutSequence,
  encodeLutInstruction,
  encodeLutSequence,
  formatLutInstruction,
  LUT_DDR_OFFSET,
  LUT_OP,
  lutOpName,
  lutSequenceWords,
  type LutInstruction,
  type LutPads,
} from './lut.js';

const RUNS = { numRuns: 300 };
const arbPads = fc.constantFrom<LutPads>(1, 2, 4, 8);
const arbInstr = fc.record({ op: fc.integer({ min: 0, max: 0x3f }), pads: arbPads, operand: fc.integer({ min: 0, max: 0xff }) });
const arbNonStop = fc.record({ op: fc.integer({ min: 1, max: 0x3f }), pads: arbPads, operand: fc.integer({ min: 0, max: 0xff }) });

describe('LUT instruction (research/imxrt.md §1.3)', () => {
  it('encodes opcode<<10 | pads<<8 | operand', () => {
    expect(encodeLutInstruction({ op: LUT_OP.CMD_SDR, pads: 1, operand: 0xeb })).toBe(0x04eb);
    expect(encodeLutInstruction({ op: LUT_OP.RADDR_SDR, pads: 4, operand: 24 })).toBe(0x0a18);
    expect(encodeLutInstruction({ op: LUT_OP.DUMMY_SDR, pads: 4, operand: 6 })).toBe(0x3206);
    expect(encodeLutInstruction({ op: LUT_OP.READ_SDR, pads: 4, operand: 4 })).toBe(0x2604);
    expect(encodeLutInstruction({ op: LUT_OP.CMD_DDR, pads: 8, operand: 0xa0 })).toBe(0x87a0);
    expect(encodeLutInstruction({ op: LUT_OP.JMP_ON_CS, pads: 1, operand: 0 })).toBe(0x7c00);
  });

  it('has every DDR opcode at SDR + 0x20 (research/spsdk.md §3.1)', () => {
    for (const name of ['CMD', 'RADDR', 'CADDR', 'MODE1', 'MODE2', 'MODE4', 'MODE8', 'WRITE', 'READ', 'LEARN', 'DATSZ', 'DUMMY', 'DUMMY_RWDS'] as const) {
      expect(LUT_OP[`${name}_DDR`]).toBe(LUT_OP[`${name}_SDR`] + LUT_DDR_OFFSET);
    }
    expect([LUT_OP.STOP, LUT_OP.LEARN_SDR, LUT_OP.DATSZ_SDR, LUT_OP.DUMMY_SDR, LUT_OP.DUMMY_RWDS_SDR, LUT_OP.JMP_ON_CS]).toEqual([0, 0x0a, 0x0b, 0x0c, 0x0d, 0x1f]);
  });

  it('decodes the HyperFlash read word 0x8B1887A0 (golden (c))', () => {
    expect(decodeLutInstruction(0x87a0)).toEqual({ op: LUT_OP.CMD_DDR, pads: 8, operand: 0xa0 });
    expect(decodeLutInstruction(0x8b18)).toEqual({ op: LUT_OP.RADDR_DDR, pads: 8, operand: 0x18 });
  });

  it('formats the way NXP names the instructions', () => {
    const words = [0x0a1804eb, 0x26043206];
    expect(decodeLutSequence([...words, 0, 0]).map(formatLutInstruction)).toEqual([
      'CMD_SDR 1-pad 0xEB',
      'RADDR_SDR 4-pad 24',
      'DUMMY_SDR 4-pad 6',
      'READ_SDR 4-pad 0x04',
    ]);
    expect(formatLutInstruction(decodeLutInstruction(0))).toBe('STOP');
    expect(formatLutInstruction({ op: 0x0e, pads: 2, operand: 1 })).toBe('OP_0x0E 2-pad 0x01');
    expect(formatLutInstruction({ op: LUT_OP.DUMMY_RWDS_DDR, pads: 8, operand: 0x0b })).toBe('DUMMY_RWDS_DDR 8-pad 11');
    expect(lutOpName(LUT_OP.MODE8_SDR)).toBe('MODE8_SDR');
  });

  it('rejects values that do not fit, with LUT_BAD_SEQUENCE', () => {
    expect(() => encodeLutInstruction({ op: 0x40, pads: 1, operand: 0 })).toThrowError(expect.objectContaining({ code: 'LUT_BAD_SEQUENCE' }));
    expect(() => encodeLutInstruction({ op: 1, pads: 3 as LutPads, operand: 0 })).toThrowError(expect.objectContaining({ code: 'LUT_BAD_SEQUENCE' }));
    expect(() => encodeLutInstruction({ op: 1, pads: 1, operand: 0x100 })).toThrowError(expect.objectContaining({ code: 'LUT_BAD_SEQUENCE' }));
    expect(() => decodeLutInstruction(0x10000)).toThrowError(expect.objectContaining({ code: 'LUT_BAD_SEQUENCE' }));
  });

  it('round-trips every instruction', () => {
    fc.assert(
      fc.property(arbInstr, (i) => {
        expect(decodeLutInstruction(encodeLutInstruction(i))).toEqual(i);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (u16) => {
        expect(encodeLutInstruction(decodeLutInstruction(u16))).toBe(u16);
      }),
      RUNS,
    );
  });
});

describe('LUT sequence', () => {
  it('packs instr0 low and instr1 high (golden (a) seq0 and seq9)', () => {
    const seq0: LutInstruction[] = [
      { op: LUT_OP.CMD_SDR, pads: 1, operand: 0xeb },
      { op: LUT_OP.RADDR_SDR, pads: 4, operand: 0x18 },
      { op: LUT_OP.DUMMY_SDR, pads: 4, operand: 6 },
      { op: LUT_OP.READ_SDR, pads: 4, operand: 4 },
    ];
    expect(encodeLutSequence(seq0)).toEqual([0x0a1804eb, 0x26043206, 0, 0]);
    const seq9: LutInstruction[] = [
      { op: LUT_OP.CMD_SDR, pads: 1, operand: 0x02 },
      { op: LUT_OP.RADDR_SDR, pads: 1, operand: 0x18 },
      { op: LUT_OP.WRITE_SDR, pads: 1, operand: 4 },
    ];
    expect(encodeLutSequence(seq9)).toEqual([0x08180402, 0x00002004, 0, 0]);
    expect(encodeLutSequence([])).toEqual([0, 0, 0, 0]);
  });

  it('takes at most 8 instructions', () => {
    const nine = new Array<LutInstruction>(9).fill({ op: LUT_OP.CMD_DDR, pads: 8, operand: 0 });
    expect(() => encodeLutSequence(nine)).toThrowError(expect.objectContaining({ code: 'LUT_BAD_SEQUENCE' }));
    expect(encodeLutSequence(nine.slice(1))).toEqual([0x87008700, 0x87008700, 0x87008700, 0x87008700]);
  });

  it('decodes up to the first STOP and needs exactly 4 words', () => {
    expect(decodeLutSequence([0x00000406, 0x12345678, 0, 0])).toEqual([{ op: LUT_OP.CMD_SDR, pads: 1, operand: 6 }]);
    expect(decodeLutSequence([0, 0, 0, 0])).toEqual([]);
    expect(() => decodeLutSequence([0, 0, 0])).toThrowError(expect.objectContaining({ code: 'LUT_BAD_SEQUENCE' }));
  });

  it('slices sequence n out of a table', () => {
    const table = Array.from({ length: 64 }, (_, i) => i);
    expect(lutSequenceWords(table, 15)).toEqual([60, 61, 62, 63]);
    expect(() => lutSequenceWords(table, 16)).toThrowError(expect.objectContaining({ code: 'LUT_BAD_SEQUENCE' }));
  });

  it('round-trips sequences without STOP', () => {
    fc.assert(
      fc.property(fc.array(arbNonStop, { maxLength: 8 }), (instrs) => {
        expect(decodeLutSequence(encodeLutSequence(instrs))).toEqual(instrs);
      }),
      RUNS,
    );
  });

  it('decodes any 4 words without crashing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff_ffff }), { minLength: 4, maxLength: 4 }), (words) => {
        const instrs = decodeLutSequence(words);
        expect(instrs.length).toBeLessThanOrEqual(8);
        expect(instrs.every((i) => i.op !== LUT_OP.STOP)).toBe(true);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.array(fc.double(), { maxLength: 6 }), (words) => {
        try {
          decodeLutSequence(words);
        } catch (e) {
          expect(e).toBeInstanceOf(ImxflashError);
        }
      }),
      RUNS,
    );
  });
});
