import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildBootImage, findChip, findFlashPart, MemoryImage, parseFirmware, type FcbOptions } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { createSimBoard, type SimBoardOptions } from '../board/create-sim-board.js';
import { formatVerdict, type BootVerdict } from './boot-verdict.js';
import { runBootRom } from './run-boot-rom.js';

// Inputs come from core's image builder (tests only; the ROM model itself never imports core's
// codecs) and the committed blinky example (examples/blinky/out/README.md: vector tables at
// 0x20002000 / 0x60002000 / 0x2020A000, boot_data.size 0x210C).

const chip = findChip('rt1052');
const qspi = findFlashPart('is25wp064a');
type Variant = 'ram' | 'xip' | 'ocram';

function app(variant: Variant): MemoryImage {
  const file = fileURLToPath(new URL(`../../../../examples/blinky/out/blinky-${variant}.hex`, import.meta.url));
  return parseFirmware(readFileSync(file), file);
}

function image(variant: Variant, options: { fcbOptions?: FcbOptions; dcd?: Uint8Array; part?: string } = {}): Uint8Array {
  const part = options.part === undefined ? qspi : findFlashPart(options.part);
  return buildBootImage(app(variant), {
    chip,
    part,
    ...(options.fcbOptions !== undefined ? { fcbOptions: options.fcbOptions } : {}),
    ...(options.dcd !== undefined ? { dcd: options.dcd } : {}),
  }).bytes;
}

function boot(flashContents: Uint8Array, options: SimBoardOptions = {}): { verdict: BootVerdict; board: ReturnType<typeof createSimBoard> } {
  const board = createSimBoard({ flashContents, ...options });
  return { verdict: runBootRom(board), board };
}

function u32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(offset, true);
}

function patched(bytes: Uint8Array, patches: Record<number, number>): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  for (const [offset, value] of Object.entries(patches)) view.setUint32(Number(offset), value, true);
  return out;
}

/** The reason of a serial-downloader verdict, or a failure naming the unexpected verdict. */
function failed(verdict: BootVerdict): { stage: string; reason: string; line: string } {
  if (verdict.verdict !== 'serial-downloader') throw new Error(`expected a fallback, got: ${formatVerdict(verdict)}`);
  return { stage: verdict.stage, reason: verdict.reason, line: formatVerdict(verdict) };
}

const IVT = 0x1000;
const BOOT_DATA = 0x1020;

