import { LUT_DDR, LUT_OPCODE as OP, lutInstruction as I, lutSequenceWords } from '../lut-decoder.js';

/**
 * Sequence indices of the test LUT, following the NXP FCB convention where it has one (research
 * /imxrt.md §1.5, §2.5: READ 0, READSTATUS 1, WRITEENABLE 3, ERASESECTOR 5, PAGEPROGRAM 9,
 * CHIPERASE 11), plus READ_ID 2, BLOCK_ERASE 8, FAST_READ_1_1_1 4 and READ_DDR 6.
 */
export const QSPI_SEQ = {
  READ: 0, READ_STATUS: 1, READ_ID: 2, WRITE_ENABLE: 3, FAST_READ: 4, ERASE_SECTOR: 5, READ_DDR: 6,
  ERASE_BLOCK: 8, PAGE_PROGRAM: 9, CHIP_ERASE: 11,
} as const;

/**
 * A 64-word QSPI LUT for an IS25WP064A-like part (3-byte addresses): seq 0 is the 1-4-4 quad
 * read 0xEB (RADDR 24 on 4 pads, 6 dummy cycles, READ on 4 pads) as in the SDK's QSPI FCBs.
 */
export function qspiTestLut(): Uint32Array {
  const lut = new Uint32Array(64);
  const put = (seq: number, instrs: number[]): void => lut.set(lutSequenceWords(instrs), seq * 4);
  put(QSPI_SEQ.READ, [I(OP.CMD, 1, 0xeb), I(OP.RADDR, 4, 24), I(OP.DUMMY, 4, 6), I(OP.READ, 4, 4), I(OP.STOP, 1, 0)]);
  put(QSPI_SEQ.READ_STATUS, [I(OP.CMD, 1, 0x05), I(OP.READ, 1, 4)]);
  put(QSPI_SEQ.READ_ID, [I(OP.CMD, 1, 0x9f), I(OP.READ, 1, 4)]);
  put(QSPI_SEQ.WRITE_ENABLE, [I(OP.CMD, 1, 0x06)]);
  put(QSPI_SEQ.FAST_READ, [I(OP.CMD, 1, 0x0b), I(OP.RADDR, 1, 24), I(OP.DUMMY, 1, 8), I(OP.READ, 1, 4)]);
  put(QSPI_SEQ.ERASE_SECTOR, [I(OP.CMD, 1, 0x20), I(OP.RADDR, 1, 24)]);
  put(QSPI_SEQ.READ_DDR, [I(OP.CMD, 1, 0xed), I(OP.RADDR + LUT_DDR, 4, 24), I(OP.DUMMY + LUT_DDR, 4, 6), I(OP.READ + LUT_DDR, 4, 4)]);
  put(QSPI_SEQ.ERASE_BLOCK, [I(OP.CMD, 1, 0xd8), I(OP.RADDR, 1, 24)]);
  put(QSPI_SEQ.PAGE_PROGRAM, [I(OP.CMD, 1, 0x02), I(OP.RADDR, 1, 24), I(OP.WRITE, 1, 4)]);
  put(QSPI_SEQ.CHIP_ERASE, [I(OP.CMD, 1, 0x60)]);
  return lut;
}
