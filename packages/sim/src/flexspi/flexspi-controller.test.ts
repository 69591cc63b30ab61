import { describe, expect, it } from 'vitest';
import { BusFault } from '../bus/bus.js';
import { CMD_ERROR, FLEXSPI_REG as R, INTR, LUT_KEY, MCR0 } from './flexspi-registers.js';
import { LUT_OPCODE as OP, LUT_DDR, lutInstruction as I, lutSequenceWords } from './lut-decoder.js';
import { createFlexspiRig } from './testing/flexspi-rig.js';
import { QSPI_SEQ } from './testing/qspi-test-lut.js';
import { ipCommand, writeLut } from './testing/raw-flexspi.js';

const hex = (b: ArrayLike<number>): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

describe('FlexSPI registers after reset (research/imxrt.md §1.2 reset column)', () => {
  it('reads the documented reset values through the bus', () => {
    const { bus, base } = createFlexspiRig({ bringUp: false });
    expect(bus.read32(base + R.MCR0)).toBe(0xffff80c2);
    expect(bus.read32(base + R.MCR2)).toBe(0x200081f7);
    expect(bus.read32(base + R.AHBCR)).toBe(0x18);
    expect(bus.read32(base + R.LUTKEY)).toBe(0x5af05af0);
    expect(bus.read32(base + R.LUTCR)).toBe(2);
    expect(bus.read32(base + R.AHBRXBUF0CR0 + 12)).toBe(0x80030020);
    expect(bus.read32(base + R.FLSHA1CR0)).toBe(0x10000);
    expect(bus.read32(base + R.FLSHA1CR1)).toBe(0x63);
    expect(bus.read32(base + R.DLLCR0)).toBe(0x100);
    // Idle, nothing pending; the empty TX FIFO has room for a watermark (IPTXWE, LW).
    expect(bus.read32(base + R.STS0) & 3).toBe(3);
    expect(bus.read32(base + R.INTR)).toBe(INTR.IPTXWE);
  });
});

describe('MCR0', () => {
  it('SWRESET reads back 0 right after it is written and keeps the other bits', () => {
    const { bus, base } = createFlexspiRig({ bringUp: false });
    bus.write32(base + R.MCR0, 0xffff80c0 | MCR0.SWRESET);
    expect(bus.read32(base + R.MCR0)).toBe(0xffff80c0);
  });

  it('SWRESET keeps the LUT, its lock and the configuration registers (research §1.5 step 13, §1.6)', () => {
    const { bus, base } = createFlexspiRig();
    bus.write32(base + R.FLSHA1CR2, 0x0000_0900);
    bus.write32(base + R.MCR0, bus.read32(base + R.MCR0) | MCR0.SWRESET);
    expect(bus.read32(base + R.LUT0)).toBe(lutSequenceWords([I(OP.CMD, 1, 0xeb), I(OP.RADDR, 4, 24)])[0]);
    expect(bus.read32(base + R.LUTCR)).toBe(1);
    expect(bus.read32(base + R.FLSHA1CR0)).toBe(8192);
    expect(bus.read32(base + R.FLSHA1CR2)).toBe(0x900);
  });

  it('SWRESET empties both IP FIFOs', () => {
    const { bus, base } = createFlexspiRig();
    bus.write32(base + R.TFDR0, 0x11223344);
    bus.write32(base + R.INTR, INTR.IPTXWE);
    expect(bus.read32(base + R.IPTXFSTS) & 0xff).toBe(1);
    bus.write32(base + R.MCR0, bus.read32(base + R.MCR0) | MCR0.SWRESET);
    expect(bus.read32(base + R.IPTXFSTS) & 0xff).toBe(0);
  });

  it('MDIS=1: an IP command never runs and IPCMDDONE never sets', () => {
    const { bus, base, flash } = createFlexspiRig();
    bus.write32(base + R.MCR0, bus.read32(base + R.MCR0) | MCR0.MDIS);
    flash.clearRecord();
    const r = ipCommand(bus, base, { seqId: QSPI_SEQ.READ_ID, address: 0, rxBytes: 3, maxPolls: 50 });
    expect(r).toMatchObject({ status: 'timeout', waitingFor: 'rx-data' });
    expect(bus.read32(base + R.INTR) & INTR.IPCMDDONE).toBe(0);
    expect(flash.phases).toEqual([]);
  });
});

