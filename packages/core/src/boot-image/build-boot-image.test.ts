import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeDcd } from '../boot/dcd.js';
import { decodeFcb, encodeFcb } from '../boot/fcb.js';
import { buildFcb } from '../boot/fcb-builder.js';
import { findChip } from '../db/chip-lookup.js';
import { findFlashPart } from '../db/flash-part-lookup.js';
import { ImxflashError } from '../errors/imxflash-error.js';
import { parseFirmware } from '../firmware/firmware-format.js';
import { readIntelHex } from '../firmware/intel-hex-reader.js';
import { writeIntelHex } from '../firmware/intel-hex-writer.js';
import { MemoryImage } from '../image/memory-image.js';
import { hexBytes } from '../util/hex.js';
import type { BootModeRequest } from './boot-mode.js';
import { buildBootImage, type BuildBootImageOptions } from './build-boot-image.js';
import { inspectBootImage } from './inspect-boot-image.js';

/*
 * App → FlexSPI NOR boot image, checked byte by byte against the layout of research/spsdk.md
 * §3.3–3.6 and research/imxrt.md §5, with the committed blinky apps (examples/blinky/out).
 */

const rt1052 = findChip('rt1052');
const is25wp064a = findFlashPart('is25wp064a');
const opts: BuildBootImageOptions = { chip: rt1052, part: is25wp064a };

type Variant = 'xip' | 'ram' | 'ocram';
const LINK_ADDRESS: Record<Variant, number> = { xip: 0x6000_2000, ram: 0x2000_2000, ocram: 0x2020_a000 };

