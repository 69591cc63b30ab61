import { describe, expect, it } from 'vitest';
import { FLEXSPI_REG as R, INTR, MCR0 } from './flexspi-registers.js';
import { LUT_OPCODE as OP, lutInstruction as I, lutSequenceWords } from './lut-decoder.js';
import { createFlexspiRig } from './testing/flexspi-rig.js';
import { QSPI_SEQ } from './testing/qspi-test-lut.js';
import { ipCommand, writeLut } from './testing/raw-flexspi.js';

describe('FlexSPI AHB window (research/imxrt.md §1.1, §1.2, §1.5 step 13)', () => {
  it('reads through LUT sequence 0 with a whole-line prefetch (AHBRXBUF BUFSZ 0x20 = 256 bytes)', () => {
    const { bus, ahbBase, flash } = createFlexspiRig();
    flash.memory.set([0x78, 0x56, 0x34, 0x12], 0x1234);
    flash.clearRecord();
    expect(bus.read32(ahbBase + 0x1234)).toBe(0x12345678);
    expect(bus.read8(ahbBase + 0x1235)).toBe(0x56);
    expect(bus.read16(ahbBase + 0x1235)).toBe(0x3456); // unaligned: normal memory
    expect(flash.transactions()).toEqual([[
      { type: 'send', phase: 'cmd', bytes: [0xeb], pads: 1, ddr: false },
      { type: 'send', phase: 'addr', bytes: [0x00, 0x12, 0x00], pads: 4, ddr: false },
      { type: 'dummy', cycles: 6, pads: 4, ddr: false },
      { type: 'receive', count: 256, pads: 4, ddr: false },
    ]]);
  });

  it('follows FLSHA1CR2.ARDSEQID', () => {
    const { bus, base, ahbBase, flash } = createFlexspiRig();
    bus.write32(base + R.FLSHA1CR2, QSPI_SEQ.FAST_READ);
    flash.clearRecord();
    bus.read8(ahbBase);
    expect(flash.transactions()[0]?.[0]).toEqual({ type: 'send', phase: 'cmd', bytes: [0x0b], pads: 1, ddr: false });
  });

  it('returns stale data after an IP program until MCR0.SWRESET flushes the AHB buffers', () => {
    const { bus, base, ahbBase } = createFlexspiRig();
    expect(bus.read32(ahbBase + 0x2000)).toBe(0xffffffff);
    ipCommand(bus, base, { seqId: QSPI_SEQ.WRITE_ENABLE, address: 0 });
    ipCommand(bus, base, { seqId: QSPI_SEQ.PAGE_PROGRAM, address: 0x2000, tx: Uint8Array.of(0xef, 0xbe, 0xad, 0xde) });
    expect(bus.read32(ahbBase + 0x2000)).toBe(0xffffffff);
    bus.write32(base + R.MCR0, bus.read32(base + R.MCR0) | MCR0.SWRESET);
    expect(bus.read32(ahbBase + 0x2000)).toBe(0xdeadbeef);
  });

  it('block reads go line by line; after an erase only evicted lines read fresh', () => {
    const { bus, base, ahbBase, flash } = createFlexspiRig();
    const data = Uint8Array.from({ length: 1200 }, (_, i) => (i * 31) & 0xff);
    flash.memory.set(data, 0x10_0010);
    expect(bus.readBlock(ahbBase + 0x10_0010, 1200)).toEqual(data);
    ipCommand(bus, base, { seqId: QSPI_SEQ.ERASE_SECTOR, address: 0x10_0000 });
    // 4 buffers of 256 bytes hold the last 4 lines fetched (0x100100..0x1004FF); 0x100000 was evicted.
    expect(bus.readBlock(ahbBase + 0x10_0400, 16)).toEqual(data.subarray(0x3f0, 0x400));
    expect(bus.readBlock(ahbBase + 0x10_0010, 16)).toEqual(new Uint8Array(16).fill(0xff));
  });

  it('faults device-error beyond FLSHA1CR0 and while MDIS=1', () => {
    const { bus, base, ahbBase } = createFlexspiRig();
    expect(() => bus.read32(ahbBase + (8 << 20))).toThrow(expect.objectContaining({ reason: 'device-error' }));
    bus.write32(base + R.MCR0, bus.read32(base + R.MCR0) | MCR0.MDIS);
    expect(() => bus.read32(ahbBase)).toThrow(expect.objectContaining({ reason: 'device-error' }));
  });

  it('faults with AHBBUSTIMEOUT while an IP command holds the arbiter', () => {
    const { bus, base, ahbBase } = createFlexspiRig();
    bus.write32(base + R.IPCR1, (QSPI_SEQ.PAGE_PROGRAM << 16) | 8);
    bus.write32(base + R.IPCMD, 1);
    expect(() => bus.read32(ahbBase + 0x8000)).toThrow(expect.objectContaining({ reason: 'device-error' }));
    expect(bus.read32(base + R.INTR) & INTR.AHBBUSTIMEOUT).toBe(INTR.AHBBUSTIMEOUT);
  });

  it('an unknown opcode in the read sequence → AHBCMDERR, STS1 AHB code 3, bus error', () => {
    const { bus, base, ahbBase } = createFlexspiRig();
    writeLut(bus, base, 0, lutSequenceWords([I(0x15, 1, 0)]));
    expect(() => bus.read32(ahbBase)).toThrow(expect.objectContaining({ reason: 'device-error' }));
    expect(bus.read32(base + R.INTR) & INTR.AHBCMDERR).toBe(INTR.AHBCMDERR);
    expect(bus.read32(base + R.STS1) & 0xf0f).toBe(0x300);
    bus.write32(base + R.INTR, INTR.AHBCMDERR);
    expect(bus.read32(base + R.STS1)).toBe(0);
  });

  it('an AHB write runs AWRSEQID (the stray-write gotcha) with the written bytes as WRITE data', () => {
    const { bus, base, ahbBase, flash } = createFlexspiRig();
    bus.write32(base + R.FLSHA1CR2, QSPI_SEQ.PAGE_PROGRAM << 8);
    flash.clearRecord();
    bus.write32(ahbBase + 0x40, 0x44332211);
    expect(flash.transactions()).toEqual([[
      { type: 'send', phase: 'cmd', bytes: [0x02], pads: 1, ddr: false },
      { type: 'send', phase: 'addr', bytes: [0, 0, 0x40], pads: 1, ddr: false },
      { type: 'send', phase: 'data', bytes: [0x11, 0x22, 0x33, 0x44], pads: 1, ddr: false },
    ]]);
    writeLut(bus, base, QSPI_SEQ.PAGE_PROGRAM, lutSequenceWords([I(OP.STOP, 1, 0)]));
    flash.clearRecord();
    bus.write8(ahbBase + 0x80, 0);
    expect(flash.transactions()).toEqual([[]]); // a STOP-only write sequence: CS pulse, nothing sent
  });

  it('an AHB miss advances the virtual clock by the line transfer time', () => {
    const { bus, ahbBase, clock } = createFlexspiRig();
    const t0 = clock.now();
    bus.read8(ahbBase);
    // 8 + 24/4 + 6 + 256×8/4 = 532 cycles at 30 MHz
    expect(clock.now() - t0).toBeCloseTo(532 / 30_000, 9);
    bus.read8(ahbBase + 1);
    expect(clock.now() - t0).toBeCloseTo(532 / 30_000, 9);
  });
});
