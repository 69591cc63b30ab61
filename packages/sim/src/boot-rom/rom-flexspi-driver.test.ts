import { describe, expect, it } from 'vitest';
import { createSimBoard, type SimBoard } from '../board/create-sim-board.js';
import { FLEXSPI_REG as R } from '../flexspi/flexspi-registers.js';
import { RomFlexspiDriver } from './rom-flexspi-driver.js';
import { setUpSafe, type RomFlexspiTarget } from './rom-flexspi-setup.js';
import { safeReadSetup } from './safe-read-lut.js';

// The ROM's register-level driver against the board's FlexSPI controller model
// (research/imxrt.md §1.5 IP command sequence, §5 step 2 safe read).

const BASE = 0x402a_8000; // RT1050 FLEXSPI (research/imxrt.md §1.1)

function target(board: SimBoard): RomFlexspiTarget {
  return {
    driver: new RomFlexspiDriver(board.bus, BASE),
    setSerialClockMhz: (mhz) => {
      board.peripherals.flexspi.serialClockMhz = mhz;
    },
  };
}

function contents(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 7 + 3) & 0xff);
}

describe('setUpSafe + RomFlexspiDriver on the board', () => {
  it('muxes the pads, clears MDIS, loads and locks the 0x03 read; an IP read of 512 bytes returns the flash bytes', () => {
    const board = createSimBoard({ flashContents: contents(4096) });
    expect(board.peripherals.iomuxc?.flexspiPinsMuxed()).toBe(false);
    const t = target(board);
    expect(setUpSafe(board.bus, board.chip, t, safeReadSetup('qspi-3b')!)).toBeUndefined();
    expect(board.peripherals.iomuxc?.flexspiPinsMuxed()).toBe(true);
    expect(board.peripherals.flexspi.isLutLocked).toBe(true);
    expect(Array.from(board.peripherals.flexspi.peekLut().subarray(0, 2))).toEqual([0x0818_0403, 0x0000_2404]);
    expect(board.peripherals.flexspi.serialClockMhz).toBe(30);
    const r = t.driver.readData(0, 1, 0x100, 512);
    expect(r).toEqual({ ok: true, rx: contents(4096).subarray(0x100, 0x300) });
  });

  it('an IP read before set-up never completes (MDIS set at reset)', () => {
    const board = createSimBoard({ flashContents: contents(16) });
    const r = new RomFlexspiDriver(board.bus, BASE).readData(0, 1, 0, 8);
    expect(r).toEqual({ ok: false, reason: 'IP read (8 bytes) stalled after 0 bytes' });
  });

  it('reports IP command errors with STS1 code and sequence', () => {
    const board = createSimBoard();
    const t = target(board);
    setUpSafe(board.bus, board.chip, t, safeReadSetup('qspi-3b')!);
    t.driver.write(R.FLSHA1CR0, 0);
    expect(t.driver.readData(0, 1, 0, 4)).toEqual({ ok: false, reason: 'IP command error code 0x6 (address beyond the flash size (FLSHxCR0)) in sequence 0' });
  });

  it('command + config transfers: WREN then WRSR with the 4-byte arg sets QE on the IS25WP064A', () => {
    const board = createSimBoard({ qeSet: false });
    const t = target(board);
    setUpSafe(board.bus, board.chip, t, safeReadSetup('qspi-3b')!);
    // LUT words from research/imxrt.md §3.3: WREN 0x00000406, WRSR 1 byte 0x20010401, RDSR 0x24040405.
    expect(t.driver.updateLut(1, [0x0000_0406, 0, 0, 0, 0x2001_0401, 0, 0, 0, 0x2404_0405, 0, 0, 0])).toBe(true);
    expect(t.driver.command(1, 1, 0)).toEqual({ ok: true, rx: new Uint8Array(0) });
    expect(t.driver.config(2, 1, 0, 0x40, 4)).toMatchObject({ ok: true });
    expect(t.driver.readData(3, 1, 0, 1)).toEqual({ ok: true, rx: Uint8Array.of(0x43) }); // QE | WEL | WIP while writing
    board.clock.advance(board.part.timing.writeStatusMs.typ);
    expect(t.driver.readData(3, 1, 0, 1)).toEqual({ ok: true, rx: Uint8Array.of(0x40) });
    expect((board.flash.exportState().statusRegisters[0] as number) & 0x40).toBe(0x40);
  });

  it('a LUT update is written only after LUTKEY + unlock, and left locked', () => {
    const board = createSimBoard();
    const t = target(board);
    setUpSafe(board.bus, board.chip, t, safeReadSetup('qspi-3b')!);
    board.bus.write32(BASE + R.LUT0 + 16, 0x1234); // locked: ignored
    expect(board.peripherals.flexspi.peekLut()[4]).toBe(0);
    t.driver.updateLut(1, [0x0000_0406]);
    expect(board.peripherals.flexspi.peekLut()[4]).toBe(0x406);
    expect(board.peripherals.flexspi.isLutLocked).toBe(true);
  });

  it('the HyperFlash safe read (DDR 8-pad 0xA0, word addressed) reads the S26KS512S model', () => {
    const board = createSimBoard({ flash: 's26ks512s', flashContents: contents(1024) });
    const t = target(board);
    expect(setUpSafe(board.bus, board.chip, t, safeReadSetup('hyperflash-1v8')!)).toBeUndefined();
    expect(t.driver.readData(0, 1, 0, 512)).toEqual({ ok: true, rx: contents(1024).subarray(0, 512) });
  });

  it('has no safe read for octal and reserved flash types', () => {
    expect(safeReadSetup('octal-mxic')).toBeUndefined();
    expect(safeReadSetup('reserved')).toBeUndefined();
    expect(safeReadSetup('qspi-4b')?.lut.slice(0, 2)).toEqual([0x0820_0413, 0x0000_2404]);
  });
});