const exampleFile = (variant: Variant, ext: 'elf' | 'hex' | 'srec' | 'bin'): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../../examples/blinky/out/blinky-${variant}.${ext}`, import.meta.url)));
const exampleApp = (variant: Variant, ext: 'elf' | 'hex' | 'srec'): MemoryImage =>
  parseFirmware(exampleFile(variant, ext), `blinky-${variant}.${ext}`);
const exampleBinApp = (variant: Variant): MemoryImage => MemoryImage.from([{ address: LINK_ADDRESS[variant], data: exampleFile(variant, 'bin') }]);

/** A bare app: vector table (SP, Thumb reset handler) at `at`, then a byte pattern; `length` bytes. */
function syntheticApp(at: number, length: number, o: { sp?: number; reset?: number } = {}): MemoryImage {
  const data = Uint8Array.from({ length }, (_, i) => (i * 7 + 3) & 0xff);
  const v = new DataView(data.buffer);
  v.setUint32(0, o.sp ?? 0x2002_0000, true);
  v.setUint32(4, (o.reset ?? at + 0x41) >>> 0, true);
  return MemoryImage.from([{ address: at, data }]);
}

function thrown(fn: () => unknown): ImxflashError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImxflashError) return e;
    throw e;
  }
  throw new Error('expected an ImxflashError, nothing was thrown');
}

const isAll = (bytes: Uint8Array, value: number): boolean => bytes.every((b) => b === value);

describe('golden layouts of the committed blinky apps on RT1052 + IS25WP064A', () => {
  const goldens: ReadonlyArray<{ variant: Variant; ivt: string; bootData: string; summary: string }> = [
    {
      variant: 'ram',
      // entry 0x20002043, dcd 0, boot_data 0x20001020, self 0x20001000, csf 0
      ivt: 'd1 00 20 41 43 20 00 20 00 00 00 00 00 00 00 00 20 10 00 20 00 10 00 20 00 00 00 00 00 00 00 00',
      bootData: '00 00 00 20 0c 21 00 00 00 00 00 00 ff ff ff ff', // {0x20000000, 0x210C, 0, 0xFFFFFFFF}
      summary: 'ROM will copy 8460 bytes (0x210C) from flash offset 0 to 0x20000000, then jump to 0x20002043',
    },
    {
      variant: 'xip',
      ivt: 'd1 00 20 41 43 20 00 60 00 00 00 00 00 00 00 00 20 10 00 60 00 10 00 60 00 00 00 00 00 00 00 00',
      bootData: '00 00 00 60 0c 21 00 00 00 00 00 00 ff ff ff ff', // {0x60000000, 0x210C, 0, 0xFFFFFFFF}
      summary: 'ROM will run the app in place (XIP from 0x60000000): jump to 0x60002043',
    },
    {
      variant: 'ocram',
      // entry 0x2020A043, boot_data 0x20209020, self 0x20209000
      ivt: 'd1 00 20 41 43 a0 20 20 00 00 00 00 00 00 00 00 20 90 20 20 00 90 20 20 00 00 00 00 00 00 00 00',
      bootData: '00 80 20 20 0c 21 00 00 00 00 00 00 ff ff ff ff', // {0x20208000, 0x210C, 0, 0xFFFFFFFF}
      summary: 'ROM will copy 8460 bytes (0x210C) from flash offset 0 to 0x20208000, then jump to 0x2020A043',
    },
  ];

  for (const g of goldens) {
    it(`${g.variant}: FCB at 0, IVT at 0x1000, boot data at 0x1020, 0xFF between, the .bin at 0x2000; 0x210C bytes`, () => {
      const built = buildBootImage(exampleApp(g.variant, 'elf'), opts);
      const b = built.bytes;
      expect(b.length).toBe(0x210c);
      expect(hexBytes(b.subarray(0, 4))).toBe('46 43 46 42');
      expect(b.subarray(0, 0x200)).toEqual(encodeFcb(buildFcb(is25wp064a, rt1052)));
      expect(hexBytes(b.subarray(0x1000, 0x1020))).toBe(g.ivt);
      expect(hexBytes(b.subarray(0x1020, 0x1030))).toBe(g.bootData);
      expect(isAll(b.subarray(0x200, 0x1000), 0xff)).toBe(true);
      expect(isAll(b.subarray(0x1030, 0x2000), 0xff)).toBe(true);
      expect(b.subarray(0x2000)).toEqual(exampleFile(g.variant, 'bin'));
      expect(built.flashBase).toBe(0x6000_0000);
      expect(built.image.startAddress).toBe(0x6000_0000);
      expect(built.report.findings).toEqual([]);
      expect(built.report.rom.summary).toBe(g.summary);
    });
  }

  it('ram: the report decodes what was written, and the ROM plan is a copy of 0x210C bytes to 0x20000000', () => {
    const built = buildBootImage(exampleApp('ram', 'elf'), opts);
    expect(built.mode).toBe('ram');
    expect(built.report.ivt).toMatchObject({ flashAddress: 0x6000_1000, self: 0x2000_1000, bootData: 0x2000_1020, entry: 0x2000_2043, dcd: 0, csf: 0 });
    expect(built.report.bootData).toEqual({ flashAddress: 0x6000_1020, start: 0x2000_0000, size: 0x210c, plugin: 0 });
    expect(built.report.rom).toEqual({
      action: 'copy',
      summary: 'ROM will copy 8460 bytes (0x210C) from flash offset 0 to 0x20000000, then jump to 0x20002043',
      entry: 0x2000_2043,
      initialSp: 0x2002_0000,
      copyBytes: 0x210c,
      destination: 0x2000_0000,
    });
    expect(built.report.fcb).toMatchObject({ flashAddress: 0x6000_0000, flashType: 'spi-nor', clockMhz: 133, readPads: 4, quadEnable: 'fcb-device-mode' });
  });

  it('a user FCB (512 bytes) goes to offset 0 unchanged', () => {
    const fcb = encodeFcb(buildFcb(is25wp064a, rt1052, { quadEnable: 'assume-set', maxFrequencyMhz: 100 }));
    const built = buildBootImage(exampleApp('xip', 'elf'), { ...opts, fcb });
    expect(built.bytes.subarray(0, 0x200)).toEqual(fcb);
    expect(built.report.fcb?.clockMhz).toBe(100);
  });
});

describe('.hex, .srec and .elf of one app give the same image (byte-identical)', () => {
  for (const variant of ['xip', 'ram', 'ocram'] as const) {
    it(variant, () => {
      const [fromElf, fromHex, fromSrec] = (['elf', 'hex', 'srec'] as const).map((ext) => buildBootImage(exampleApp(variant, ext), opts).bytes);
      expect(fromElf!.length).toBe(0x210c);
      expect(fromHex).toEqual(fromElf);
      expect(fromSrec).toEqual(fromElf);
      expect(buildBootImage(exampleBinApp(variant), opts).bytes).toEqual(fromElf);
    });
  }
});

describe('as-is: images that already carry their header', () => {
  const builtRam = () => buildBootImage(exampleApp('ram', 'elf'), opts);

  it('a built image passed back in (as a .bin at 0x60000000) is as-is and comes out byte-identical', () => {
    const first = builtRam();
    const again = buildBootImage(MemoryImage.from([{ address: 0x6000_0000, data: first.bytes }]), opts);
    expect(again.mode).toBe('as-is');
    expect(again.reason).toBe('the input already carries an FCB at 0x60000000 and an IVT at 0x60001000; kept as it is');
    expect(again.layout).toBeUndefined();
    expect(again.bytes).toEqual(first.bytes);
    expect(again.report.rom.summary).toBe(first.report.rom.summary);
  });

  it('the same through Intel HEX (sparse: FCB, IVT + boot data, app)', () => {
    const first = builtRam();
    const again = buildBootImage(readIntelHex(writeIntelHex(first.image), 'built.hex'), opts);
    expect(again.mode).toBe('as-is');
    expect(again.bytes).toEqual(first.bytes);
  });

  it('an image from the IVT on (no FCB) gets the FCB added, and equals the full build', () => {
    const first = builtRam();
    const noFcb = MemoryImage.from([{ address: 0x6000_1000, data: first.bytes.subarray(0x1000) }]);
    const built = buildBootImage(noFcb, opts);
    expect(built.mode).toBe('as-is');
    expect(built.reason).toBe('the input carries an IVT at 0x60001000 but no FCB; the FCB is added, the rest kept');
    expect(built.bytes).toEqual(first.bytes);
  });

  it('a blank FCB area, erased (0xFF) or zeroed as in SPSDK\'s _unsigned.bin (research/spsdk.md §3.6), is replaced by the FCB', () => {
    const first = builtRam();
    for (const fill of [0xff, 0x00]) {
      const blanked = first.bytes.slice();
      blanked.fill(fill, 0, 0x1000);
      const built = buildBootImage(MemoryImage.from([{ address: 0x6000_0000, data: blanked }]), opts);
      expect(built.mode).toBe('as-is');
      expect(built.bytes.subarray(0, 0x200)).toEqual(first.bytes.subarray(0, 0x200));
      expect(isAll(built.bytes.subarray(0x200, 0x1000), fill)).toBe(true);
      expect(built.bytes.subarray(0x1000)).toEqual(first.bytes.subarray(0x1000));
    }
  });

  it('other bytes where the FCB belongs are refused, not overwritten: BOOT_AS_IS_INVALID', () => {
    const junk = builtRam().bytes.slice();
    junk.fill(0xff, 0, 0x1000);
    junk[0x10] = 0x5a;
    const e = thrown(() => buildBootImage(MemoryImage.from([{ address: 0x6000_0000, data: junk }]), opts));
    expect(e.code).toBe('BOOT_AS_IS_INVALID');
    expect(e.message).toContain('0x60000000–0x600001FF');
  });

  it('an as-is image the ROM would not boot is refused with BOOT_AS_IS_INVALID naming the finding', () => {
    const bytes = builtRam().bytes.slice();
    new DataView(bytes.buffer).setUint32(0x1020 + 4, 0x100, true); // boot data size 0x100 < 0x210C
    const e = thrown(() => buildBootImage(MemoryImage.from([{ address: 0x6000_0000, data: bytes }]), opts));
    expect(e.code).toBe('BOOT_AS_IS_INVALID');
    expect(e.message).toContain('boot data size 0x100');
    expect(e.details['findings']).toEqual(['BOOT_DATA_TOO_SHORT', 'ENTRY_OUTSIDE_IMAGE']);
  });

  it('an as-is image with data outside the flash window is refused (its flat binary would drop that data)', () => {
    const stray = builtRam().image.merge(MemoryImage.from([{ address: 0x2000_0000, data: new Uint8Array(16) }]));
    const e = thrown(() => buildBootImage(stray, opts));
    expect(e.code).toBe('BOOT_AS_IS_INVALID');
    expect(e.message).toBe(
      'the input carries its own boot header but spans 0x20000000–0x6000210B, beyond the flash window 0x60000000–0x7F7FFFFF',
    );
  });

  it('--dcd with an as-is image: BOOT_MODE_MISMATCH', () => {
    const dcd = encodeDcd({ version: 0x41, commands: [{ kind: 'nop' }] });
    const e = thrown(() => buildBootImage(MemoryImage.from([{ address: 0x6000_0000, data: builtRam().bytes }]), { ...opts, dcd }));
    expect(e.code).toBe('BOOT_MODE_MISMATCH');
  });
});

describe('explicit --mode', () => {
  const cases: ReadonlyArray<[Variant, BootModeRequest, string]> = [
    ['ram', 'xip', '--mode ram'],
    ['ocram', 'xip', '--mode ram'],
    ['xip', 'ram', '--mode xip'],
    ['xip', 'as-is', '--mode auto'],
  ];
  for (const [variant, mode, hint] of cases) {
    it(`${variant} app with --mode ${mode}: BOOT_MODE_MISMATCH, hint says ${hint}`, () => {
      const e = thrown(() => buildBootImage(exampleApp(variant, 'elf'), { ...opts, mode }));
      expect(e.code).toBe('BOOT_MODE_MISMATCH');
      expect(e.hint).toContain(hint);
    });
  }

  it('the matching explicit mode builds the same bytes as auto', () => {
    expect(buildBootImage(exampleApp('ram', 'elf'), { ...opts, mode: 'ram' }).bytes).toEqual(buildBootImage(exampleApp('ram', 'elf'), opts).bytes);
    expect(buildBootImage(exampleApp('xip', 'elf'), { ...opts, mode: 'xip' }).bytes).toEqual(buildBootImage(exampleApp('xip', 'elf'), opts).bytes);
  });
});

describe('refusals: what the ROM cannot boot, with the linker-script change in the hint', () => {
  it('DTCM app with vectors at 0x20001000 (0x1000 into DTCM): BOOT_APP_TOO_CLOSE_TO_REGION_START', () => {
    const e = thrown(() => buildBootImage(syntheticApp(0x2000_1000, 0x100), opts));
    expect(e.code).toBe('BOOT_APP_TOO_CLOSE_TO_REGION_START');
    expect(e.message).toBe(
      'the vector table at 0x20001000 is 0x1000 bytes into DTCM; the ROM copies the 0x2000-byte boot header in front of the app, so it needs at least 0x2000',
    );
    expect(e.hint).toBe('Link the vector table at 0x20002000 or higher (e.g. ORIGIN = 0x20002000 for the DTCM region in the linker script).');
    expect(e.details).toMatchObject({ vectorTable: 0x2000_1000, regionStart: 0x2000_0000 });
  });

  it('OCRAM app at 0x20202000 (image start 0x20200000, over the ROM\'s 0x20200000–0x20207FFF): BOOT_APP_IN_ROM_RESERVED_RAM', () => {
    const e = thrown(() => buildBootImage(syntheticApp(0x2020_2000, 0x100, { sp: 0x2024_0000 }), opts));
    expect(e.code).toBe('BOOT_APP_IN_ROM_RESERVED_RAM');
    expect(e.message).toBe(
      'the ROM would copy the image to 0x20200000–0x202020FF, over RAM the boot ROM uses (0x20200000–0x20207FFF: inferred from MBU; UNVERIFIED)',
    );
    expect(e.hint).toBe('Link the app so that vector table − 0x2000 is at or above 0x20208000, or use DTCM/ITCM.');
  });

  it('XIP app at 0x60001800, inside the 0x2000-byte header: BOOT_APP_OVERLAPS_HEADER', () => {
    const e = thrown(() => buildBootImage(syntheticApp(0x6000_1800, 0x100), opts));
    expect(e.code).toBe('BOOT_APP_OVERLAPS_HEADER');
    expect(e.message).toBe('the app starts at 0x60001800, inside the boot header area 0x60000000–0x60001FFF (FCB, IVT, boot data)');
    expect(e.hint).toContain('Link the vector table at 0x60002000 or above');
  });

  it('9 MiB XIP app on the 8 MiB IS25WP064A: BOOT_APP_TOO_LARGE with both sizes', () => {
    const e = thrown(() => buildBootImage(syntheticApp(0x6000_2000, 9 << 20), opts));
    expect(e.code).toBe('BOOT_APP_TOO_LARGE');
    expect(e.message).toBe('the boot image needs 9445376 bytes of flash, and the IS25WP064A holds 8388608');
    expect(e.details).toEqual({ bytes: 0x2000 + (9 << 20), flashBytes: 8 << 20 });
    expect(e.hint).toContain('--flash');
  });

  it('an app in ITCM (vectors 0x2000) with data in DTCM (0x20000000): BOOT_LAYOUT_UNSUPPORTED', () => {
    const app = syntheticApp(0x2000, 0x100).merge(MemoryImage.from([{ address: 0x2000_0000, data: new Uint8Array(0x40).fill(0x11) }]));
    const e = thrown(() => buildBootImage(app, opts));
    expect(e.code).toBe('BOOT_LAYOUT_UNSUPPORTED');
    expect(e.message).toBe(
      'the app spans more than one memory region (0x00002000–0x2000003F); the ROM copies one contiguous range into one region',
    );
    expect(e.hint).toContain('same RAM region');
  });

  describe('SEMC SDRAM app at 0x80002000', () => {
    const sdramApp = () => syntheticApp(0x8000_2000, 0x200, { sp: 0x8001_0000 });
    // One Write Data command (CCM_CCGR3 = 0x0FFFFFFF, enabling the SEMC clock), 16 bytes.
    const dcd = encodeDcd({ version: 0x41, commands: [{ kind: 'write', op: 'write', width: 4, writes: [{ address: 0x400f_c074, value: 0x0fff_ffff }] }] });

    it('without --dcd: BOOT_LAYOUT_UNSUPPORTED, hint names --dcd', () => {
      const e = thrown(() => buildBootImage(sdramApp(), opts));
      expect(e.code).toBe('BOOT_LAYOUT_UNSUPPORTED');
      expect(e.message).toBe('the app is linked to SDRAM at 0x80002000, which needs initialising before the ROM can copy into it');
      expect(e.hint).toContain('--dcd');
    });

    it('with a DCD: builds; IVT dcd = self + 0x40 = 0x80001040 and the DCD bytes sit at flash offset 0x1040', () => {
      const built = buildBootImage(sdramApp(), { ...opts, dcd });
      expect(hexBytes(dcd)).toBe('d2 00 10 41 cc 00 0c 04 40 0f c0 74 0f ff ff ff');
      // entry 0x80002041, dcd 0x80001040, boot_data 0x80001020, self 0x80001000
      expect(hexBytes(built.bytes.subarray(0x1000, 0x1020))).toBe('d1 00 20 41 41 20 00 80 00 00 00 00 40 10 00 80 20 10 00 80 00 10 00 80 00 00 00 00 00 00 00 00');
      expect(hexBytes(built.bytes.subarray(0x1020, 0x1030))).toBe('00 00 00 80 00 22 00 00 00 00 00 00 ff ff ff ff');
      expect(built.bytes.subarray(0x1040, 0x1050)).toEqual(dcd);
      expect(isAll(built.bytes.subarray(0x1050, 0x2000), 0xff)).toBe(true);
      expect(built.layout?.dcdAddress).toBe(0x8000_1040);
      expect(built.report.dcd).toEqual({ flashAddress: 0x6000_1040, bytes: 16, commands: ['write32 0x400FC074 = 0x0FFFFFFF'] });
      expect(built.report.findings).toEqual([]);
      expect(built.report.rom.summary).toBe('ROM will copy 8704 bytes (0x2200) from flash offset 0 to 0x80000000, then jump to 0x80002041');
    });

    it('a DCD that does not decode is refused before anything is built (DCD_BAD_HEADER)', () => {
      expect(thrown(() => buildBootImage(sdramApp(), { ...opts, dcd: Uint8Array.of(0xd2, 0x00, 0x04, 0x39) })).code).toBe('DCD_BAD_HEADER');
    });
  });

  it('no vector table at the lowest address: BOOT_NO_VECTOR_TABLE with the two words read', () => {
    const e = thrown(() => buildBootImage(MemoryImage.from([{ address: 0x2000_2000, data: new Uint8Array(0x100) }]), opts));
    expect(e.code).toBe('BOOT_NO_VECTOR_TABLE');
    expect(e.message).toBe("no Cortex-M vector table at the app's lowest address 0x20002000 (initial SP 0x00000000, reset vector 0x00000000)");
    expect(e.hint).toContain('linker script');
  });

  it('an empty image: IMAGE_EMPTY', () => {
    expect(thrown(() => buildBootImage(MemoryImage.empty(), opts)).code).toBe('IMAGE_EMPTY');
  });

  it('a user FCB of 511 bytes: FCB_BAD_SIZE; 512 bytes without the tag: FCB_BAD_TAG', () => {
    const e = thrown(() => buildBootImage(exampleApp('xip', 'elf'), { ...opts, fcb: new Uint8Array(511) }));
    expect(e.code).toBe('FCB_BAD_SIZE');
    expect(e.message).toBe('the FCB file holds 511 bytes; an FCB is exactly 512');
    expect(thrown(() => buildBootImage(exampleApp('xip', 'elf'), { ...opts, fcb: new Uint8Array(512) })).code).toBe('FCB_BAD_TAG');
  });

  it('a user FCB the inspector rejects (166 MHz for a 133 MHz part): BOOT_LAYOUT_UNSUPPORTED naming FCB_CLOCK_TOO_HIGH', () => {
    const fcb = encodeFcb({ ...decodeFcb(encodeFcb(buildFcb(is25wp064a, rt1052))), serialClkFreq: 8 });
    const e = thrown(() => buildBootImage(exampleApp('xip', 'elf'), { ...opts, fcb }));
    expect(e.code).toBe('BOOT_LAYOUT_UNSUPPORTED');
    expect(e.message).toContain('166 MHz');
    expect(e.details['findings']).toEqual(['FCB_CLOCK_TOO_HIGH']);
  });
});

describe('property: buildBootImage returns a bootable image or throws an ImxflashError', () => {
  const chips = ['rt1052', 'rt1170', 'rt1010', 'rt1064', 'rt1020'].map((n) => findChip(n));
  const parts = ['is25wp064a', 's26ks512s', 'w25q64jv', 'is25wp128'].map((n) => findFlashPart(n));
  // Region starts of the chips above (ITCM, DTCM, OCRAM/CM4 TCM, RT1170 OCRAM1, boot flash of RT1170 and RT10xx,
  // RT1064 internal flash, SDRAM), a peripheral address, and the end of the RT10xx FlexSPI window.
  const bases = [0x0, 0x2000_0000, 0x2020_0000, 0x2024_0000, 0x3000_0000, 0x6000_0000, 0x7000_0000, 0x8000_0000, 0x4000_0000, 0x7f7f_0000];
  const rare = <T,>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

  const appArb = fc.record({
    base: fc.constantFrom(...bases),
    offset: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(0x2000, 0x3000, 0xa000) },
      { weight: 1, arbitrary: fc.constantFrom(0, 0x1000, 0x1800, 0x3_f000, 0x7_ff00) },
      { weight: 1, arbitrary: fc.nat({ max: 0x8_0000 }) },
    ),
    length: fc.integer({ min: 1, max: 0x1800 }),
    sp: fc.oneof({ weight: 6, arbitrary: fc.constant(0x2002_0000) }, { weight: 1, arbitrary: fc.constantFrom(0x2024_0000, 0x8001_0000, 0x6000_0000, 0x2000_0003) }),
    /** Where the reset handler points, as a fraction of the app (≥ 1: past its end). */
    resetAt: fc.oneof({ weight: 10, arbitrary: fc.double({ min: 0, max: 0.999, noNaN: true }) }, { weight: 1, arbitrary: fc.double({ min: 1, max: 3, noNaN: true }) }),
    thumb: fc.oneof({ weight: 10, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    /** Another piece: near the app (offset from it) or anywhere in the 32-bit space. */
    extra: rare(
      fc.record({
        near: fc.boolean(),
        offset: fc.integer({ min: -0x4000, max: 0x4000 }),
        address: fc.nat({ max: 0xffff_fff0 }),
        data: fc.uint8Array({ minLength: 1, maxLength: 64 }),
      }),
    ),
    header: rare(fc.record({ offset: fc.nat({ max: 0x2100 }), data: fc.uint8Array({ minLength: 1, maxLength: 48 }) })),
  });
  const modeArb = fc.oneof({ weight: 6, arbitrary: fc.constant<BootModeRequest>('auto') }, { weight: 1, arbitrary: fc.constantFrom<BootModeRequest>('xip', 'ram', 'as-is') });

  it('for random link addresses, sizes, vector tables, modes, chips, parts and DCDs; what it builds passes back as-is unchanged', () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(appArb, modeArb, fc.constantFrom(...chips), fc.constantFrom(...parts), fc.boolean(), (a, mode, chip, part, withDcd) => {
        const at = (a.base + a.offset) >>> 0;
        const data = Uint8Array.from({ length: a.length }, (_, i) => (i * 13 + 1) & 0xff);
        const v = new DataView(data.buffer);
        if (a.length >= 8) {
          v.setUint32(0, a.sp, true);
          v.setUint32(4, ((at + Math.floor(a.resetAt * a.length)) & ~1 | (a.thumb ? 1 : 0)) >>> 0, true);
        }
        const flashBase = chip.flexspi[chip.bootFlexspi]!.ahbWindow.start;
        let app = MemoryImage.from([{ address: at, data }]);
        const extra = a.extra && { address: a.extra.near ? Math.max(0, at + a.extra.offset) : a.extra.address, data: a.extra.data };
        for (const piece of [extra, a.header && { address: flashBase + a.header.offset, data: a.header.data }]) {
          if (!piece) continue;
          try {
            app = app.merge(MemoryImage.from([piece]));
          } catch {
            // overlapping with different bytes: leave this piece out
          }
        }
        // A DCD mostly for SDRAM apps, sometimes for any.
        const dcd = withDcd && (a.base === 0x8000_0000 || a.length % 4 === 0) ? encodeDcd({ version: 0x41, commands: [{ kind: 'nop' }] }) : undefined;
        let built;
        try {
          built = buildBootImage(app, { chip, part, mode, ...(dcd ? { dcd } : {}) });
        } catch (e) {
          expect(e).toBeInstanceOf(ImxflashError);
          const code = (e as ImxflashError).code;
          outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
          return;
        }
        outcomes.set(`built ${built.mode}`, (outcomes.get(`built ${built.mode}`) ?? 0) + 1);
        const again = inspectBootImage(built.image, { chip, part });
        expect(again.findings.filter((f) => f.severity === 'error')).toEqual([]);
        expect(again.rom.action).not.toBe('fallback');
        expect(built.image.startAddress).toBeGreaterThanOrEqual(flashBase);
        const layout = built.layout;
        if (layout) {
          // The IVT and boot data say what the layout planned.
          expect(again.ivt).toMatchObject({ self: layout.ivtSelf, bootData: layout.bootDataAddress, dcd: layout.dcdAddress, entry: layout.entry });
          expect(again.bootData).toMatchObject({ start: layout.imageStart, size: layout.bootDataSize, plugin: 0 });
          // Every byte of the app sits at flash base + (its address − image start).
          for (const seg of app.segments) {
            expect(built.image.read(flashBase + (seg.address - layout.imageStart), seg.data.length)).toEqual(seg.data);
          }
        }
        // The flat binary, read back at the flash base, is as-is and comes out unchanged.
        const back = buildBootImage(MemoryImage.from([{ address: flashBase, data: built.bytes }]), { chip, part });
        expect(back.mode).toBe('as-is');
        expect(Buffer.compare(back.bytes, built.bytes)).toBe(0);
      }),
      { numRuns: 400 },
    );
    // The generator must reach both outcomes, or the property proves little (about 1 run in 6 builds).
    const builtRuns = [...outcomes].filter(([k]) => k.startsWith('built')).reduce((n, [, c]) => n + c, 0);
    expect(builtRuns).toBeGreaterThan(25);
    expect(outcomes.get('built xip')).toBeGreaterThan(3);
    expect(outcomes.get('built ram')).toBeGreaterThan(3);
    expect(400 - builtRuns).toBeGreaterThan(25);
  }, 60_000);
});
