import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeDcd } from '../boot/dcd.js';
import { decodeFcb, encodeFcb, type Fcb } from '../boot/fcb.js';
import { buildFcb, type FcbOptions } from '../boot/fcb-builder.js';
import type { Chip } from '../db/chip.js';
import { findChip } from '../db/chip-lookup.js';
import type { FlashPart } from '../db/flash-part.js';
import { findFlashPart } from '../db/flash-part-lookup.js';
import { parseFirmware } from '../firmware/firmware-format.js';
import { MemoryImage } from '../image/memory-image.js';
import { buildBootImage } from './build-boot-image.js';
import type { Finding } from './finding.js';
import { inspectBootImage, type InspectReport } from './inspect-boot-image.js';
import { regionAt } from './memory-map.js';

/*
 * One test per finding: start from a good image built by imxflash, corrupt one thing in the
 * flat binary, read it back at the flash base and inspect. Offsets inside the binary: FCB 0x0,
 * IVT 0x1000 (+0x04 entry, +0x0C dcd, +0x10 boot_data, +0x14 self, +0x18 csf), boot data 0x1020
 * (+0 start, +4 size, +8 plugin), app 0x2000 (research/spsdk.md §3.3–3.4, research/imxrt.md §5).
 */

const rt1052 = findChip('rt1052');
const rt1170 = findChip('rt1170');
const is25wp064a = findFlashPart('is25wp064a');
const s26ks512s = findFlashPart('s26ks512s');
const w25q64jv = findFlashPart('w25q64jv');

