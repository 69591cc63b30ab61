import { describe, expect, it } from 'vitest';
import { decodeLutSequence, ipSequenceError, LUT_OPCODE as OP, lutInstruction, lutSequenceWords } from './lut-decoder.js';

describe('LUT decoding (research/imxrt.md §1.3)', () => {
  it('encodes FLEXSPI_LUT_SEQ words as in the golden QSPI FCB (0x0A1804EB, 0x26043206; research §3.3)', () => {
    const words = lutSequenceWords([
      lutInstruction(OP.CMD, 1, 0xeb), lutInstruction(OP.RADDR, 4, 0x18),
      lutInstruction(OP.DUMMY, 4, 0x06), lutInstruction(OP.READ, 4, 0x04),
    ]);
    expect(Array.from(words)).toEqual([0x0a1804eb, 0x26043206, 0, 0]);
  });

  it('decodes the ROM default 1-1-1 read (0x08180403, 0x00002404; research §5 step 2)', () => {
    const seq = decodeLutSequence(Uint32Array.of(0x08180403, 0x00002404, 0, 0), 0);
    expect(seq.error).toBe(0);
    expect(seq.instructions.map((i) => [i.kind, i.pads, i.ddr, i.operand])).toEqual([
      ['cmd', 1, false, 0x03], ['raddr', 1, false, 0x18], ['read', 1, false, 0x04],
    ]);
  });

  it('decodes the golden Teensy 4 read sequence (MODE8 0xFF, DUMMY 4, READ; research §3.3)', () => {
    const seq = decodeLutSequence(Uint32Array.of(0x0a1804eb, 0x32041eff, 0x00002601, 0), 0);
    expect(seq.instructions.map((i) => [i.kind, i.pads, i.operand])).toEqual([
      ['cmd', 1, 0xeb], ['raddr', 4, 24], ['mode', 4, 0xff], ['dummy', 4, 4], ['read', 4, 1],
    ]);
  });

  it('decodes the golden SDK QSPI FCB sequences 1, 3, 5, 9, 11 (research §3.3)', () => {
    const lut = new Uint32Array(64);
    lut[4] = 0x24040405;
    lut[12] = 0x00000406;
    lut[20] = 0x08180420;
    lut[36] = 0x08180402;
    lut[37] = 0x00002004;
    lut[44] = 0x00000460;
    const show = (n: number): (string | number)[][] => decodeLutSequence(lut, n).instructions.map((i) => [i.kind, i.pads, i.operand]);
    expect(show(1)).toEqual([['cmd', 1, 0x05], ['read', 1, 4]]);
    expect(show(3)).toEqual([['cmd', 1, 0x06]]);
    expect(show(5)).toEqual([['cmd', 1, 0x20], ['raddr', 1, 24]]);
    expect(show(9)).toEqual([['cmd', 1, 0x02], ['raddr', 1, 24], ['write', 1, 4]]);
    expect(show(11)).toEqual([['cmd', 1, 0x60]]);
  });

  it('decodes DDR opcodes (+0x20), 8 pads and MODE widths', () => {
    const lut = lutSequenceWords([
      lutInstruction(OP.CMD + 0x20, 8, 0xa0), lutInstruction(OP.MODE4, 4, 0xff), lutInstruction(OP.MODE8 + 0x20, 8, 0xa5),
    ]);
    const seq = decodeLutSequence(lut, 0);
    expect(seq.ddr).toBe(true);
    expect(seq.instructions.map((i) => [i.kind, i.pads, i.ddr, i.modeBits, Array.from(i.bytes ?? [])])).toEqual([
      ['cmd', 8, true, 0, [0xa0]], ['mode', 4, false, 4, [0x0f]], ['mode', 8, true, 8, [0xa5]],
    ]);
  });

  it('stops at STOP and at JMP_ON_CS, which is an error (2) in IP sequences only', () => {
    const seq = decodeLutSequence(lutSequenceWords([lutInstruction(OP.CMD, 1, 6), lutInstruction(OP.JMP_ON_CS, 1, 1), lutInstruction(OP.CMD, 1, 7)]), 0);
    expect(seq.instructions.map((i) => i.kind)).toEqual(['cmd', 'jmp-on-cs']);
    expect(seq.error).toBe(0);
    expect(ipSequenceError(seq)).toBe(2);
  });

  it('classifies unknown opcodes (3) and dummy/DDR mismatches (4, 5)', () => {
    const at = (instrs: number[]): number => decodeLutSequence(lutSequenceWords(instrs), 0).error;
    expect(at([lutInstruction(0x0e, 1, 0)])).toBe(3);
    expect(at([lutInstruction(OP.LEARN, 1, 0)])).toBe(3);
    expect(at([lutInstruction(OP.JMP_ON_CS + 0x20, 1, 0)])).toBe(3);
    expect(at([lutInstruction(OP.CMD + 0x20, 8, 0xa0), lutInstruction(OP.DUMMY_RWDS, 8, 6)])).toBe(4);
    expect(at([lutInstruction(OP.CMD, 1, 0xeb), lutInstruction(OP.DUMMY + 0x20, 4, 6)])).toBe(5);
    expect(at([lutInstruction(OP.CMD + 0x20, 8, 0xa0), lutInstruction(OP.DUMMY_RWDS + 0x20, 8, 6)])).toBe(0);
  });

  it('reads sequence n from LUT words 4n..4n+3', () => {
    const lut = new Uint32Array(64);
    lut.set(lutSequenceWords([lutInstruction(OP.CMD, 1, 0x9f)]), 4 * 15);
    expect(decodeLutSequence(lut, 15).instructions[0]?.operand).toBe(0x9f);
    expect(decodeLutSequence(lut, 14).instructions).toEqual([]);
  });
});