describe('runBootRom: blinky images built by core (QE set by the FCB)', () => {
  it('RAM (DTCM) image: copies 0x210C bytes from flash offset 0 to 0x20000000 and enters the reset handler', () => {
    const bytes = image('ram');
    const vectorTable = app('ram').slice(0x2000_2000, 0x2000_2008).toBinary(0x2000_2000, 0x2000_2008);
    const resetHandler = u32(vectorTable, 4);
    expect(resetHandler).toBe(0x2000_2043);
    const { verdict, board } = boot(bytes);
    expect(verdict).toMatchObject({ verdict: 'booted', xip: false, imageStart: 0x2000_0000, entry: resetHandler, pc: resetHandler });
    expect(verdict.verdict === 'booted' && verdict.copied).toEqual({ from: 0, to: 0x2000_0000, bytes: 0x210c });
    expect(formatVerdict(verdict)).toBe('booted: copied 0x210C bytes to 0x20000000, entry 0x20002043');
    expect(board.memory.peek(0x2000_0000, 0x210c)).toEqual(bytes.subarray(0, 0x210c));
    expect(board.memory.peek(0x2000_210c, 4)).toEqual(new Uint8Array(4)); // nothing beyond boot_data.size
    expect(board.memory.peek(0x2000_2000, 8)).toEqual(vectorTable);
  });

  it('XIP image: boots in place, entry in the FlexSPI window, nothing copied', () => {
    const { verdict, board } = boot(image('xip'));
    expect(verdict).toMatchObject({ verdict: 'booted', xip: true, imageStart: 0x6000_0000, entry: 0x6000_2043, pc: 0x6000_2043 });
    expect(formatVerdict(verdict)).toBe('booted: XIP from 0x60000000, entry 0x60002043');
    expect(board.memory.peek(0x2000_0000, 16)).toEqual(new Uint8Array(16));
  });

  it('OCRAM image: copies to 0x20208000 (clear of the ROM RAM) and enters 0x2020A043', () => {
    const bytes = image('ocram');
    const { verdict, board } = boot(bytes);
    expect(formatVerdict(verdict)).toBe('booted: copied 0x210C bytes to 0x20208000, entry 0x2020A043');
    expect(board.memory.peek(0x2020_8000, 0x210c)).toEqual(bytes.subarray(0, 0x210c));
  });

  it('leaves the FlexSPI as the ROM does: LUT locked, sequence 0 from the FCB, XIP reads the app', () => {
    const bytes = image('xip');
    const { board } = boot(bytes);
    const flexspi = board.peripherals.flexspi;
    expect(flexspi.isLutLocked).toBe(true);
    expect(Array.from(flexspi.peekLut().subarray(0, 2))).toEqual([u32(bytes, 0x80), u32(bytes, 0x84)]); // 0x0A1804EB, 0x26043206
    expect(flexspi.peekLut()[0]).toBe(0x0a18_04eb);
    expect(flexspi.flashSizeBytes('A1')).toBe(qspi.sizeBytes);
    expect(board.bus.readBlock(0x6000_2000, 0x10c)).toEqual(bytes.subarray(0x2000, 0x210c));
  });

  it('runs after a chip reset: FlexSPI registers another tool left set are back at reset first (afterReset: false keeps them)', () => {
    const base = chip.flexspi[chip.bootFlexspi]!.registerBase;
    const leftBehind = (board: ReturnType<typeof createSimBoard>) => {
      board.bus.write32(base + 0x000, board.bus.read32(base + 0x000) & ~0x2); // MCR0.MDIS off
      board.bus.write32(base + 0x010, 0x1); // INTEN.IPCMDDONEEN, which the ROM never writes
    };
    const reset = createSimBoard({ flashContents: image('ram') });
    leftBehind(reset);
    expect(runBootRom(reset)).toMatchObject({ verdict: 'booted', entry: 0x2000_2043 });
    expect(reset.bus.read32(base + 0x010)).toBe(0);

    const kept = createSimBoard({ flashContents: image('ram') });
    leftBehind(kept);
    expect(runBootRom(kept, { afterReset: false })).toMatchObject({ verdict: 'booted', entry: 0x2000_2043 });
    expect(kept.bus.read32(base + 0x010)).toBe(1);
  });

  it('records its steps and modelled time (hold time, QE write busy time)', () => {
    const { verdict } = boot(image('ram'));
    expect(verdict.steps[0]).toMatch(/^BOOT_MODE=10 \(internal boot\); BOOT_CFG 0x0 from SBMR1/);
    expect(verdict.steps).toContain('copied 0x210C bytes from flash offset 0 (0x60000000) to 0x20000000');
    expect(verdict.modeledMs).toBeGreaterThan(0.5 + qspi.timing.writeStatusMs.typ); // hold + WRSR busy
    const stages = verdict.stageMs;
    expect(Object.keys(stages)).toEqual(['boot-mode', 'fcb', 'flexspi-config', 'ivt', 'boot-data', 'copy', 'entry']);
    expect(stages.fcb).toBeGreaterThanOrEqual(0.5); // the hold time
    expect(stages['flexspi-config']).toBeGreaterThanOrEqual(qspi.timing.writeStatusMs.typ);
    expect(stages.copy).toBeGreaterThan(0);
    expect(Object.values(stages).reduce((a, b) => a + b, 0)).toBeCloseTo(verdict.modeledMs, 9);
  });
});

