import { describe, expect, it } from 'vitest';
import { FLEXSPI_REG as R } from '../flexspi/flexspi-registers.js';
import { VirtualClock } from '../time/virtual-clock.js';
import { createSimBoard } from './create-sim-board.js';
import { RawNorHost } from './testing/raw-nor-host.js';

const FLEXSPI = 0x402a_8000; // RT1050 (research/imxrt.md §1.1)
const CCGR6 = 0x400f_c080; // FlexSPI CG at bits 11:10 (chip database, research/cmsisdap.md §3.5)
const PAD_SCLK = 0x401f_81f0; // SW_MUX_CTL_PAD_GPIO_SD_B1_07 (chip database)

describe('createSimBoard', () => {
  it('defaults to an RT1052 with an IS25WP064A on FlexSPI A1, all erased', () => {
    const board = createSimBoard();
    expect(board.chip.id).toBe('rt1050');
    expect(board.part.id).toBe('is25wp064a');
    expect(board.peripherals.flexspi.base).toBe(FLEXSPI);
    expect(board.peripherals.flexspiInstances).toEqual([board.peripherals.flexspi]);
    expect(board.flash.peek(0, 4)).toEqual(Uint8Array.of(0xff, 0xff, 0xff, 0xff));
    expect(board.flash.part).toBe(board.part);
  });

  it('powers on like the hardware after reset (research/imxrt.md §1.2): gate on, pads GPIO, MDIS, 64 MiB, LUT unlocked', () => {
    const { bus } = createSimBoard();
    expect((bus.read32(CCGR6) >>> 10) & 3).toBe(3); // CCGR reset value: every gate on
    expect(bus.read32(PAD_SCLK)).toBe(5); // ALT5 (GPIO): the host must mux the pads
    expect(bus.read32(FLEXSPI + R.MCR0)).toBe(0xffff_80c2);
    expect(bus.read32(FLEXSPI + R.FLSHA1CR0)).toBe(0x0001_0000);
    expect(bus.read32(FLEXSPI + R.LUTCR)).toBe(2);
    expect(bus.read32(FLEXSPI + R.LUT0)).toBe(0);
  });

  it('latches the BOOT_MODE pins into SBMR2 and shows the fuses in the OCOTP shadows (research/imxrt.md §4.2)', () => {
    const internal = createSimBoard({ boot: 'internal', fuses: { 0x450: 0x10 } });
    expect(internal.bus.read32(0x400f_801c) >>> 24).toBe(2);
    expect(internal.bus.read32(0x401f_4450)).toBe(0x10);
    const sdp = createSimBoard({ boot: 'serial-downloader' });
    expect(sdp.bus.read32(0x400f_801c) >>> 24).toBe(1);
    expect(sdp.peripherals.src.bootMode).toBe(1);
    expect(createSimBoard({ boot: { bootMode: 0, sbmr1: 0x40 } }).bus.read32(0x400f_8004)).toBe(0x40);
  });

  it('starts the flash from flashContents and QE from qeSet', () => {
    const board = createSimBoard({ flashContents: Uint8Array.of(1, 2, 3), qeSet: true });
    expect(board.flash.peek(0, 4)).toEqual(Uint8Array.of(1, 2, 3, 0xff));
    expect(board.flash.exportState().statusRegisters[0]).toBe(0x40); // SR1 bit 6 = QE (IS25WP064A)
    expect(createSimBoard().flash.exportState().statusRegisters[0]).toBe(0); // factory: QE clear
  });

  it('maps SDRAM only when asked', () => {
    expect(() => createSimBoard().bus.read32(0x8000_0000)).toThrow(expect.objectContaining({ reason: 'unmapped' }));
    createSimBoard({ sdramBytes: 1 << 20 }).bus.write32(0x800f_fffc, 1);
  });

  it('memory.peek/poke reach RAM (and peek ROM) without bus side effects; elsewhere they refuse', () => {
    const board = createSimBoard();
    board.memory.poke(0x2020_0000, Uint8Array.of(0xde, 0xad));
    expect(board.bus.read16(0x2020_0000)).toBe(0xadde);
    board.bus.write32(0x2000_0010, 0x0403_0201);
    expect(board.memory.peek(0x2000_0010, 4)).toEqual(Uint8Array.of(1, 2, 3, 4));
    expect(new TextDecoder().decode(board.memory.peek(0x0020_0400, 13))).toBe('imxflash-sim ');
    expect(() => board.memory.poke(0x0020_0000, Uint8Array.of(1))).toThrow(RangeError);
    expect(() => board.memory.peek(0x402a_8000, 4)).toThrow(RangeError); // FlexSPI registers
    expect(() => board.memory.peek(0x2001_fffe, 4)).toThrow(/0x20020000/); // DTCM ends at 128 KiB
  });

  it('gives every call its own board: nothing is shared', () => {
    const a = createSimBoard();
    const b = createSimBoard();
    a.memory.poke(0x2020_0000, Uint8Array.of(7));
    a.faults.stretchBusy(3);
    const host = new RawNorHost(a);
    host.bringUp();
    host.programPage(0, Uint8Array.of(0x12));
    expect(b.memory.peek(0x2020_0000, 1)).toEqual(Uint8Array.of(0));
    expect(b.flash.peek(0, 1)).toEqual(Uint8Array.of(0xff));
    expect(b.flash.faults.busyScale).toBe(1);
    expect(b.bus.read32(PAD_SCLK)).toBe(5);
    expect(b.clock.now()).toBe(0);
    expect(a.flash.peek(0, 1)).toEqual(Uint8Array.of(0x12));
  });

  it('uses the clock it is given', () => {
    const clock = new VirtualClock();
    const board = createSimBoard({ clock });
    const host = new RawNorHost(board);
    host.bringUp();
    host.readJedecId();
    expect(board.clock).toBe(clock);
    expect(clock.now()).toBeGreaterThan(0);
  });

  describe('exportState / importState', () => {
    it('round-trips flash, status bits, fuses, boot pins and SDRAM size into a new board', () => {
      const first = createSimBoard({ chip: 'rt1052', boot: 'serial-downloader', fuses: { 0x450: 0x12, 0x6d0: 0x10 }, sdramBytes: 1 << 16, qeSet: true });
      const host = new RawNorHost(first);
      host.bringUp();
      host.programPage(0x1000, Uint8Array.of(0xa5, 0x5a));
      const state = first.exportState();
      const { flashArray, ...rest } = state;
      expect(flashArray.length).toBe(8 << 20);
      expect(rest).toEqual({
        formatVersion: 1, chipId: 'rt1050', partId: 'is25wp064a', statusRegisters: [0x40, 0],
        fuses: { 0x450: 0x12, 0x6d0: 0x10 }, boot: { bootMode: 1, sbmr1: 0, secConfig: 1, btFuseSel: false }, sdramBytes: 1 << 16,
      });

      const second = createSimBoard({ state });
      expect(second.chip.id).toBe('rt1050');
      expect(second.flash.peek(0x1000, 3)).toEqual(Uint8Array.of(0xa5, 0x5a, 0xff));
      expect(second.flash.exportState().statusRegisters).toEqual([0x40, 0]);
      expect(second.bus.read32(0x401f_4450)).toBe(0x12);
      expect(second.peripherals.src.bootMode).toBe(1);
      second.bus.write32(0x8000_fffc, 1); // SDRAM mapped
      expect(Buffer.compare(second.exportState().flashArray, state.flashArray)).toBe(0); // toEqual on 8 MiB takes minutes
    });

    it('hands the flash between boards copy-on-write: writes on either board reach neither the other nor the state', () => {
      const first = createSimBoard({ flashContents: Uint8Array.of(0x11, 0x22) });
      const state = first.exportState();
      const second = createSimBoard();
      second.importState(state);
      const third = createSimBoard({ state });
      const host = new RawNorHost(second);
      host.bringUp();
      host.programPage(0, Uint8Array.of(0x01));
      first.flash.array.program(1, Uint8Array.of(0x02));
      expect(first.flash.peek(0, 2)).toEqual(Uint8Array.of(0x11, 0x02));
      expect(second.flash.peek(0, 2)).toEqual(Uint8Array.of(0x01, 0x22));
      expect(third.flash.peek(0, 2)).toEqual(Uint8Array.of(0x11, 0x22));
      expect(state.flashArray.subarray(0, 2)).toEqual(Uint8Array.of(0x11, 0x22));
    });

    it('loads the bytes of a state whose flashArray was replaced or edited in place', () => {
      const state = createSimBoard({ flashContents: Uint8Array.of(0x11) }).exportState();
      const replaced = new Uint8Array(state.flashArray);
      replaced[1] = 0x33;
      expect(createSimBoard({ state: { ...state, flashArray: replaced } }).flash.peek(0, 2)).toEqual(Uint8Array.of(0x11, 0x33));
      state.flashArray[0] = 0x44; // read, then changed in place: the edit counts
      const board = createSimBoard();
      board.importState(state);
      expect(board.flash.peek(0, 2)).toEqual(Uint8Array.of(0x44, 0xff));
    });

    it('importState is a power-on with the saved state: registers, pads and RAM back to reset', () => {
      const board = createSimBoard();
      const host = new RawNorHost(board);
      host.bringUp();
      board.memory.poke(0x2020_0000, Uint8Array.of(9));
      const saved = createSimBoard({ fuses: { 0x450: 1 }, boot: 'serial-downloader', flashContents: Uint8Array.of(0x42), sdramBytes: 4096 }).exportState();
      board.importState(saved);
      expect(board.bus.read32(PAD_SCLK)).toBe(5);
      expect(board.bus.read32(FLEXSPI + R.MCR0)).toBe(0xffff_80c2);
      expect(board.peripherals.flexspi.isLutLocked).toBe(false);
      expect(board.memory.peek(0x2020_0000, 1)).toEqual(Uint8Array.of(0));
      expect(board.flash.peek(0, 2)).toEqual(Uint8Array.of(0x42, 0xff));
      expect(board.bus.read32(0x401f_4450)).toBe(1);
      expect(board.peripherals.src.bootMode).toBe(1);
      expect(board.exportState().sdramBytes).toBe(4096);
      board.importState(createSimBoard().exportState());
      expect(board.bus.read32(0x401f_4450)).toBe(0);
      expect(() => board.bus.read32(0x8000_0000)).toThrow(expect.objectContaining({ reason: 'unmapped' }));
    });

    it('refuses a state for another chip or part (SIM_STATE_MISMATCH) and one that does not fit (SIM_STATE_INVALID)', () => {
      const state = createSimBoard().exportState();
      expect(() => createSimBoard({ chip: 'rt1062', state })).toThrow(expect.objectContaining({ code: 'SIM_STATE_MISMATCH' }));
      expect(() => createSimBoard({ flash: 'w25q64jv', state })).toThrow(expect.objectContaining({ code: 'SIM_STATE_MISMATCH' }));
      expect(() => createSimBoard({ chip: 'rt1062' }).importState(state)).toThrow(expect.objectContaining({ code: 'SIM_STATE_MISMATCH' }));
      expect(() => createSimBoard({ state: { ...state, flashArray: new Uint8Array(16) } })).toThrow(expect.objectContaining({ code: 'SIM_STATE_INVALID' }));
      expect(() => createSimBoard({ state: { ...state, statusRegisters: [0] } })).toThrow(expect.objectContaining({ code: 'SIM_STATE_INVALID' }));
    });

    it('takes flashContents and qeSet only for a fresh part', () => {
      const state = createSimBoard().exportState();
      expect(() => createSimBoard({ state, qeSet: true })).toThrow(RangeError);
      expect(() => createSimBoard({ state, flashContents: Uint8Array.of(1) })).toThrow(RangeError);
    });
  });

  it('builds a HyperFlash board too', () => {
    const board = createSimBoard({ flash: 's26ks512s' });
    expect(board.part.interface).toBe('hyperflash');
    expect(board.exportState().statusRegisters).toEqual([]);
  });
});
