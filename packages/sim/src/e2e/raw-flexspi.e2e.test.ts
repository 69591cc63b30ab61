import { describe, expect, it } from 'vitest';
import { createSimBoard, type SimBoard } from '../board/create-sim-board.js';
import { RAW_NOR_SEQ, RawNorHost, rawNorLut } from '../board/testing/raw-nor-host.js';
import { FLEXSPI_REG as R, INTR, LUT_KEY, LUTCR, MCR0, STS0 } from '../flexspi/flexspi-registers.js';
import { ipCommand } from '../flexspi/testing/raw-flexspi.js';

/**
 * The virtual board driven the way a debugger-based host drives the real one: 32-bit register
 * accesses on the system bus, no driver (research/imxrt.md §1.5, cmsisdap.md §3.5). Checks the
 * IS25WP064A behind FlexSPI end to end: ID, QE, erase, program across the FIFO watermark, IP and
 * AHB read-back (stale until SWRESET), and what the flash cells hold afterwards.
 */

const MiB = 1 << 20;
const FLASH_BYTES = 8 * MiB;
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0; // toEqual on MiBs takes minutes

/** A recognisable, non-blank starting image for the first 256 KiB, so erases are visible. */
function startImage(): Uint8Array {
  const image = new Uint8Array(256 * 1024);
  for (let i = 0; i < image.length; i++) image[i] = (i * 7 + 3) & 0x7f;
  return image;
}

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (Math.imul(i + seed, 0x9e37_79b1) >>> 24) & 0xff);
}

/**
 * The host's bring-up, register by register: clock gate and pad mux from the chip database, then
 * the controller with MDIS set while it is configured, FLSHA1CR0 = 8 MiB, the LUT (unlock, load,
 * lock) and the FIFO watermarks. Returns the FlexSPI register base.
 */
function bringUpByHand(board: SimBoard): number {
  const { bus, chip } = board;
  const bringUp = chip.flexspiBringUp;
  if (bringUp === undefined) throw new Error('rt1052 has FlexSPI bring-up facts');
  const base = board.peripherals.flexspi.base;

  // CCM: the FlexSPI CG field to 11 (on in run and wait); IOMUXC: port-A pads to their FlexSPI alt.
  const { register, shift } = bringUp.clockGate;
  bus.write32(register, (bus.read32(register) | (3 << shift)) >>> 0);
  for (const pad of bringUp.pads) bus.write32(pad.muxRegister, pad.alt);

  // MDIS stays set (its reset value) while the flash ports are configured (§1.6).
  expect(bus.read32(base + R.MCR0) & MCR0.MDIS).toBe(MCR0.MDIS);
  bus.write32(base + R.FLSHA1CR0, FLASH_BYTES / 1024);
  for (let port = 1; port < 4; port++) bus.write32(base + R.FLSHA1CR0 + 4 * port, 0);
  bus.write32(base + R.FLSHA1CR2, (9 << 8) >>> 0); // ARDSEQID 0 (AHB reads), AWRSEQID 9 (as the ROM)
  bus.write32(base + R.MCR0, (bus.read32(base + R.MCR0) & ~MCR0.MDIS) >>> 0);
  bus.write32(base + R.MCR0, bus.read32(base + R.MCR0) | MCR0.SWRESET);
  while ((bus.read32(base + R.MCR0) & MCR0.SWRESET) !== 0);

  // LUT: key + unlock, 64 words, key + lock (research §1.2 LUTKEY/LUTCR).
  const lut = rawNorLut();
  bus.write32(base + R.LUTKEY, LUT_KEY);
  bus.write32(base + R.LUTCR, LUTCR.UNLOCK);
  lut.forEach((word, i) => bus.write32(base + R.LUT0 + 4 * i, word));
  bus.write32(base + R.LUTKEY, LUT_KEY);
  bus.write32(base + R.LUTCR, LUTCR.LOCK);
  expect(bus.read32(base + R.LUTCR)).toBe(LUTCR.LOCK);
  bus.write32(base + R.LUT0, 0); // locked: ignored
  expect(bus.read32(base + R.LUT0)).toBe(lut[0]);

  // Watermarks: 64 bytes (TXWMRK = RXWMRK = 7, BL's half-FIFO choice, §1.5 step 6).
  bus.write32(base + R.IPTXFCR, 7 << 2);
  bus.write32(base + R.IPRXFCR, 7 << 2);
  return base;
}