describe('runBootRom: Quad Enable', () => {
  it('the default FCB (quadEnable fcb) sets QE through the device-mode sequence and boots', () => {
    const board = createSimBoard({ flashContents: image('ram'), qeSet: false });
    expect((board.flash.exportState().statusRegisters[0] as number) & 0x40).toBe(0);
    const verdict = runBootRom(board);
    expect(verdict.verdict).toBe('booted');
    expect((board.flash.exportState().statusRegisters[0] as number) & 0x40).toBe(0x40); // SR1 bit 6, non-volatile
    expect(verdict.steps).toContain('device mode: LUT sequence 6 with arg 0x40 (mode type 1)');
  });

  it('a quad-read FCB without QE handling on a part with QE clear reads garbage: FCB stage, reason names QE', () => {
    const { verdict, board } = boot(image('ram', { fcbOptions: { quadEnable: 'assume-set' } }), { qeSet: false });
    const f = failed(verdict);
    expect(f.stage).toBe('fcb');
    expect(f.line).toMatch(
      /^serial downloader: FCB: LUT sequence 0 uses 4-pad phases and the FCB does not set QE \(deviceModeCfgEnable 0\): the flash reads garbage unless its Quad Enable bit is already set; through LUT sequence 0 \(CMD_SDR 1 pad 0xEB, RADDR_SDR 4 pads 0x18, DUMMY_SDR 4 pads 0x6, READ_SDR 4 pads 0x4\) 0x60000000 reads 0x[0-9A-F]{8} instead of the tag 0x42464346 and the IVT at 0x60001000 reads [0-9A-F ]{11}$/,
    );
    expect(f.reason).not.toMatch(/reads 0x42464346 instead/);
    expect((board.flash.exportState().statusRegisters[0] as number) & 0x40).toBe(0);
    expect(board.memory.peek(0x2000_0000, 4)).toEqual(new Uint8Array(4)); // nothing copied
  });

  it('the same FCB boots when QE is already set', () => {
    const { verdict } = boot(image('xip', { fcbOptions: { quadEnable: 'assume-set' } }), { qeSet: true });
    expect(formatVerdict(verdict)).toBe('booted: XIP from 0x60000000, entry 0x60002043');
  });

  it('a config command (WRSR 0x40 in LUT sequence 12) sets QE before the quad read, at the safe clock', () => {
    const bytes = image('ram', { fcbOptions: { quadEnable: 'assume-set', configCmds: [{ opcode: 0x01, dataBytes: 1, arg: 0x40 }] } });
    const board = createSimBoard({ flashContents: bytes, qeSet: false });
    const verdict = runBootRom(board);
    expect(formatVerdict(verdict)).toBe('booted: copied 0x210C bytes to 0x20000000, entry 0x20002043');
    expect(verdict.steps).toContain('config command 0: LUT sequence 12 with arg 0x40 (mode type 0)');
    expect((board.flash.exportState().statusRegisters[0] as number) & 0x40).toBe(0x40);
  });

  it('a 1-1-1 FCB (read safe) needs no QE', () => {
    const { verdict } = boot(image('ram', { fcbOptions: { read: 'safe' } }), { qeSet: false });
    expect(formatVerdict(verdict)).toBe('booted: copied 0x210C bytes to 0x20000000, entry 0x20002043');
  });
});

describe('runBootRom: HyperFlash FCB on the QSPI board', () => {
  it('reads the FCB at the safe 1-1-1 setting, then its DDR 8-pad reads return garbage: FCB stage naming the mismatch', () => {
    const { verdict } = boot(image('ram', { part: 's26ks512s' }));
    const f = failed(verdict);
    expect(f.stage).toBe('fcb');
    expect(f.line).toMatch(
      /^serial downloader: FCB: the FCB is a HyperFlash FCB \(serialNorType 1, controllerMiscOption 0x59: differential clock, word addressable, safe config freq, DDR, columnAddressWidth 3, sflashPadType 8\) but the flash answered the ROM's safe read for BOOT_CFG flash type 'QSPI, 3-byte read': it is not HyperFlash; through LUT sequence 0 \(CMD_DDR 8 pads 0xA0, RADDR_DDR 8 pads 0x18, CADDR_DDR 8 pads 0x10, DUMMY_DDR 8 pads 0xC, READ_DDR 8 pads 0x4\) 0x60000000 reads 0x[0-9A-F]{8} instead of the tag 0x42464346 and the IVT at 0x60001000 reads /,
    );
  });

  it('with BOOT_CFG flash type HyperFlash, the safe DDR read of the QSPI part finds no FCB tag', () => {
    const { verdict } = boot(image('ram', { part: 's26ks512s' }), { boot: { bootMode: 2, sbmr1: 0x200 } });
    const f = failed(verdict);
    expect(f.stage).toBe('fcb');
    expect(f.reason).toMatch(/^no tag at 0x60000000 \(read 0x[0-9A-F]{8}, expected 0x42464346 'FCFB'\)$/);
    expect(f.reason).not.toContain('read 0x42464346');
  });

  it('the HyperFlash image boots on a HyperFlash board strapped for HyperFlash', () => {
    const { verdict } = boot(image('ram', { part: 's26ks512s' }), { flash: 's26ks512s', boot: { bootMode: 2, sbmr1: 0x200 } });
    expect(formatVerdict(verdict)).toBe('booted: copied 0x210C bytes to 0x20000000, entry 0x20002043');
  });
});