describe('LUTKEY / LUTCR (research §1.2)', () => {
  const word = 0x0418_0402;

  it('ignores LUT writes while locked', () => {
    const { bus, base } = createFlexspiRig({ bringUp: false });
    bus.write32(base + R.LUTKEY, LUT_KEY);
    bus.write32(base + R.LUTCR, 1);
    expect(bus.read32(base + R.LUTCR)).toBe(1);
    bus.write32(base + R.LUT0 + 0x10, word);
    expect(bus.read32(base + R.LUT0 + 0x10)).toBe(0);
  });

  it('ignores an unlock that is not immediately preceded by the key', () => {
    const { bus, base } = createFlexspiRig({ bringUp: false });
    bus.write32(base + R.LUTKEY, LUT_KEY);
    bus.write32(base + R.LUTCR, 1);
    bus.write32(base + R.LUTCR, 2); // no key
    expect(bus.read32(base + R.LUTCR)).toBe(1);
    bus.write32(base + R.LUTKEY, LUT_KEY);
    bus.write32(base + R.IPCR0, 0); // another write in between
    bus.write32(base + R.LUTCR, 2);
    expect(bus.read32(base + R.LUTCR)).toBe(1);
    bus.write32(base + R.LUTKEY, 0x12345678); // wrong key
    bus.write32(base + R.LUTCR, 2);
    expect(bus.read32(base + R.LUTCR)).toBe(1);
    bus.write32(base + R.LUTKEY, LUT_KEY);
    bus.write32(base + R.LUTCR, 2);
    expect(bus.read32(base + R.LUTCR)).toBe(2);
    bus.write32(base + R.LUT0 + 0x10, word);
    expect(bus.read32(base + R.LUT0 + 0x10)).toBe(word);
  });

  it('starts unlocked (LUTCR = 2) and accepts LUT writes', () => {
    const { bus, base } = createFlexspiRig({ bringUp: false });
    bus.write32(base + R.LUT0 + 0xfc, word);
    expect(bus.read32(base + R.LUT0 + 0xfc)).toBe(word);
  });

  it('uses a reloaded sequence at once (the decode cache follows LUT writes)', () => {
    const { bus, base, flash } = createFlexspiRig();
    ipCommand(bus, base, { seqId: 7, address: 0 });
    writeLut(bus, base, 7, lutSequenceWords([I(OP.CMD, 1, 0xab)]));
    flash.clearRecord();
    ipCommand(bus, base, { seqId: 7, address: 0 });
    expect(flash.transactions()).toEqual([[{ type: 'send', phase: 'cmd', bytes: [0xab], pads: 1, ddr: false }]]);
  });
});