type Variant = 'xip' | 'ram' | 'ocram';
const exampleFile = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../../examples/blinky/out/${name}`, import.meta.url)));

const IVT = 0x1000;
const IVT_ENTRY = IVT + 0x04;
const IVT_DCD = IVT + 0x0c;
const IVT_BOOT_DATA = IVT + 0x10;
const IVT_SELF = IVT + 0x14;
const IVT_CSF = IVT + 0x18;
const BD_START = 0x1020;
const BD_SIZE = 0x1024;
const BD_PLUGIN = 0x1028;

/** A fresh copy of the flat binary imxflash builds for a blinky variant. */
function good(variant: Variant, o: { part?: FlashPart; fcbOptions?: FcbOptions } = {}): Uint8Array {
  const app = parseFirmware(exampleFile(`blinky-${variant}.elf`), `blinky-${variant}.elf`);
  return buildBootImage(app, { chip: rt1052, part: o.part ?? is25wp064a, ...(o.fcbOptions ? { fcbOptions: o.fcbOptions } : {}) }).bytes.slice();
}

/** A 0x200-byte SDRAM app at 0x80002000 built with a one-command DCD (IVT dcd 0x80001040). */
function goodSdram(): Uint8Array {
  const data = new Uint8Array(0x200).fill(0x5a);
  const v = new DataView(data.buffer);
  v.setUint32(0, 0x8001_0000, true);
  v.setUint32(4, 0x8000_2041, true);
  const dcd = encodeDcd({ version: 0x41, commands: [{ kind: 'write', op: 'write', width: 4, writes: [{ address: 0x400f_c074, value: 0x0fff_ffff }] }] });
  return buildBootImage(MemoryImage.from([{ address: 0x8000_2000, data }]), { chip: rt1052, part: is25wp064a, dcd }).bytes.slice();
}

const get32 = (b: Uint8Array, offset: number): number => new DataView(b.buffer, b.byteOffset, b.length).getUint32(offset, true);
const put32 = (b: Uint8Array, offset: number, value: number): Uint8Array => {
  new DataView(b.buffer, b.byteOffset, b.length).setUint32(offset, value >>> 0, true);
  return b;
};
const patchFcb = (b: Uint8Array, change: (f: Fcb) => Partial<Fcb>, at = 0): Uint8Array => {
  const fcb = decodeFcb(b.subarray(at, at + 0x200));
  b.set(encodeFcb({ ...fcb, ...change(fcb) }), at);
  return b;
};
/** Moves the copy destination by `delta`: IVT entry, self, boot_data (and dcd) and boot data start together. */
const moveHeader = (b: Uint8Array, delta: number): Uint8Array => {
  for (const at of [IVT_ENTRY, IVT_BOOT_DATA, IVT_SELF, BD_START]) put32(b, at, get32(b, at) + delta);
  if (get32(b, IVT_DCD) !== 0) put32(b, IVT_DCD, get32(b, IVT_DCD) + delta);
  return b;
};

function inspect(bytes: Uint8Array, o: { chip?: Chip; part?: FlashPart | null } = {}): InspectReport {
  const chip = o.chip ?? rt1052;
  const base = chip.flexspi[chip.bootFlexspi]!.ahbWindow.start;
  const part = o.part === null ? undefined : (o.part ?? is25wp064a);
  return inspectBootImage(MemoryImage.from([{ address: base, data: bytes }]), { chip, ...(part ? { part } : {}) });
}

const ids = (r: InspectReport): string[] => r.findings.map((f) => f.id);

/** The report holds exactly `id` (with `severity`); errors turn the ROM plan into a fallback that names it. */
function only(r: InspectReport, id: string, severity: Finding['severity']): Finding {
  expect(ids(r)).toEqual([id]);
  const f = r.findings[0]!;
  expect(f.severity).toBe(severity);
  if (severity === 'error') {
    expect(r.rom).toEqual({ action: 'fallback', summary: `ROM will not boot this image: ${f.message}` });
  } else {
    expect(r.rom.action).not.toBe('fallback');
  }
  return f;
}

describe('good images', () => {
  it('RAM blinky: no findings; ROM copies 8460 bytes to 0x20000000 and jumps to 0x20002043', () => {
    const r = inspect(good('ram'));
    expect(r.findings).toEqual([]);
    expect(r.rom.summary).toBe('ROM will copy 8460 bytes (0x210C) from flash offset 0 to 0x20000000, then jump to 0x20002043');
    expect(r.rom).toMatchObject({ action: 'copy', copyBytes: 0x210c, destination: 0x2000_0000, entry: 0x2000_2043, initialSp: 0x2002_0000 });
    expect([r.dataStart, r.dataEnd]).toEqual([0x6000_0000, 0x6000_210c]);
  });

  it('XIP and OCRAM blinky, and the SDRAM app with its DCD: no findings', () => {
    const xip = inspect(good('xip'));
    expect(xip.findings).toEqual([]);
    expect(xip.rom).toEqual({ action: 'xip', summary: 'ROM will run the app in place (XIP from 0x60000000): jump to 0x60002043', entry: 0x6000_2043, initialSp: 0x2002_0000 });
    expect(inspect(good('ocram')).findings).toEqual([]);
    expect(inspect(good('ocram')).rom.summary).toBe('ROM will copy 8460 bytes (0x210C) from flash offset 0 to 0x20208000, then jump to 0x2020A043');
    const sdram = inspect(goodSdram());
    expect(sdram.findings).toEqual([]);
    expect(sdram.dcd).toEqual({ flashAddress: 0x6000_1040, bytes: 16, commands: ['write32 0x400FC074 = 0x0FFFFFFF'] });
  });

  it('without a part, part-specific checks are skipped: a 166 MHz FCB passes, QE handling is unknown-part', () => {
    const r = inspect(patchFcb(good('ram', { fcbOptions: { quadEnable: 'assume-set' } }), () => ({ serialClkFreq: 8 })), { part: null });
    expect(r.findings).toEqual([]);
    expect(r.part).toBeUndefined();
    expect(r.fcb).toMatchObject({ clockMhz: 166, quadEnable: 'unknown-part' });
  });
});

describe('the committed app-only blinky-ram.bin written at 0x60000000 (no headers)', () => {
  it('FCB_MISSING and IVT_MISSING; the ROM falls back, and the summary names the FCB, which it reads first', () => {
    const r = inspect(exampleFile('blinky-ram.bin'));
    expect(ids(r)).toEqual(['FCB_MISSING', 'IVT_MISSING']);
    expect(r.findings.map((f) => f.severity)).toEqual(['error', 'error']);
    expect(r.findings[0]!.message).toBe('no FCB (tag "FCFB") at 0x60000000, where i.MX RT1050 reads it');
    expect(r.findings[1]!.message).toBe('no IVT at 0x60001000');
    expect(r.rom).toEqual({ action: 'fallback', summary: 'ROM will not boot this image: no FCB (tag "FCFB") at 0x60000000, where i.MX RT1050 reads it' });
    expect([r.fcb, r.ivt, r.bootData, r.dcd]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('FCB findings', () => {
  it('FCB_MISSING: tag erased', () => {
    const f = only(inspect(put32(good('ram'), 0, 0xffff_ffff)), 'FCB_MISSING', 'error');
    expect(f.message).toBe('no FCB (tag "FCFB") at 0x60000000, where i.MX RT1050 reads it');
  });

  it('FCB_MISSING: the FCB at 0x400 on RT1052 (the RT1010/RT117x offset) is found and named', () => {
    const b = good('ram');
    b.copyWithin(0x400, 0, 0x200);
    b.fill(0xff, 0, 0x200);
    const f = only(inspect(b), 'FCB_MISSING', 'error');
    expect(f.message).toBe('no FCB (tag "FCFB") at 0x60000000, where i.MX RT1050 reads it; there is one at 0x60000400, the offset other chips use');
    expect(f.fix).toContain('--chip');
  });

  it('FCB_MISSING on RT1170 names 0x30000400 and the FCB found at offset 0', () => {
    const f = inspect(good('ram'), { chip: rt1170 }).findings[0]!;
    expect(f.id).toBe('FCB_MISSING');
    expect(f.message).toBe('no FCB (tag "FCFB") at 0x30000400, where i.MX RT1160/RT1170 reads it; there is one at 0x30000000, the offset other chips use');
  });

  it('FCB_NO_READ_SEQUENCE: LUT sequence 0 zeroed', () => {
    const f = only(inspect(patchFcb(good('ram'), (x) => ({ lookupTable: [0, 0, 0, 0, ...x.lookupTable.slice(4)] }))), 'FCB_NO_READ_SEQUENCE', 'error');
    expect(f.message).toBe('LUT sequence 0 (the AHB read the ROM boots with) is empty');
  });

  it('FCB_CLOCK_UNKNOWN: serialClkFreq 32 is not in the RT1050 enum 1–9', () => {
    const f = only(inspect(patchFcb(good('ram'), () => ({ serialClkFreq: 32 }))), 'FCB_CLOCK_UNKNOWN', 'error');
    expect(f.message).toBe("serialClkFreq 32 is not a value of i.MX RT1050's enum (1, 2, 3, 4, 5, 6, 7, 8, 9)");
  });

  it('FCB_FLASH_SIZE_ZERO: sflashA1Size 0', () => {
    only(inspect(patchFcb(good('ram'), () => ({ sflashA1Size: 0 }))), 'FCB_FLASH_SIZE_ZERO', 'error');
  });

  it('FCB_HYPERFLASH_ON_QSPI: the S26KS512S HyperFlash FCB on an IS25WP064A board', () => {
    const b = good('ram');
    b.set(encodeFcb(buildFcb(s26ks512s, rt1052)), 0);
    const r = inspect(b);
    const f = only(r, 'FCB_HYPERFLASH_ON_QSPI', 'error');
    expect(f.message).toBe("the FCB configures HyperFlash (8-pad DDR, word addressed), but the board's flash is the QSPI part IS25WP064A");
    expect(r.fcb?.flashType).toBe('hyperflash');
  });

  it('FCB_QSPI_ON_HYPERFLASH: the IS25WP064A FCB inspected for an S26KS512S board', () => {
    const f = only(inspect(good('ram'), { part: s26ks512s }), 'FCB_QSPI_ON_HYPERFLASH', 'error');
    expect(f.message).toBe("the FCB configures a QSPI flash, but the board's flash is the HyperFlash part S26KS512S");
    expect(f.fix).toContain('--flash s26ks512s');
  });

  it('FCB_CLOCK_TOO_HIGH: serialClkFreq 8 = 166 MHz on the RT1050, for a 133 MHz quad read', () => {
    const f = only(inspect(patchFcb(good('ram'), () => ({ serialClkFreq: 8 }))), 'FCB_CLOCK_TOO_HIGH', 'error');
    expect(f.message).toBe('the FCB clocks the flash at 166 MHz (serialClkFreq 8); IS25WP064A allows 133 MHz for this read');
  });

  it('FCB_CLOCK_TOO_HIGH: the 1-1-1 0x03 read is held to the part\'s 50 MHz, so 100 MHz is too high', () => {
    const f = only(inspect(patchFcb(good('ram', { fcbOptions: { read: 'safe' } }), () => ({ serialClkFreq: 6 }))), 'FCB_CLOCK_TOO_HIGH', 'error');
    expect(f.message).toBe('the FCB clocks the flash at 100 MHz (serialClkFreq 6); IS25WP064A allows 50 MHz for this read');
  });

  it('FCB_FLASH_SIZE_MISMATCH: sflashA1Size 16 MiB for the 8 MiB part (warning)', () => {
    const f = only(inspect(patchFcb(good('ram'), () => ({ sflashA1Size: 16 << 20 }))), 'FCB_FLASH_SIZE_MISMATCH', 'warning');
    expect(f.message).toBe('sflashA1Size is 0x1000000 bytes; IS25WP064A holds 0x800000');
  });

  it('FCB_DQS_ON_QSPI: readSampleClkSrc 3 on a QSPI part (warning)', () => {
    const f = only(inspect(patchFcb(good('ram'), () => ({ readSampleClkSrc: 3 }))), 'FCB_DQS_ON_QSPI', 'warning');
    expect(f.message).toContain('readSampleClkSrc is 3');
  });

  it('FCB_DUMMY_MISMATCH: DUMMY_SDR 8 in the 0xEB read where the part needs 2 + 4 = 6 (warning)', () => {
    const b = good('ram');
    expect(get32(b, 0x84)).toBe(0x2604_3206); // DUMMY_SDR 4 pads 6, READ_SDR 4 pads 4
    const f = only(inspect(put32(b, 0x84, 0x2604_3208)), 'FCB_DUMMY_MISMATCH', 'warning');
    expect(f.message).toBe('the quad read waits 8 dummy clocks; IS25WP064A needs 6 (mode + dummy) at its default setting');
  });

  it('FCB_QE_NOT_HANDLED: quadEnable assume-set is a warning for IS25WP064A, QE not set from the factory', () => {
    const r = inspect(good('ram', { fcbOptions: { quadEnable: 'assume-set' } }));
    const f = only(r, 'FCB_QE_NOT_HANDLED', 'warning');
    expect(f.message).toBe("the FCB reads with 4 data lines, and nothing in it sets IS25WP064A's Quad Enable bit (SR1 bit 6)");
    expect(r.fcb?.quadEnable).toBe('not-handled');
  });

  it('FCB_QE_NOT_HANDLED: only info for W25Q64JV, which leaves the factory with QE set', () => {
    const r = inspect(good('ram', { part: w25q64jv, fcbOptions: { quadEnable: 'assume-set' } }), { part: w25q64jv });
    const f = only(r, 'FCB_QE_NOT_HANDLED', 'info');
    expect(f.message).toBe("the FCB reads with 4 data lines, and nothing in it sets W25Q64JV-IQ's Quad Enable bit (SR2 bit 1)");
    expect(inspect(good('ram', { part: w25q64jv }), { part: w25q64jv }).fcb?.quadEnable).toBe('fcb-device-mode');
  });
});

describe('IVT and boot data findings', () => {
  it('IVT_MISSING: tag 0xD1 cleared; the decoder\'s reason is in the message', () => {
    const b = good('ram');
    b[IVT] = 0x00;
    const f = only(inspect(b), 'IVT_MISSING', 'error');
    expect(f.message).toBe('no IVT at 0x60001000 (no IVT: header is tag 0x0 length 0x20, expected tag 0xD1 length 0x20)');
  });

  it('IVT_SELF_WRONG: the classic mistake, a RAM image with the XIP IVT (self 0x60001000, boot_data 0x60001020)', () => {
    const b = put32(put32(good('ram'), IVT_SELF, 0x6000_1000), IVT_BOOT_DATA, 0x6000_1020);
    const f = only(inspect(b), 'IVT_SELF_WRONG', 'error');
    expect(f.message).toBe('IVT self is 0x60001000; with boot data start 0x20000000 the IVT lands at 0x20001000');
    expect(f.rom).toContain('XIP value in a non-XIP image');
    expect(f.fix).toContain('0x20001000');
  });

  it('IVT_SELF_WRONG in an XIP image: self 0x60002000', () => {
    const b = put32(put32(good('xip'), IVT_SELF, 0x6000_2000), IVT_BOOT_DATA, 0x6000_2020);
    const f = only(inspect(b), 'IVT_SELF_WRONG', 'error');
    expect(f.message).toBe('IVT self is 0x60002000; with boot data start 0x60000000 the IVT lives at 0x60001000');
  });

  it('IVT_BOOT_DATA_OUTSIDE_HEADER: boot_data 0x20003000, past the 0x2000-byte initial load', () => {
    const f = only(inspect(put32(good('ram'), IVT_BOOT_DATA, 0x2000_3000)), 'IVT_BOOT_DATA_OUTSIDE_HEADER', 'error');
    expect(f.message).toBe('IVT boot_data 0x20003000 (self 0x20001000) does not point into the first 0x2000 bytes of the image');
  });

  it('IVT_BOOT_DATA_OUTSIDE_HEADER: only self changed to 0x60001000, so boot_data 0x20001020 resolves outside the flash', () => {
    const f = only(inspect(put32(good('ram'), IVT_SELF, 0x6000_1000)), 'IVT_BOOT_DATA_OUTSIDE_HEADER', 'error');
    expect(f.message).toBe('IVT boot_data 0x20001020 (self 0x60001000) does not point into the first 0x2000 bytes of the image');
  });

  it('BOOT_DATA_START_IN_FLASH: copy destination 0x60100000, in the flash window but not its base', () => {
    const r = inspect(moveHeader(good('ram'), 0x6010_0000 - 0x2000_0000));
    expect(ids(r)).toEqual(['BOOT_DATA_START_IN_FLASH', 'COPY_DESTINATION_NOT_RAM']);
    expect(r.findings[0]!.severity).toBe('error');
    expect(r.findings[0]!.message).toBe('boot data start 0x60100000 is inside the flash window but not its base 0x60000000');
    expect(r.rom.action).toBe('fallback');
  });

  it('BOOT_DATA_PLUGIN: plugin 1 (warning)', () => {
    const f = only(inspect(put32(good('ram'), BD_PLUGIN, 1)), 'BOOT_DATA_PLUGIN', 'warning');
    expect(f.message).toBe('boot data plugin flag is 1');
  });

  it('IVT_HAS_CSF: csf 0x20003000 (info)', () => {
    const f = only(inspect(put32(good('ram'), IVT_CSF, 0x2000_3000)), 'IVT_HAS_CSF', 'info');
    expect(f.message).toBe('IVT points at a CSF (0x20003000): the image is signed for HAB');
  });

  it('BOOT_DATA_TOO_SHORT: size 0x2100 copies less than the 0x210C bytes of the image', () => {
    const f = only(inspect(put32(good('ram'), BD_SIZE, 0x2100)), 'BOOT_DATA_TOO_SHORT', 'error');
    expect(f.message).toBe("boot data size 0x2100 does not cover the image's 0x210C bytes (from flash offset 0)");
  });

  it('BOOT_DATA_SHORT_XIP: the same in an XIP image is a warning; XIP still runs', () => {
    const r = inspect(put32(good('xip'), BD_SIZE, 0x2100));
    const f = only(r, 'BOOT_DATA_SHORT_XIP', 'warning');
    expect(f.message).toBe("boot data size 0x2100 covers less than the image's 0x210C bytes");
    expect(r.rom.action).toBe('xip');
  });

  it('BOOT_DATA_LARGER_THAN_FLASH: an SDRAM image asking to copy 0x800004 bytes from the 8 MiB part', () => {
    const f = only(inspect(put32(goodSdram(), BD_SIZE, 0x80_0004)), 'BOOT_DATA_LARGER_THAN_FLASH', 'error');
    expect(f.message).toBe('boot data size 0x800004 is larger than IS25WP064A (0x800000)');
  });
});

describe('copy-destination findings', () => {
  it('COPY_DESTINATION_NOT_RAM: the whole header moved to the ROM at 0x00200000', () => {
    const f = only(inspect(moveHeader(good('ram'), 0x0020_0000 - 0x2000_0000)), 'COPY_DESTINATION_NOT_RAM', 'error');
    expect(f.message).toBe('boot data start 0x00200000 is not RAM of i.MX RT1050');
  });

  it('COPY_PAST_REGION_END: 0x80001 bytes into DTCM, whose FlexRAM maximum is 512 KiB', () => {
    const f = only(inspect(put32(good('ram'), BD_SIZE, 0x8_0001)), 'COPY_PAST_REGION_END', 'error');
    expect(f.message).toBe('the copy 0x20000000–0x20080000 runs past the end of DTCM (0x2007FFFF)');
  });

  it('COPY_BEYOND_DEFAULT_FLEXRAM: an OCRAM copy reaching 0x20240000, above the 256 KiB OCRAM enabled by default (warning)', () => {
    expect(regionAt(rt1052, 0x2020_0000)).toMatchObject({ name: 'OCRAM', start: 0x2020_0000, defaultEnabledBytes: 256 * 1024 });
    expect(inspect(put32(good('ocram'), BD_SIZE, 0x3_8000)).findings).toEqual([]); // ends at 0x2023FFFF: fine
    const f = only(inspect(put32(good('ocram'), BD_SIZE, 0x3_8001)), 'COPY_BEYOND_DEFAULT_FLEXRAM', 'warning');
    expect(f.message).toBe('the copy 0x20208000–0x20240000 reaches past the 0x40000 bytes of OCRAM that FlexRAM enables by default');
  });

  it('COPY_BEYOND_DEFAULT_FLEXRAM on a built image: OCRAM app at 0x20230000, 0x12000 bytes, builds with the warning', () => {
    const data = new Uint8Array(0x1_2000).fill(0x77);
    put32(data, 0, 0x2024_0000);
    put32(data, 4, 0x2023_0101);
    const built = buildBootImage(MemoryImage.from([{ address: 0x2023_0000, data }]), { chip: rt1052, part: is25wp064a });
    expect(ids(built.report)).toEqual(['COPY_BEYOND_DEFAULT_FLEXRAM']);
    expect(built.report.findings[0]!.message).toBe('the copy 0x2022E000–0x20241FFF reaches past the 0x40000 bytes of OCRAM that FlexRAM enables by default');
  });

  it('COPY_OVER_ROM_RAM: the OCRAM header moved down 0x8000, copying to 0x20200000', () => {
    const f = only(inspect(moveHeader(good('ocram'), -0x8000)), 'COPY_OVER_ROM_RAM', 'error');
    expect(f.message).toBe('the copy 0x20200000–0x2020210B overlaps RAM the boot ROM uses (0x20200000–0x20207FFF)');
    expect(f.fix).toContain('0x20208000');
  });

  it('COPY_TO_UNINITIALISED_SDRAM: the SDRAM image with its IVT dcd pointer cleared', () => {
    const f = only(inspect(put32(goodSdram(), IVT_DCD, 0)), 'COPY_TO_UNINITIALISED_SDRAM', 'error');
    expect(f.message).toBe('the ROM would copy to SDRAM at 0x80000000, and no DCD initialises it');
  });
});

describe('DCD findings', () => {
  it('DCD_OUTSIDE_HEADER: dcd 0x20003000, past the initial load', () => {
    const f = only(inspect(put32(good('ram'), IVT_DCD, 0x2000_3000)), 'DCD_OUTSIDE_HEADER', 'error');
    expect(f.message).toBe('IVT dcd 0x20003000 does not point into the first 0x2000 bytes');
  });

  it('DCD_INVALID: dcd 0x20001040 points at erased flash (0xFF)', () => {
    const f = only(inspect(put32(good('ram'), IVT_DCD, 0x2000_1040)), 'DCD_INVALID', 'error');
    expect(f.message).toBe('DCD at 0x60001040: no DCD: header is tag 0xFF version 0xFF, expected tag 0xD2 version 0x41 or 0x40');
  });

  it('DCD_UNSUPPORTED: a valid DCD in an RT1170 image (warning; that ROM uses XMCD)', () => {
    const data = new Uint8Array(0x100).fill(0x33);
    put32(data, 0, 0x2002_0000);
    put32(data, 4, 0x3000_2041);
    const b = buildBootImage(MemoryImage.from([{ address: 0x3000_2000, data }]), { chip: rt1170, part: is25wp064a }).bytes.slice();
    const dcd = encodeDcd({ version: 0x41, commands: [{ kind: 'nop' }] });
    b.set(dcd, 0x1040);
    put32(b, IVT_DCD, 0x3000_1040);
    const r = inspect(b, { chip: rt1170 });
    const f = only(r, 'DCD_UNSUPPORTED', 'warning');
    expect(f.message).toBe("the image has a DCD, and i.MX RT1160/RT1170's ROM does not run DCDs");
    expect(r.dcd).toEqual({ flashAddress: 0x3000_1040, bytes: 8, commands: ['nop'] });
  });
});

describe('entry findings', () => {
  it('ENTRY_OUTSIDE_IMAGE: entry 0x20010001, past the copied range', () => {
    const f = only(inspect(put32(good('ram'), IVT_ENTRY, 0x2001_0001)), 'ENTRY_OUTSIDE_IMAGE', 'error');
    expect(f.message).toBe('IVT entry 0x20010001 is outside the copied range 0x20000000–0x2000210B or points at no data');
  });

  it('ENTRY_IS_VECTOR_TABLE: entry 0x20002000, as NXP\'s SDK writes it (info); SP read from it', () => {
    const r = inspect(put32(good('ram'), IVT_ENTRY, 0x2000_2000));
    const f = only(r, 'ENTRY_IS_VECTOR_TABLE', 'info');
    expect(f.message).toBe("IVT entry 0x20002000 is the vector table (SP 0x20020000, reset 0x20002043), as NXP's SDK writes it");
    expect(r.rom).toMatchObject({ action: 'copy', entry: 0x2000_2000, initialSp: 0x2002_0000 });
  });

  it('ENTRY_NOT_THUMB: entry 0x20002042, even and not a vector table', () => {
    const f = only(inspect(put32(good('ram'), IVT_ENTRY, 0x2000_2042)), 'ENTRY_NOT_THUMB', 'error');
    expect(f.message).toBe('IVT entry 0x20002042 is even and not a vector table');
  });

  it('INITIAL_SP_NOT_RAM: the app\'s initial SP patched to 0x60100000 (warning)', () => {
    const f = only(inspect(put32(good('ram'), 0x2000, 0x6010_0000)), 'INITIAL_SP_NOT_RAM', 'warning');
    expect(f.message).toBe("the vector table's initial SP 0x60100000 is not in RAM");
  });

  it('an SDRAM entry (≥ 0x80000000) is checked as an unsigned address', () => {
    const r = inspect(goodSdram());
    expect(r.rom).toMatchObject({ action: 'copy', entry: 0x8000_2041, initialSp: 0x8001_0000, destination: 0x8000_0000 });
  });
});

describe('property: inspectBootImage reports, never throws', () => {
  const chips = [rt1052, rt1170, findChip('rt1010'), findChip('rt1064')];
  const parts = [is25wp064a, s26ks512s, w25q64jv, undefined];

  /** The invariants every report keeps: errors ⇒ fallback naming the first; no errors ⇒ a plan. */
  function checkReport(r: InspectReport): void {
    const firstError = r.findings.find((f) => f.severity === 'error');
    if (firstError) expect(r.rom).toEqual({ action: 'fallback', summary: `ROM will not boot this image: ${firstError.message}` });
    else expect(['xip', 'copy']).toContain(r.rom.action);
    for (const f of r.findings) expect(['error', 'warning', 'info']).toContain(f.severity);
  }

  it('arbitrary bytes at the flash base', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 0x2400 }), fc.constantFrom(...chips), fc.constantFrom(...parts), (bytes, chip, part) => {
        const base = chip.flexspi[chip.bootFlexspi]!.ahbWindow.start;
        checkReport(inspectBootImage(MemoryImage.from([{ address: base, data: bytes }]), { chip, ...(part ? { part } : {}) }));
      }),
      { numRuns: 300 },
    );
  });

  const goods = { ram: good('ram'), xip: good('xip'), ocram: good('ocram'), sdram: goodSdram() };
  const patch = fc.record({ offset: fc.nat({ max: 0x2200 }), data: fc.uint8Array({ minLength: 1, maxLength: 40 }) });
  const u32 = fc.oneof(
    fc.constantFrom(0, 1, 0x1000, 0x2000, 0x2000_0000, 0x2000_1000, 0x2000_1020, 0x2000_2043, 0x6000_0000, 0x6000_1000, 0x6000_1020, 0x8000_0000, 0x8000_1040, 0x7fff_ffff, 0xffff_ffff),
    fc.nat({ max: 0xffff_ffff }),
  );

  it('good images with random bytes written and random holes cut in the header area', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ram', 'xip', 'ocram', 'sdram' as const),
        fc.array(patch, { maxLength: 6 }),
        fc.array(fc.record({ offset: fc.nat({ max: 0x2200 }), length: fc.integer({ min: 1, max: 0x400 }) }), { maxLength: 3 }),
        fc.constantFrom(...parts),
        (variant, patches, holes, part) => {
          const b = goods[variant].slice();
          for (const p of patches) b.set(p.data.subarray(0, Math.max(0, b.length - p.offset)), Math.min(p.offset, b.length));
          let image = MemoryImage.from([{ address: 0x6000_0000, data: b }]);
          for (const h of holes) image = image.slice(0, 0x6000_0000 + h.offset).merge(image.slice(0x6000_0000 + h.offset + h.length, 0x1_0000_0000));
          checkReport(inspectBootImage(image, { chip: rt1052, ...(part ? { part } : {}) }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('good images with random IVT and boot-data words (valid header, any pointers)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ram', 'xip', 'ocram', 'sdram' as const),
        fc.array(fc.tuple(fc.constantFrom(IVT_ENTRY, IVT_DCD, IVT_BOOT_DATA, IVT_SELF, IVT_CSF, BD_START, BD_SIZE, BD_PLUGIN, 0x2000, 0x2004), u32), { minLength: 1, maxLength: 6 }),
        (variant, words) => {
          const b = goods[variant].slice();
          for (const [at, value] of words) put32(b, at, value);
          checkReport(inspect(b));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random sparse images anywhere in the 32-bit space, including below the flash base and at its top', () => {
    const piece = fc.record({
      address: fc.oneof(fc.nat({ max: 0xffff_ff00 }), fc.integer({ min: 0x5fff_ff00, max: 0x6000_2100 }), fc.integer({ min: 0xffff_ff00, max: 0xffff_fff0 })),
      data: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), fc.constantFrom(...chips), fc.constantFrom(...parts), (pieces, chip, part) => {
        let image = MemoryImage.empty();
        for (const p of pieces) {
          if (p.address + p.data.length > 0x1_0000_0000) continue;
          try {
            image = image.merge(MemoryImage.from([p]));
          } catch {
            // differing overlap: leave it out
          }
        }
        checkReport(inspectBootImage(image, { chip, ...(part ? { part } : {}) }));
      }),
      { numRuns: 300 },
    );
  });
});