describe('runBootRom: boot mode', () => {
  it('BOOT_MODE=01 → serial downloader at boot-mode, the flash untouched', () => {
    const { verdict, board } = boot(image('ram'), { boot: 'serial-downloader' });
    expect(formatVerdict(verdict)).toBe('serial downloader: boot mode: BOOT_MODE=01 (SBMR2 0x01000001) selects the serial downloader');
    expect(board.peripherals.flexspi.peekLut().every((w) => w === 0)).toBe(true);
  });

  it('BOOT_MODE=00 without BT_FUSE_SEL → serial downloader', () => {
    const f = failed(boot(image('ram'), { boot: { bootMode: 0 } }).verdict);
    expect(f.line).toBe('serial downloader: boot mode: BOOT_MODE=00 (boot from fuses) but BT_FUSE_SEL=0: no boot configuration is burnt (SBMR2 0x00000001)');
  });

  it('BOOT_MODE=00 with BT_FUSE_SEL boots from the fuse BOOT_CFG', () => {
    const { verdict } = boot(image('ram'), { boot: { bootMode: 0, btFuseSel: true }, fuses: { 0x450: 0x0000_000c } });
    expect(verdict.verdict).toBe('booted');
    expect(verdict.steps[0]).toBe('BOOT_MODE=00 (boot from fuses); BOOT_CFG 0xC from fuse 0x450: FlexSPI NOR, flash type QSPI, 3-byte read, hold time 10 ms');
    expect(verdict.modeledMs).toBeGreaterThanOrEqual(10);
  });

  it('a fuse BOOT_CFG naming SD → serial downloader with the field', () => {
    const f = failed(boot(image('ram'), { boot: { bootMode: 2, btFuseSel: true }, fuses: { 0x450: 0x40 } }).verdict);
    expect(f.line).toBe('serial downloader: boot mode: unsupported boot device: BOOT_CFG1[7:4] = 0100 (SD) in fuse 0x450 0x00000040; the model boots FlexSPI NOR only');
  });

  it('HAB closed → not modelled, said so', () => {
    const f = failed(boot(image('ram'), { boot: { bootMode: 2, secConfig: 2 } }).verdict);
    expect(f.line).toBe('serial downloader: boot mode: SEC_CONFIG 2 (SBMR2 0x02000002): HAB is closed and the model does not authenticate images');
  });
});