describe('IP command errors (STS1 codes, research §1.2)', () => {
  it('FLSHA1CR0 = 0 → IPCMDERR + IPCMDDONE, STS1 IPCMDERRCODE 6, nothing reaches the flash', () => {
    const { bus, base, flash } = createFlexspiRig();
    bus.write32(base + R.FLSHA1CR0, 0);
    flash.clearRecord();
    bus.write32(base + R.IPCR0, 0);
    bus.write32(base + R.IPCR1, (QSPI_SEQ.READ_ID << 16) | 3);
    bus.write32(base + R.IPCMD, 1);
    expect(bus.read32(base + R.INTR) & (INTR.IPCMDERR | INTR.IPCMDDONE)).toBe(INTR.IPCMDERR | INTR.IPCMDDONE);
    expect(bus.read32(base + R.STS1)).toBe((6 << 24) | (QSPI_SEQ.READ_ID << 16));
    expect(flash.phases).toEqual([]);
  });

  it('SFAR + IDATSZ past the flash size → code 6', () => {
    const { bus, base } = createFlexspiRig();
    const r = ipCommand(bus, base, { seqId: QSPI_SEQ.PAGE_PROGRAM, address: (8 << 20) - 16, tx: new Uint8Array(32) });
    expect(r).toMatchObject({ status: 'error', errorCode: CMD_ERROR.ADDRESS_OUT_OF_RANGE });
  });

  it('SFAR + IDATSZ crossing from A1 into A2 → code 0xF', () => {
    const { bus, base } = createFlexspiRig();
    bus.write32(base + R.FLSHA1CR0 + 4, 1024); // A2: 1 MiB
    const r = ipCommand(bus, base, { seqId: QSPI_SEQ.READ, address: (8 << 20) - 4, rxBytes: 8 });
    expect(r).toMatchObject({ status: 'error', errorCode: CMD_ERROR.BOUNDARY_CROSSED });
  });

  it('JMP_ON_CS in an IP sequence → code 2 with the sequence id', () => {
    const { bus, base, flash } = createFlexspiRig();
    writeLut(bus, base, 12, lutSequenceWords([I(OP.CMD, 1, 0xeb), I(OP.JMP_ON_CS, 1, 1)]));
    flash.clearRecord();
    const r = ipCommand(bus, base, { seqId: 12, address: 0 });
    expect(r).toEqual({ status: 'error', errorCode: 2, errorSeqId: 12, rx: new Uint8Array(0) });
    expect(flash.phases).toEqual([]);
  });

  it('unknown opcode → code 3; DUMMY_SDR in a DDR sequence → 4; DUMMY_DDR in an SDR sequence → 5', () => {
    const { bus, base } = createFlexspiRig();
    writeLut(bus, base, 12, lutSequenceWords([I(OP.CMD, 1, 0x05), I(0x15, 1, 0)]));
    expect(ipCommand(bus, base, { seqId: 12, address: 0 })).toMatchObject({ status: 'error', errorCode: 3 });
    writeLut(bus, base, 12, lutSequenceWords([I(OP.CMD + LUT_DDR, 8, 0xa0), I(OP.DUMMY, 8, 6), I(OP.READ + LUT_DDR, 8, 4)]));
    expect(ipCommand(bus, base, { seqId: 12, address: 0, rxBytes: 2 })).toMatchObject({ status: 'error', errorCode: 4 });
    writeLut(bus, base, 12, lutSequenceWords([I(OP.CMD, 1, 0x0b), I(OP.DUMMY + LUT_DDR, 1, 8), I(OP.READ, 1, 4)]));
    expect(ipCommand(bus, base, { seqId: 12, address: 0, rxBytes: 2 })).toMatchObject({ status: 'error', errorCode: 5 });
  });

  it('a multi-sequence command reports the index of the failing sequence', () => {
    const { bus, base } = createFlexspiRig();
    writeLut(bus, base, 12, lutSequenceWords([I(OP.CMD, 1, 0x06)]));
    writeLut(bus, base, 13, lutSequenceWords([I(OP.JMP_ON_CS, 1, 0)]));
    expect(ipCommand(bus, base, { seqId: 12, seqCount: 2, address: 0 })).toMatchObject({ status: 'error', errorCode: 2, errorSeqId: 13 });
  });

  it('writing INTR.IPCMDERR = 1 clears it and the STS1 IP fields', () => {
    const { bus, base } = createFlexspiRig();
    bus.write32(base + R.FLSHA1CR0, 0);
    bus.write32(base + R.IPCMD, 1);
    expect(bus.read32(base + R.STS1) >>> 24).toBe(6);
    bus.write32(base + R.INTR, INTR.IPCMDERR);
    expect(bus.read32(base + R.STS1)).toBe(0);
    expect(bus.read32(base + R.INTR) & INTR.IPCMDERR).toBe(0);
    expect(bus.read32(base + R.INTR) & INTR.IPCMDDONE).toBe(INTR.IPCMDDONE);
  });
});