describe('raw FlexSPI register access on the virtual board (research/imxrt.md §1.5)', () => {
  it('the flash does not answer until the host has brought FlexSPI up', () => {
    const board = createSimBoard();
    const base = board.peripherals.flexspi.base;
    // MCR0.MDIS is set at reset: a triggered command never completes.
    expect(ipCommand(board.bus, base, { seqId: RAW_NOR_SEQ.READ_ID, address: 0, rxBytes: 3, maxPolls: 50 })).toMatchObject({ status: 'timeout' });
    // Module enabled and the LUT loaded, but the pads still at their reset mux (GPIO): undriven lines.
    board.bus.write32(base + R.MCR0, board.bus.read32(base + R.MCR0) & ~MCR0.MDIS);
    board.bus.write32(base + R.LUTKEY, LUT_KEY);
    board.bus.write32(base + R.LUTCR, LUTCR.UNLOCK);
    rawNorLut().forEach((word, i) => board.bus.write32(base + R.LUT0 + 4 * i, word));
    expect(ipCommand(board.bus, base, { seqId: RAW_NOR_SEQ.READ_ID, address: 0, rxBytes: 3 })).toEqual({ status: 'done', rx: Uint8Array.of(0xff, 0xff, 0xff) });
  });

  it('reads the JEDEC ID 9D 70 17 with a hand-written IP command (steps 1–11)', () => {
    const board = createSimBoard();
    const { bus } = board;
    const base = bringUpByHand(board);
    const idle = STS0.SEQIDLE | STS0.ARBIDLE;
    expect(bus.read32(base + R.STS0) & idle).toBe(idle); // 1. idle
    bus.write32(base + R.FLSHA1CR2, bus.read32(base + R.FLSHA1CR2) | 0x8000_0000); // 2. CLRINSTRPTR
    bus.write32(base + R.INTR, 0x1f); // 3. clear stale status
    bus.write32(base + R.IPCR0, 0); // 4. SFAR
    bus.write32(base + R.IPCR1, 3 | (RAW_NOR_SEQ.READ_ID << 16)); // 5. IDATSZ 3, ISEQID, ISEQNUM 0
    bus.write32(base + R.IPRXFCR, (7 << 2) | 1); // 6. clear the RX FIFO, keep the watermark
    bus.write32(base + R.IPCMD, 1); // 7. TRG
    expect(bus.read32(base + R.IPRXFSTS) & 0xff).toBe(1); // 9. one 64-bit entry holds the 3 bytes
    expect(bus.read32(base + R.RFDR0) & 0xff_ffff).toBe(0x17_709d); // little-endian: 9D 70 17
    bus.write32(base + R.INTR, INTR.IPRXWA); // pop
    const intr = bus.read32(base + R.INTR);
    expect(intr & INTR.IPCMDDONE).toBe(INTR.IPCMDDONE); // 10. done
    expect(intr & INTR.IPCMDERR).toBe(0); // 11. no error
    bus.write32(base + R.INTR, INTR.IPCMDDONE);
    expect(new RawNorHost(board).readJedecId()).toEqual(Uint8Array.of(0x9d, 0x70, 0x17));
  });

  it('sets QE, erases a sector and a block, programs pages across the FIFO watermark, reads back by IP and AHB', () => {
    const initial = startImage();
    const board = createSimBoard({ flashContents: initial });
    const { bus, clock } = board;
    const base = bringUpByHand(board);
    const host = new RawNorHost(board); // the same raw register sequence (ipCommand), repeated
    const ahb = host.ahbBase;
    const expected = new Uint8Array(FLASH_BYTES).fill(0xff);
    expected.set(initial);

    expect(host.readJedecId()).toEqual(Uint8Array.of(0x9d, 0x70, 0x17));

    // QE: clear from the factory, so the 1-4-4 read in LUT seq 0 (the AHB read) is misread.
    expect(host.readStatus()).toBe(0);
    expect(same(bus.readBlock(ahb, 64), initial.subarray(0, 64))).toBe(false);
    host.writeStatus(0x40); // WREN, WRSR 0x40 (SR1 bit 6), wait for WIP
    expect(host.readStatus()).toBe(0x40);
    host.flushAhb(); // the misread line is still in the AHB buffers until SWRESET
    expect(same(bus.readBlock(ahb, 64), initial.subarray(0, 64))).toBe(true);

    // Erase the 4 KiB sector at 0x1000 and the 64 KiB block at 0x10000; time passes as the part works.
    let t = clock.now();
    host.eraseSector(0x1000);
    expect(clock.now() - t).toBeGreaterThanOrEqual(45); // typ 4 KiB erase (research/imxrt.md §2.4)
    t = clock.now();
    host.eraseBlock(0x1_0000);
    expect(clock.now() - t).toBeGreaterThanOrEqual(150); // typ 64 KiB erase
    expected.fill(0xff, 0x1000, 0x2000);
    expected.fill(0xff, 0x1_0000, 0x2_0000);
    expect(board.flash.peek(0x0fff, 2)).toEqual(Uint8Array.of(initial[0x0fff] as number, 0xff));
    expect(board.flash.peek(0x1fff, 2)).toEqual(Uint8Array.of(0xff, initial[0x2000] as number));

    // The AHB buffers keep what they read before a program: load the line at 0x1000 (erased) now.
    host.flushAhb();
    expect(bus.readBlock(ahb + 0x1000, 256)).toEqual(new Uint8Array(256).fill(0xff));

    // Pages of 256 B through a 128 B FIFO: pushed in watermark blocks while the sequence runs.
    const pages: [address: number, data: Uint8Array, watermarkBytes: number, prefill: boolean][] = [
      [0x1000, bytes(256, 1), 64, false], // SDK order (TRG first), 4 pushes of 64 B
      [0x1100, bytes(256, 2), 128, false], // 2 pushes that each fill the whole FIFO
      [0x1200, bytes(256, 3), 64, true], // BL order: first block before TRG
      [0x1305, bytes(13, 4), 64, false], // partial page, odd length: zero-padded last TFDR word
      [0x1_0100, bytes(256, 5), 8, false], // 32 pushes of 8 B
    ];
    for (const [address, data, watermarkBytes, prefillTx] of pages) {
      host.writeEnable();
      const r = ipCommand(bus, base, { seqId: RAW_NOR_SEQ.PAGE_PROGRAM, address, tx: data, watermarkBytes, prefillTx });
      expect(r).toEqual({ status: 'done', rx: new Uint8Array(0) });
      expect(host.waitReady(0.05)).toBeGreaterThan(1); // busy for typ 0.2 ms after the command
      expected.set(data, address);
    }

    // AHB: stale before MCR0.SWRESET, current after it.
    expect(bus.readBlock(ahb + 0x1000, 256)).toEqual(new Uint8Array(256).fill(0xff));
    host.flushAhb();
    expect(bus.readBlock(ahb + 0x1000, 0x400)).toEqual(expected.subarray(0x1000, 0x1400));
    expect(bus.read32(ahb + 0x1_0100)).toBe(new DataView(expected.buffer).getUint32(0x1_0100, true));

    // IP reads: FAST_READ 1-1-1 and the 1-4-4 quad read of seq 0, several FIFO fills each.
    expect(host.read(0x0f00, 0x600)).toEqual(expected.subarray(0x0f00, 0x1500));
    expect(host.command({ seqId: RAW_NOR_SEQ.READ, address: 0x1_00f0, rxBytes: 0x130 })).toEqual(expected.subarray(0x1_00f0, 0x1_0220));

    // The cells: what was written, and nothing else touched.
    expect(same(board.flash.peek(0, FLASH_BYTES), expected)).toBe(true);
  });

  it('chip erase through the LUT clears the whole part (25 s modelled)', () => {
    const board = createSimBoard({ flashContents: startImage() });
    const host = new RawNorHost(board, { erasePollMs: 100 });
    host.bringUp();
    host.chipErase();
    expect(board.clock.now()).toBeGreaterThanOrEqual(25_000);
    expect(same(board.flash.peek(0, FLASH_BYTES), new Uint8Array(FLASH_BYTES).fill(0xff))).toBe(true);
  });

  describe('what a host gets wrong', () => {
    it('clock gate off: FlexSPI register access is a bus fault (default board)', () => {
      const board = createSimBoard({ flashContents: Uint8Array.of(0x11) });
      const host = new RawNorHost(board);
      host.bringUp();
      const { register, shift } = board.chip.flexspiBringUp!.clockGate;
      board.bus.write32(register, (board.bus.read32(register) & ~(3 << shift)) >>> 0);
      expect(() => host.eraseSector(0)).toThrow(expect.objectContaining({ name: 'BusFault', reason: 'clock-gated' }));
      expect(() => board.bus.read32(host.ahbBase)).toThrow(expect.objectContaining({ reason: 'clock-gated' }));
      expect(board.flash.peek(0, 1)).toEqual(Uint8Array.of(0x11));
    });

    it('clock gate off, registers answering (gatedRegisterAccess allow): the command never completes', () => {
      const board = createSimBoard({ gatedRegisterAccess: 'allow' });
      const host = new RawNorHost(board);
      host.bringUp();
      const { register, shift } = board.chip.flexspiBringUp!.clockGate;
      const gate = board.bus.read32(register);
      board.bus.write32(register, (gate & ~(3 << shift)) >>> 0);
      const wren = ipCommand(board.bus, host.base, { seqId: RAW_NOR_SEQ.WRITE_ENABLE, address: 0, maxPolls: 100 });
      expect(wren).toMatchObject({ status: 'timeout', waitingFor: 'done' });
      expect(board.bus.read32(host.base + R.INTR) & INTR.IPCMDDONE).toBe(0);
      board.bus.write32(register, gate);
      expect(host.readStatus() & 0x02).toBe(0); // WEL clear: the WREN never reached the part
    });

    it('FLSHA1CR0 = 0: IPCMDERR with STS1.IPCMDERRCODE 6, and nothing reaches the flash', () => {
      const board = createSimBoard({ flashContents: Uint8Array.of(0x22) });
      const host = new RawNorHost(board);
      host.bringUp();
      const { bus } = board;
      const base = host.base;
      bus.write32(base + R.FLSHA1CR0, 0);
      expect(ipCommand(bus, base, { seqId: RAW_NOR_SEQ.READ_ID, address: 0, rxBytes: 3 })).toMatchObject({ status: 'error', errorCode: 6, errorSeqId: RAW_NOR_SEQ.READ_ID });

      // By hand: the error shows in INTR and STS1 until INTR.IPCMDERR is written with 1.
      bus.write32(base + R.INTR, 0x1f);
      bus.write32(base + R.IPCR0, 0);
      bus.write32(base + R.IPCR1, RAW_NOR_SEQ.ERASE_SECTOR << 16);
      bus.write32(base + R.IPCMD, 1);
      expect(bus.read32(base + R.INTR) & (INTR.IPCMDERR | INTR.IPCMDDONE)).toBe(INTR.IPCMDERR | INTR.IPCMDDONE);
      expect(bus.read32(base + R.STS1)).toBe(((6 << 24) | (RAW_NOR_SEQ.ERASE_SECTOR << 16)) >>> 0);
      bus.write32(base + R.INTR, INTR.IPCMDERR);
      expect(bus.read32(base + R.STS1) & 0x0f0f_0000).toBe(0);
      expect(board.flash.peek(0, 1)).toEqual(Uint8Array.of(0x22));

      // An address beyond FLSHA1CR0 is the same error.
      bus.write32(base + R.FLSHA1CR0, FLASH_BYTES / 1024);
      expect(ipCommand(bus, base, { seqId: RAW_NOR_SEQ.FAST_READ, address: FLASH_BYTES - 2, rxBytes: 4 })).toMatchObject({ status: 'error', errorCode: 6 });
    });
  });
});