describe('runBootRom: FCB and FlexSPI configuration', () => {
  it('erased flash → no FCB tag', () => {
    const { verdict } = boot(new Uint8Array(0));
    expect(formatVerdict(verdict)).toBe("serial downloader: FCB: no tag at 0x60000000 (read 0xFFFFFFFF, expected 0x42464346 'FCFB')");
  });

  it('a version without the V → FCB stage', () => {
    const f = failed(boot(patched(image('ram'), { 4: 0x0001_0400 })).verdict);
    expect(f.line).toBe("serial downloader: FCB: version 0x00010400 at 0x60000004 is not 'V'.major.minor.bugfix (0x56xxxxxx)");
  });

  it('an unknown serialClkFreq → flexspi-config', () => {
    const bytes = image('ram');
    bytes[0x46] = 12;
    const f = failed(boot(bytes).verdict);
    expect(f.line).toBe('serial downloader: FlexSPI config: FCB serialClkFreq 12 (offset 0x46) is not a i.MX RT1050 clock (known: 1, 2, 3, 4, 5, 6, 7, 8, 9)');
  });

  it('sflashA1Size 0 → flexspi-config', () => {
    const f = failed(boot(patched(image('ram'), { 0x50: 0 })).verdict);
    expect(f.line).toBe('serial downloader: FlexSPI config: FCB sflashA1Size (offset 0x50) is 0: the ROM boots from port A1 only');
  });

  it('a device-mode sequence whose busy bit never clears → flexspi-config with the status', () => {
    // busyOffset 6 (QE, set by the device-mode write), polarity 0: the part looks busy for ever.
    const bytes = patched(image('ram'), { 0x70: 20, 0x7c: 6 });
    const f = failed(boot(bytes).verdict);
    expect(f.line).toBe('serial downloader: FlexSPI config: device mode: the flash stayed busy for 20 ms (status 0x40404040, busyOffset 6, busyBitPolarity 0)');
  });

  it('a wrong busy polarity lets the ROM read while the part is busy: the reads return 0xFF', () => {
    // busyBitPolarity 1 = "busy when the bit reads 0": WIP=1 during the QE write looks ready.
    const f = failed(boot(patched(image('ram'), { 0x7c: 0x0001_0000 })).verdict);
    expect(f.line).toBe(
      'serial downloader: FCB: the flash does not answer LUT sequence 0 (all bytes 0xFF: it is still busy after the FCB\'s config commands, or it ignores the read command); ' +
        'through LUT sequence 0 (CMD_SDR 1 pad 0xEB, RADDR_SDR 4 pads 0x18, DUMMY_SDR 4 pads 0x6, READ_SDR 4 pads 0x4) 0x60000000 reads 0xFFFFFFFF instead of the tag 0x42464346 and the IVT at 0x60001000 reads FF FF FF FF',
    );
  });
});