describe('IP commands', () => {
  it('IPCMDDONE is write-1-to-clear; writing 0 leaves it', () => {
    const { bus, base } = createFlexspiRig();
    bus.write32(base + R.IPCR1, QSPI_SEQ.WRITE_ENABLE << 16);
    bus.write32(base + R.IPCMD, 1);
    expect(bus.read32(base + R.INTR) & INTR.IPCMDDONE).toBe(INTR.IPCMDDONE);
    bus.write32(base + R.INTR, 0);
    expect(bus.read32(base + R.INTR) & INTR.IPCMDDONE).toBe(INTR.IPCMDDONE);
    bus.write32(base + R.INTR, INTR.IPCMDDONE);
    expect(bus.read32(base + R.INTR) & INTR.IPCMDDONE).toBe(0);
  });

  it('reads the JEDEC id: CMD 0x9F on one pad, then a 3-byte READ', () => {
    const { bus, base, flash } = createFlexspiRig();
    flash.clearRecord();
    const r = ipCommand(bus, base, { seqId: QSPI_SEQ.READ_ID, address: 0, rxBytes: 3 });
    expect(r.status).toBe('done');
    expect(hex(r.rx)).toBe('9d 70 17');
    expect(flash.phases).toEqual([
      { type: 'select' },
      { type: 'send', phase: 'cmd', bytes: [0x9f], pads: 1, ddr: false },
      { type: 'receive', count: 3, pads: 1, ddr: false },
      { type: 'deselect' },
    ]);
  });

  it('sends RADDR 24 as 3 address bytes MSB first from SFAR, with the pads of the instruction', () => {
    const { bus, base, flash } = createFlexspiRig();
    flash.memory.set([1, 2, 3, 4], 0x12_3456);
    flash.clearRecord();
    const r = ipCommand(bus, base, { seqId: QSPI_SEQ.READ, address: 0x12_3456, rxBytes: 4 });
    expect(hex(r.rx)).toBe('01 02 03 04');
    expect(flash.transactions()).toEqual([[
      { type: 'send', phase: 'cmd', bytes: [0xeb], pads: 1, ddr: false },
      { type: 'send', phase: 'addr', bytes: [0x12, 0x34, 0x56], pads: 4, ddr: false },
      { type: 'dummy', cycles: 6, pads: 4, ddr: false },
      { type: 'receive', count: 4, pads: 4, ddr: false },
    ]]);
  });

  it('runs ISEQNUM+1 consecutive sequences as separate CS transactions', () => {
    const { bus, base, flash } = createFlexspiRig();
    writeLut(bus, base, 12, [...lutSequenceWords([I(OP.CMD, 1, 0x06)]), ...lutSequenceWords([I(OP.CMD, 1, 0xc7)])]);
    flash.clearRecord();
    expect(ipCommand(bus, base, { seqId: 12, seqCount: 2, address: 0 }).status).toBe('done');
    expect(flash.transactions().map((t) => t.map((p) => (p.type === 'send' ? p.bytes[0] : p.type)))).toEqual([[0x06], [0xc7]]);
  });

  it('programs a 256-byte page from two 128-byte watermark pushes as one WRITE phase of 256 bytes', () => {
    const { bus, base, flash } = createFlexspiRig();
    const page = Uint8Array.from({ length: 256 }, (_, i) => (i * 7) & 0xff);
    flash.clearRecord();
    const r = ipCommand(bus, base, { seqId: QSPI_SEQ.PAGE_PROGRAM, address: 0x1000, tx: page, watermarkBytes: 128 });
    expect(r.status).toBe('done');
    const [t] = flash.transactions();
    expect(t).toHaveLength(3);
    expect(t?.[0]).toEqual({ type: 'send', phase: 'cmd', bytes: [0x02], pads: 1, ddr: false });
    expect(t?.[1]).toEqual({ type: 'send', phase: 'addr', bytes: [0x00, 0x10, 0x00], pads: 1, ddr: false });
    expect(t?.[2]).toEqual({ type: 'send', phase: 'data', bytes: Array.from(page), pads: 1, ddr: false });
    expect(flash.memory.subarray(0x1000, 0x1100)).toEqual(page);
  });

  it('also programs in the BL order (first block pushed before TRG)', () => {
    const { bus, base, flash } = createFlexspiRig();
    const page = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    const r = ipCommand(bus, base, { seqId: QSPI_SEQ.PAGE_PROGRAM, address: 0x2000, tx: page, prefillTx: true });
    expect(r.status).toBe('done');
    expect(flash.memory.subarray(0x2000, 0x2100)).toEqual(page);
  });

  it('waits for TX data: no IPCMDDONE, STS0 busy and SCKSTOPBYWR until IDATSZ bytes were pushed', () => {
    const { bus, base, flash } = createFlexspiRig();
    bus.write32(base + R.IPCR0, 0x3000);
    bus.write32(base + R.IPCR1, (QSPI_SEQ.PAGE_PROGRAM << 16) | 16);
    bus.write32(base + R.IPTXFCR, 1 << 0); // CLRIPTXF, watermark 8 bytes
    bus.write32(base + R.IPCMD, 1);
    expect(bus.read32(base + R.INTR) & (INTR.IPCMDDONE | INTR.SCKSTOPBYWR)).toBe(INTR.SCKSTOPBYWR);
    expect(bus.read32(base + R.STS0) & 3).toBe(0);
    bus.write32(base + R.TFDR0, 0x04030201);
    bus.write32(base + R.TFDR0 + 4, 0x08070605);
    bus.write32(base + R.INTR, INTR.IPTXWE);
    expect(bus.read32(base + R.INTR) & INTR.IPCMDDONE).toBe(0);
    bus.write32(base + R.TFDR0, 0x0c0b0a09);
    bus.write32(base + R.TFDR0 + 4, 0x100f0e0d);
    bus.write32(base + R.INTR, INTR.IPTXWE);
    expect(bus.read32(base + R.INTR) & INTR.IPCMDDONE).toBe(INTR.IPCMDDONE);
    expect(bus.read32(base + R.STS0) & 3).toBe(3);
    expect(hex(flash.memory.subarray(0x3000, 0x3010))).toBe('01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10');
    expect(bus.read32(base + R.IPTXFSTS) >>> 16).toBe(2); // WRCNTR: 2 × 64 bits sent
  });

  it('TX FIFO: IPTXWE drops when the FIFO cannot take another watermark; CLRIPTXF empties it', () => {
    const { bus, base } = createFlexspiRig();
    bus.write32(base + R.IPTXFCR, (7 << 2) | 1); // 64-byte watermark
    bus.write32(base + R.INTR, INTR.IPTXWE);
    expect(bus.read32(base + R.IPTXFSTS) & 0xff).toBe(8);
    expect(bus.read32(base + R.INTR) & INTR.IPTXWE).toBe(INTR.IPTXWE);
    bus.write32(base + R.INTR, INTR.IPTXWE);
    expect(bus.read32(base + R.IPTXFSTS) & 0xff).toBe(16);
    expect(bus.read32(base + R.INTR) & INTR.IPTXWE).toBe(0);
    bus.write32(base + R.INTR, INTR.IPTXWE); // no room: ignored
    expect(bus.read32(base + R.IPTXFSTS) & 0xff).toBe(16);
    bus.write32(base + R.IPTXFCR, (7 << 2) | 1);
    expect(bus.read32(base + R.IPTXFCR)).toBe(7 << 2); // CLRIPTXF self-clears
    expect(bus.read32(base + R.IPTXFSTS) & 0xff).toBe(0);
  });

  it('RX FIFO: RFDR shows the front watermark block, IPRXWA pops it, FILL counts 64-bit units', () => {
    const { bus, base, flash } = createFlexspiRig();
    flash.memory.set(Uint8Array.from({ length: 32 }, (_, i) => i), 0x100);
    bus.write32(base + R.IPCR0, 0x100);
    bus.write32(base + R.IPCR1, (QSPI_SEQ.READ << 16) | 20);
    bus.write32(base + R.IPRXFCR, (1 << 2) | 1); // 16-byte watermark
    bus.write32(base + R.IPCMD, 1);
    expect(bus.read32(base + R.INTR) & (INTR.IPRXWA | INTR.IPCMDDONE)).toBe(INTR.IPRXWA | INTR.IPCMDDONE);
    expect(bus.read32(base + R.IPRXFSTS)).toBe(3 | (3 << 16));
    expect(bus.read32(base + R.RFDR0)).toBe(0x03020100);
    expect(bus.read32(base + R.RFDR0 + 12)).toBe(0x0f0e0d0c);
    bus.write32(base + R.INTR, INTR.IPRXWA);
    expect(bus.read32(base + R.INTR) & INTR.IPRXWA).toBe(0);
    expect(bus.read32(base + R.IPRXFSTS) & 0xff).toBe(1);
    expect(bus.read32(base + R.RFDR0)).toBe(0x13121110);
    bus.write32(base + R.IPRXFCR, (1 << 2) | 1);
    expect(bus.read32(base + R.IPRXFSTS) & 0xff).toBe(0);
  });

  it('a read larger than the 128-byte RX FIFO completes only after the pops made room', () => {
    const { bus, base, flash } = createFlexspiRig();
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 13) & 0xff);
    flash.memory.set(data, 0x4000);
    bus.write32(base + R.IPCR0, 0x4000);
    bus.write32(base + R.IPCR1, (QSPI_SEQ.READ << 16) | 300);
    bus.write32(base + R.IPRXFCR, (15 << 2) | 1);
    bus.write32(base + R.IPCMD, 1);
    expect(bus.read32(base + R.IPRXFSTS) & 0xff).toBe(16);
    expect(bus.read32(base + R.INTR) & (INTR.IPCMDDONE | INTR.SCKSTOPBYRD)).toBe(INTR.SCKSTOPBYRD);
    const r = ipCommand(bus, base, { seqId: QSPI_SEQ.READ, address: 0x4000, rxBytes: 300 });
    expect(r.status).toBe('timeout'); // still busy with the first command: the helper waits for idle
    bus.write32(base + R.INTR, INTR.IPRXWA);
    bus.write32(base + R.INTR, INTR.IPRXWA);
    expect(bus.read32(base + R.INTR) & INTR.IPCMDDONE).toBe(INTR.IPCMDDONE);
    expect(bus.read32(base + R.IPRXFSTS) & 0xff).toBe(6); // 44 bytes left → 6 units
    const again = ipCommand(bus, base, { seqId: QSPI_SEQ.READ, address: 0x4000, rxBytes: 300 });
    expect(again.rx).toEqual(data);
  });

  it('a DDR sequence passes DDR and pads to the device', () => {
    const { bus, base, flash } = createFlexspiRig();
    flash.clearRecord();
    ipCommand(bus, base, { seqId: QSPI_SEQ.READ_DDR, address: 0x10, rxBytes: 2 });
    expect(flash.transactions()[0]?.slice(1)).toEqual([
      { type: 'send', phase: 'addr', bytes: [0, 0, 0x10], pads: 4, ddr: true },
      { type: 'dummy', cycles: 6, pads: 4, ddr: true },
      { type: 'receive', count: 2, pads: 4, ddr: true },
    ]);
  });

  it('word-addressed flash with CAS=3 sends row and column addresses (HyperFlash, research §2.5)', () => {
    const { bus, base, flash } = createFlexspiRig();
    bus.write32(base + R.FLSHA1CR1, 0x63 | (1 << 10) | (3 << 11));
    writeLut(bus, base, 12, lutSequenceWords([
      I(OP.CMD + LUT_DDR, 8, 0xa0), I(OP.RADDR + LUT_DDR, 8, 0x18), I(OP.CADDR + LUT_DDR, 8, 0x10),
      I(OP.DUMMY + LUT_DDR, 8, 0x0c), I(OP.READ + LUT_DDR, 8, 4),
    ]));
    flash.clearRecord();
    ipCommand(bus, base, { seqId: 12, address: 0x12_345a, rxBytes: 2 });
    // byte 0x12345A → word 0x91A2D → row 0x12345, column 5
    expect(flash.transactions()[0]?.slice(1, 3)).toEqual([
      { type: 'send', phase: 'addr', bytes: [0x01, 0x23, 0x45], pads: 8, ddr: true },
      { type: 'send', phase: 'caddr', bytes: [0x00, 0x05], pads: 8, ddr: true },
    ]);
  });

  it('advances the virtual clock by the serial transfer time at the configured SCK', () => {
    const { bus, base, clock } = createFlexspiRig({ serialClockMhz: 100 });
    const t0 = clock.now();
    ipCommand(bus, base, { seqId: QSPI_SEQ.PAGE_PROGRAM, address: 0, tx: new Uint8Array(256) });
    // 8 (cmd) + 24 (addr) + 2048 (data) cycles on one pad at 100 MHz = 20.8 µs
    expect(clock.now() - t0).toBeCloseTo(2080 / 100_000, 9);
  });

  it('a TRG while a command is in flight is ignored', () => {
    const { bus, base, flash } = createFlexspiRig();
    bus.write32(base + R.IPCR1, (QSPI_SEQ.PAGE_PROGRAM << 16) | 8);
    bus.write32(base + R.IPCMD, 1);
    flash.clearRecord();
    bus.write32(base + R.IPCR1, QSPI_SEQ.WRITE_ENABLE << 16);
    bus.write32(base + R.IPCMD, 1);
    expect(flash.phases).toEqual([]);
    bus.write32(base + R.MCR0, bus.read32(base + R.MCR0) | MCR0.SWRESET); // drops it, releases CS
    expect(flash.phases).toEqual([{ type: 'deselect' }]);
    expect(bus.read32(base + R.STS0) & 3).toBe(3);
  });
});