describe('runBootRom: IVT and boot data', () => {
  it('a corrupted IVT tag', () => {
    const bytes = image('ram');
    bytes[IVT] = 0xd0;
    const f = failed(boot(bytes).verdict);
    expect(f.line).toBe('serial downloader: IVT: no IVT at 0x60001000: header D0 00 20 41, tag 0xD0 is not 0xD1');
  });

  it('a wrong IVT length and version', () => {
    const a = image('ram');
    a[IVT + 2] = 0x24;
    expect(failed(boot(a).verdict).reason).toBe('IVT at 0x60001000: header D1 00 24 41, length 0x24 is not 0x20');
    const b = image('ram');
    b[IVT + 3] = 0x39;
    expect(failed(boot(b).verdict).reason).toBe('IVT at 0x60001000: header D1 00 20 39, version 0x39 is not 0x40–0x4F');
  });

  it('a wrong IVT self (XIP-style header on a RAM image)', () => {
    const bytes = patched(image('ram'), { [IVT + 0x10]: 0x6000_1020, [IVT + 0x14]: 0x6000_1000 });
    const f = failed(boot(bytes).verdict);
    expect(f.line).toBe('serial downloader: IVT: IVT self 0x60001000 is not 0x20001000 (boot_data.start 0x20000000 + 0x1000, where the copy puts the IVT)');
  });

  it('boot_data 0 and boot_data before self', () => {
    expect(failed(boot(patched(image('ram'), { [IVT + 0x10]: 0 })).verdict).reason).toBe('IVT at 0x60001000: boot_data is 0');
    expect(failed(boot(patched(image('ram'), { [IVT + 0x10]: 0x2000_0f00 })).verdict).reason).toBe(
      'IVT at 0x60001000: boot_data 0x20000F00 is not after self 0x20001000 within the 0x2000-byte initial load region',
    );
  });

  it('boot data outside RAM', () => {
    const bytes = patched(image('ram'), { [IVT + 0x10]: 0x3000_1020, [IVT + 0x14]: 0x3000_1000, [BOOT_DATA]: 0x3000_0000 });
    const f = failed(boot(bytes).verdict);
    expect(f.line).toBe('serial downloader: boot data: boot_data.start 0x30000000 is not RAM on this board (unmapped); copy of 0x210C bytes impossible');
  });

  it('a copy running past the enabled DTCM, or over the ROM RAM', () => {
    const past = patched(image('ram'), { [IVT + 0x10]: 0x2001_f020, [IVT + 0x14]: 0x2001_f000, [BOOT_DATA]: 0x2001_e000 });
    expect(failed(boot(past).verdict).reason).toBe('copy 0x2001E000–0x2002010B runs past the end of DTCM (0x2001FFFF)');
    const rom = patched(image('ram'), { [IVT + 0x10]: 0x2020_1020, [IVT + 0x14]: 0x2020_1000, [BOOT_DATA]: 0x2020_0000 });
    expect(failed(boot(rom).verdict).reason).toBe('copy 0x20200000–0x2020210B overlaps the RAM the ROM uses (0x20200000–0x20207FFF)');
  });

  it('copies to SDRAM when the board maps it (as after a SEMC DCD), not otherwise', () => {
    const bytes = new Uint8Array(1 << 20).fill(0xa5);
    bytes.set(patched(image('ram'), { [IVT + 4]: 0x8000_2043, [IVT + 0x10]: 0x8000_1020, [IVT + 0x14]: 0x8000_1000, [BOOT_DATA]: 0x8000_0000, [BOOT_DATA + 4]: 1 << 20 }));
    const { verdict, board } = boot(bytes, { sdramBytes: 2 << 20 });
    expect(formatVerdict(verdict)).toBe('booted: copied 0x100000 bytes to 0x80000000, entry 0x80002043');
    expect(Buffer.compare(board.memory.peek(0x8000_0000, 1 << 20), bytes)).toBe(0); // toEqual on 1 MiB is slow
    expect(failed(boot(bytes).verdict).reason).toBe('boot_data.start 0x80000000 is not RAM on this board (unmapped); copy of 0x100000 bytes impossible');
  });

  it('boot data size larger than the flash, size 0, plugin', () => {
    expect(failed(boot(patched(image('ram'), { [BOOT_DATA + 4]: 0x0100_0000 })).verdict).reason).toBe(
      'boot_data.size 0x1000000 is larger than the flash (sflashA1Size 0x800000)',
    );
    expect(failed(boot(patched(image('ram'), { [BOOT_DATA + 4]: 0 })).verdict).reason).toBe('boot data at 0x60001020: size is 0');
    expect(failed(boot(patched(image('ram'), { [BOOT_DATA + 8]: 1 })).verdict).reason).toBe('boot data at 0x60001020: plugin 1; plugin images are not modelled');
  });
});

describe('runBootRom: DCD', () => {
  // Write Data, 32-bit (param 0x04): SRC_GPR1 (0x400F8020) ← 0x12345678 (research/imxrt.md §4.2 format).
  const dcdWrite = Uint8Array.of(0xd2, 0x00, 0x10, 0x41, 0xcc, 0x00, 0x0c, 0x04, 0x40, 0x0f, 0x80, 0x20, 0x12, 0x34, 0x56, 0x78);

  it('runs a DCD write to a register before the copy', () => {
    const { verdict, board } = boot(image('ram', { dcd: dcdWrite }));
    expect(formatVerdict(verdict)).toBe('booted: ran a DCD of 1 command, copied 0x210C bytes to 0x20000000, entry 0x20002043');
    expect(board.bus.read32(0x400f_8020)).toBe(0x1234_5678);
  });

  it('a DCD with a command tag the ROM does not run stops with the tag and offset', () => {
    const bytes = image('ram', { dcd: dcdWrite });
    bytes[IVT + 0x40 + 4] = 0xb1; // SET (CSF only)
    const f = failed(boot(bytes).verdict);
    expect(f.line).toBe(
      'serial downloader: DCD: DCD at 0x60001040: command tag 0xB1 at offset 0x4 is not a DCD command (Write 0xCC, Check 0xCF, NOP 0xC0, Unlock 0xB2)',
    );
  });

  it('a Check Data that never holds stops after its polls', () => {
    // Check "any set" (0x1C) of bit 0 at SRC_GPR2 (0x400F8024, reads 0).
    const dcd = Uint8Array.of(0xd2, 0x00, 0x10, 0x41, 0xcf, 0x00, 0x0c, 0x1c, 0x40, 0x0f, 0x80, 0x24, 0x00, 0x00, 0x00, 0x01);
    const f = failed(boot(image('ram', { dcd })).verdict);
    expect(f.line).toBe('serial downloader: DCD: DCD at 0x60001040, command 1 (offset 0x4): Check Data "any set" of mask 0x1 at 0x400F8024 did not hold after 1000 polls (read 0x0)');
  });

  it('a DCD write to an unmapped address is a bus fault at the DCD stage', () => {
    const dcd = Uint8Array.of(0xd2, 0x00, 0x10, 0x41, 0xcc, 0x00, 0x0c, 0x04, 0x30, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01);
    const f = failed(boot(image('ram', { dcd })).verdict);
    expect(f.line).toBe('serial downloader: DCD: DCD at 0x60001040, command 1 (offset 0x4): bus fault, write at 0x30000000 (unmapped)');
  });

  it('a broken DCD header', () => {
    const bytes = image('ram', { dcd: dcdWrite });
    bytes[IVT + 0x40 + 3] = 0x42;
    expect(failed(boot(bytes).verdict).reason).toBe('DCD at 0x60001040: DCD version 0x42 is neither 0x41 nor 0x40 (header D2 00 10 42)');
  });
});

describe('runBootRom: entry', () => {
  it('an even entry is a vector table: SP and PC from it', () => {
    const bytes = patched(image('ram'), { [IVT + 4]: 0x2000_2000 });
    const { verdict } = boot(bytes);
    expect(verdict).toMatchObject({ verdict: 'booted', entry: 0x2000_2000, pc: 0x2000_2043, vectorTable: 0x2000_2000 });
    expect(verdict.verdict === 'booted' && verdict.sp).toBe(u32(bytes, 0x2000));
    expect(formatVerdict(verdict)).toBe(`booted: copied 0x210C bytes to 0x20000000, entry 0x20002000 (vector table: SP 0x${u32(bytes, 0x2000).toString(16).toUpperCase().padStart(8, '0')}, PC 0x20002043)`);
  });

  it('an entry outside RAM and flash, and an even reset vector', () => {
    expect(failed(boot(patched(image('ram'), { [IVT + 4]: 0x3000_0001 })).verdict).line).toBe(
      'serial downloader: entry: IVT entry 0x30000001 is neither RAM nor flash on this board',
    );
    const even = patched(image('ram'), { [IVT + 4]: 0x2000_2000, 0x2004: 0x2000_2042 });
    expect(failed(boot(even).verdict).reason).toBe('IVT entry 0x20002000 is a vector table whose reset vector 0x20002042 is not a Thumb address (bit 0 clear)');
  });

  it('an XIP entry into erased flash', () => {
    const f = failed(boot(patched(image('xip'), { [IVT + 4]: 0x6010_0001 })).verdict);
    expect(f.line).toBe('serial downloader: entry: PC 0x60100001 points at erased flash (reads 0xFFFF)');
  });
});

describe('runBootRom: other chips', () => {
  /** A minimal XIP app: vector table (SP, reset vector) at base + 0x2000. */
  function xipApp(base: number): MemoryImage {
    const code = new Uint8Array(64);
    const view = new DataView(code.buffer);
    view.setUint32(0, 0x2001_0000, true);
    view.setUint32(4, base + 0x2009, true);
    return MemoryImage.from([{ address: base + 0x2000, data: code, origin: 'test app' }]);
  }

  it.each([
    ['rt1170', 0x3000_0000, 'is25wp128'], // FCB at 0x400, FlexSPI1 window 0x30000000 (research/imxrt.md §4.1)
    ['rt1060', 0x6000_0000, 'is25wp064a'],
  ] as const)('%s boots an XIP image from its boot window', (chipId, base, partId) => {
    const bytes = buildBootImage(xipApp(base), { chip: findChip(chipId), part: findFlashPart(partId) }).bytes;
    const verdict = runBootRom(createSimBoard({ chip: chipId, flash: partId, flashContents: bytes }));
    expect(formatVerdict(verdict)).toBe(`booted: XIP from ${hex(base)}, entry ${hex(base + 0x2009)}`);
  });
});

function hex(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
}