describe('clock gate and pad mux (chip.flexspiBringUp)', () => {
  it('CCGR6 CG5 off → FlexSPI register and AHB accesses fault clock-gated', () => {
    const { bus, base, ahbBase, chip } = createFlexspiRig();
    const gate = chip.flexspiBringUp?.clockGate ?? { register: 0, shift: 0 };
    expect(gate).toEqual({ register: 0x400fc080, shift: 10 });
    bus.write32(gate.register, bus.read32(gate.register) & ~(3 << gate.shift));
    expect(() => bus.read32(base + R.MCR0)).toThrowError(BusFault);
    expect(() => bus.write32(base + R.IPCMD, 1)).toThrow(expect.objectContaining({ reason: 'clock-gated', address: base + R.IPCMD }));
    expect(() => bus.read32(ahbBase)).toThrow(expect.objectContaining({ reason: 'clock-gated' }));
    bus.write32(gate.register, bus.read32(gate.register) | (1 << gate.shift)); // 01: on in run mode
    expect(bus.read32(base + R.MCR0) & MCR0.MDIS).toBe(0);
  });

  it("with gatedRegisterAccess 'allow', an IP command issued with the gate off never completes", () => {
    const { bus, base, chip, flash } = createFlexspiRig({ gatedRegisterAccess: 'allow' });
    const gate = chip.flexspiBringUp?.clockGate ?? { register: 0, shift: 0 };
    bus.write32(gate.register, bus.read32(gate.register) & ~(3 << gate.shift));
    flash.clearRecord();
    const r = ipCommand(bus, base, { seqId: QSPI_SEQ.WRITE_ENABLE, address: 0, maxPolls: 100 });
    expect(r).toMatchObject({ status: 'timeout', waitingFor: 'done' });
    expect(flash.phases).toEqual([]);
  });

  it('pads not muxed to FlexSPI: the flash does not answer (reads 0xFF, programs do nothing)', () => {
    const { bus, base, chip, flash } = createFlexspiRig();
    const pad = chip.flexspiBringUp?.pads[3];
    bus.write32(pad?.muxRegister ?? 0, 5); // back to ALT5 GPIO
    flash.clearRecord();
    expect(hex(ipCommand(bus, base, { seqId: QSPI_SEQ.READ_ID, address: 0, rxBytes: 3 }).rx)).toBe('ff ff ff');
    expect(ipCommand(bus, base, { seqId: QSPI_SEQ.PAGE_PROGRAM, address: 0, tx: new Uint8Array(16) }).status).toBe('done');
    expect(flash.phases).toEqual([]);
    expect(flash.memory[0]).toBe(0xff);
  });
});
