import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeFcb } from '../boot/fcb.js';
import { buildFcb } from '../boot/fcb-builder.js';
import { encodeIvt } from '../boot/ivt.js';
import { findChip } from '../db/chip-lookup.js';
import { findFlashPart } from '../db/flash-part-lookup.js';
import { ImxflashError } from '../errors/imxflash-error.js';
import { MemoryImage } from '../image/memory-image.js';
import { hexBytes } from '../util/hex.js';
import { chooseBootMode, findInputHeaders, planBootLayout, type BootLayout } from './boot-layout.js';
import type { BootModeRequest } from './boot-mode.js';
import { regionAt } from './memory-map.js';

/*
 * Layout rules (research/spsdk.md §3.3–3.6, research/imxrt.md §5 steps 5–8): image start =
 * vector table − 0x2000 (XIP: the flash base), IVT self = image start + 0x1000, boot data at
 * IVT + 0x20, DCD at IVT + 0x40, boot data size = 0x2000 + app length.
 */

const rt1052 = findChip('rt1052');
const rt1170 = findChip('rt1170');
const is25wp064a = findFlashPart('is25wp064a');

const example = (variant: 'xip' | 'ram' | 'ocram'): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../../examples/blinky/out/blinky-${variant}.bin`, import.meta.url)));

/** A bare app: vector table (SP, Thumb reset handler) at `at`, then a byte pattern, `length` bytes. */
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

const plan = (app: MemoryImage, chip = rt1052, o: { dcdBytes?: number } = {}): BootLayout => {
  const { mode, reason } = chooseBootMode(app, chip, 'auto');
  if (mode === 'as-is') throw new Error('unexpected as-is');
  return planBootLayout(app, chip, is25wp064a, mode, reason, o);
};

describe('planBootLayout: the committed blinky apps (examples/blinky/out/README.md)', () => {
  it('DTCM app at 0x20002000: copy 0x210C bytes to 0x20000000, IVT self 0x20001000', () => {
    const app = MemoryImage.from([{ address: 0x2000_2000, data: example('ram') }]);
    expect(plan(app)).toEqual({
      mode: 'ram',
      reason: 'the app starts at 0x20002000, in DTCM: the ROM copies the image from flash to 0x20000000 and runs it there (non-XIP)',
      flashBase: 0x6000_0000,
      fcbFlashAddress: 0x6000_0000,
      ivtFlashAddress: 0x6000_1000,
      imageStart: 0x2000_0000,
      ivtSelf: 0x2000_1000,
      bootDataAddress: 0x2000_1020,
      dcdAddress: 0,
      bootDataSize: 0x210c,
      vectorTable: 0x2000_2000,
      entry: 0x2000_2043,
      initialSp: 0x2002_0000,
      appStart: 0x2000_2000,
      appEnd: 0x2000_210c,
      destination: regionAt(rt1052, 0x2000_0000),
    });
    expect(plan(app).destination?.name).toBe('DTCM');
  });

  it('XIP app at 0x60002000: image start = flash base, IVT self 0x60001000, nothing copied', () => {
    const app = MemoryImage.from([{ address: 0x6000_2000, data: example('xip') }]);
    expect(plan(app)).toMatchObject({
      mode: 'xip',
      reason: 'the app starts at 0x60002000, in the FlexSPI window: the ROM runs it in place (XIP)',
      imageStart: 0x6000_0000,
      ivtSelf: 0x6000_1000,
      bootDataAddress: 0x6000_1020,
      bootDataSize: 0x210c,
      entry: 0x6000_2043,
      destination: undefined,
    });
  });

  it('OCRAM app at 0x2020A000: image start 0x20208000, just above the ROM-reserved OCRAM', () => {
    const app = MemoryImage.from([{ address: 0x2020_a000, data: example('ocram') }]);
    expect(plan(app)).toMatchObject({
      mode: 'ram',
      imageStart: 0x2020_8000,
      ivtSelf: 0x2020_9000,
      bootDataAddress: 0x2020_9020,
      bootDataSize: 0x210c,
      entry: 0x2020_a043,
      initialSp: 0x2024_0000,
    });
    expect(plan(app).destination?.name).toBe('OCRAM');
  });
});

describe('planBootLayout: SPSDK golden numbers (research/spsdk.md §3.6)', () => {
  // The raw SPSDK app is 12808 (0x3208) bytes with its reset handler at +0x305.
  it('RAM app at 0x20002000: IVT self 0x20001000, entry 0x20002305, BD start 0x20000000, size 0x5208', () => {
    const l = plan(syntheticApp(0x2000_2000, 0x3208, { reset: 0x2000_2305 }));
    expect([l.ivtSelf, l.entry, l.bootDataAddress, l.imageStart, l.bootDataSize]).toEqual([0x2000_1000, 0x2000_2305, 0x2000_1020, 0x2000_0000, 0x5208]);
  });

  it('XIP app at 0x60002000: with SPSDK\'s version 0x40 the IVT is SPSDK\'s golden bytes', () => {
    const l = plan(syntheticApp(0x6000_2000, 0x3208, { reset: 0x6000_2305 }));
    expect(l.bootDataSize).toBe(0x5208);
    const ivt = encodeIvt({ version: 0x40, entry: l.entry, reserved1: 0, dcd: l.dcdAddress, bootData: l.bootDataAddress, self: l.ivtSelf, csf: 0, reserved2: 0 });
    expect(hexBytes(ivt)).toBe('d1 00 20 40 05 23 00 60 00 00 00 00 00 00 00 00 20 10 00 60 00 10 00 60 00 00 00 00 00 00 00 00');
  });

  it('SDRAM app at 0x80002000 with a DCD: IVT self 0x80001000, DCD at 0x80001040', () => {
    const l = plan(syntheticApp(0x8000_2000, 0x3094, { reset: 0x8000_2305, sp: 0x8001_0000 }), rt1052, { dcdBytes: 0x45c });
    expect([l.ivtSelf, l.bootDataAddress, l.dcdAddress, l.imageStart, l.entry, l.bootDataSize]).toEqual([
      0x8000_1000, 0x8000_1020, 0x8000_1040, 0x8000_0000, 0x8000_2305, 0x5094,
    ]);
    expect(l.destination?.name).toBe('SDRAM');
  });

  it('RT1170 ITCM app at 0x3000 (rt1170_RAM_unsigned): BD start 0x1000, IVT self 0x2000, size 0x786C, FCB at 0x30000400', () => {
    const l = plan(syntheticApp(0x3000, 0x786c - 0x2000, { reset: 0x34e1 }), rt1170);
    expect(l).toMatchObject({
      mode: 'ram',
      flashBase: 0x3000_0000,
      fcbFlashAddress: 0x3000_0400,
      ivtFlashAddress: 0x3000_1000,
      imageStart: 0x1000,
      ivtSelf: 0x2000,
      bootDataSize: 0x786c,
      entry: 0x34e1,
    });
  });

  it('ITCM app at 0x2000: image start 0x0 is allowed (vector − region base = 0x2000 exactly)', () => {
    const l = plan(syntheticApp(0x2000, 0x100));
    expect([l.imageStart, l.ivtSelf, l.bootDataAddress, l.bootDataSize]).toEqual([0, 0x1000, 0x1020, 0x2100]);
  });
});

describe('planBootLayout refusals that the builder tests do not reach', () => {
  it('DCD on a chip whose ROM runs none (RT1170): BOOT_LAYOUT_UNSUPPORTED naming XMCD', () => {
    const e = thrown(() => plan(syntheticApp(0x3000, 0x100), rt1170, { dcdBytes: 16 }));
    expect(e.code).toBe('BOOT_LAYOUT_UNSUPPORTED');
    expect(e.message).toBe('i.MX RT1160/RT1170 does not run a DCD from the boot image');
    expect(e.hint).toContain('XMCD');
  });

  it('a DCD larger than 0x2000 − 0x1000 − 0x40 = 4032 bytes: DCD_TOO_LARGE; 4032 itself fits', () => {
    const app = syntheticApp(0x8000_2000, 0x100, { sp: 0x8001_0000 });
    expect(thrown(() => plan(app, rt1052, { dcdBytes: 4033 })).code).toBe('DCD_TOO_LARGE');
    expect(thrown(() => plan(app, rt1052, { dcdBytes: 4033 })).message).toContain('4033 bytes');
    expect(plan(app, rt1052, { dcdBytes: 4032 }).dcdAddress).toBe(0x8000_1040);
  });

  it('an XIP app running past the end of the FlexSPI window 0x7F7FFFFF: BOOT_APP_OUTSIDE_MEMORY', () => {
    const e = thrown(() => plan(syntheticApp(0x7f7f_fff0, 0x20, { reset: 0x7f7f_fff9 })));
    expect(e.code).toBe('BOOT_APP_OUTSIDE_MEMORY');
    expect(e.message).toBe('the app ends at 0x7F80000F, past the flash window end 0x7F7FFFFF');
  });

  it('called directly with mode ram for a flash-linked app: BOOT_MODE_MISMATCH, not a TypeError', () => {
    const e = thrown(() => planBootLayout(syntheticApp(0x6000_2000, 0x100), rt1052, is25wp064a, 'ram', 'test'));
    expect(e.code).toBe('BOOT_MODE_MISMATCH');
    expect(e.message).toContain('0x60002000');
  });
});

describe('findInputHeaders', () => {
  const fcb = encodeFcb(buildFcb(is25wp064a, rt1052));
  const ivt = encodeIvt({ version: 0x41, entry: 0x6000_2043, reserved1: 0, dcd: 0, bootData: 0x6000_1020, self: 0x6000_1000, csf: 0, reserved2: 0 });

  it('sees the FCB tag at the chip\'s FCB offset and the IVT header D1 00 20 at 0x1000', () => {
    expect(findInputHeaders(MemoryImage.from([{ address: 0x6000_0000, data: fcb }]), rt1052)).toEqual({ fcb: true, ivt: false });
    expect(findInputHeaders(MemoryImage.from([{ address: 0x6000_1000, data: ivt }]), rt1052)).toEqual({ fcb: false, ivt: true });
    expect(findInputHeaders(MemoryImage.from([{ address: 0x2000_2000, data: example('ram') }]), rt1052)).toEqual({ fcb: false, ivt: false });
  });

  it('looks at 0x30000400 on RT1170, not at the RT1050 offset 0', () => {
    expect(findInputHeaders(MemoryImage.from([{ address: 0x3000_0400, data: fcb }]), rt1170)).toEqual({ fcb: true, ivt: false });
    expect(findInputHeaders(MemoryImage.from([{ address: 0x3000_0000, data: fcb }]), rt1170)).toEqual({ fcb: false, ivt: false });
    expect(findInputHeaders(MemoryImage.from([{ address: 0x6000_0400, data: fcb }]), rt1052)).toEqual({ fcb: false, ivt: false });
  });

  it('needs tag 0xD1 and length 0x0020 big-endian', () => {
    const wrongLength = ivt.slice();
    wrongLength[2] = 0x28;
    expect(findInputHeaders(MemoryImage.from([{ address: 0x6000_1000, data: wrongLength }]), rt1052).ivt).toBe(false);
  });
});

describe('chooseBootMode', () => {
  const built = MemoryImage.from([
    { address: 0x6000_0000, data: encodeFcb(buildFcb(is25wp064a, rt1052)) },
    { address: 0x6000_1000, data: encodeIvt({ version: 0x41, entry: 0x6000_2043, reserved1: 0, dcd: 0, bootData: 0x6000_1020, self: 0x6000_1000, csf: 0, reserved2: 0 }) },
    { address: 0x6000_2000, data: example('xip') },
  ]);
  const ram = MemoryImage.from([{ address: 0x2000_2000, data: example('ram') }]);
  const xip = MemoryImage.from([{ address: 0x6000_2000, data: example('xip') }]);

  it('auto: XIP for a flash-linked app, RAM for a DTCM app, as-is for a finished image, each with its reason', () => {
    expect(chooseBootMode(xip, rt1052, 'auto')).toEqual({ mode: 'xip', reason: 'the app starts at 0x60002000, in the FlexSPI window: the ROM runs it in place (XIP)' });
    expect(chooseBootMode(ram, rt1052, 'auto')).toEqual({
      mode: 'ram',
      reason: 'the app starts at 0x20002000, in DTCM: the ROM copies the image from flash to 0x20000000 and runs it there (non-XIP)',
    });
    expect(chooseBootMode(built, rt1052, 'auto')).toEqual({
      mode: 'as-is',
      reason: 'the input already carries an FCB at 0x60000000 and an IVT at 0x60001000; kept as it is',
    });
    expect(chooseBootMode(built.slice(0x6000_1000, 0x6001_0000), rt1052, 'auto')).toEqual({
      mode: 'as-is',
      reason: 'the input carries an IVT at 0x60001000 but no FCB; the FCB is added, the rest kept',
    });
  });

  it('an explicit mode that matches the link address is taken', () => {
    expect(chooseBootMode(xip, rt1052, 'xip').mode).toBe('xip');
    expect(chooseBootMode(ram, rt1052, 'ram').mode).toBe('ram');
    expect(chooseBootMode(built, rt1052, 'as-is').mode).toBe('as-is');
  });

  const mismatch = (app: MemoryImage, request: BootModeRequest) => thrown(() => chooseBootMode(app, rt1052, request));

  it('--mode xip for a DTCM app: BOOT_MODE_MISMATCH, hint says --mode ram', () => {
    const e = mismatch(ram, 'xip');
    expect(e.code).toBe('BOOT_MODE_MISMATCH');
    expect(e.message).toBe('--mode xip needs an app linked in the flash window 0x60000000–0x7F7FFFFF; this one starts at 0x20002000 (DTCM)');
    expect(e.hint).toContain('--mode ram');
  });

  it('--mode ram for a flash-linked app: BOOT_MODE_MISMATCH, hint says --mode xip', () => {
    const e = mismatch(xip, 'ram');
    expect(e.code).toBe('BOOT_MODE_MISMATCH');
    expect(e.message).toBe('--mode ram needs an app linked in RAM; this one starts at 0x60002000, in the flash window 0x60000000–0x7F7FFFFF');
    expect(e.hint).toContain('--mode xip');
  });

  it('--mode as-is for a bare app: BOOT_MODE_MISMATCH naming the IVT address', () => {
    const e = mismatch(ram, 'as-is');
    expect(e.code).toBe('BOOT_MODE_MISMATCH');
    expect(e.message).toBe('--mode as-is needs an IVT at 0x60001000, and the input has none');
  });

  it('--mode xip or ram for an image that already has its header: BOOT_MODE_MISMATCH, hint says --mode as-is', () => {
    for (const request of ['xip', 'ram'] as const) {
      const e = mismatch(built, request);
      expect(e.code).toBe('BOOT_MODE_MISMATCH');
      expect(e.message).toBe(`--mode ${request} builds the boot header around a bare app, and the input already carries an IVT at 0x60001000`);
      expect(e.hint).toContain('--mode as-is');
    }
  });

  it('auto with an FCB but no IVT: BOOT_MODE_MISMATCH that does not blame an --mode the user never gave', () => {
    const e = mismatch(built.slice(0x6000_0000, 0x6000_0200).merge(xip), 'auto');
    expect(e.code).toBe('BOOT_MODE_MISMATCH');
    expect(e.message).toBe('the input carries an FCB at 0x60000000 but no IVT at 0x60001000: it is neither a finished boot image nor a bare app');
    expect(e.message).not.toContain('--mode');
  });

  it('an app linked outside flash and RAM (peripheral space 0x40000000): BOOT_APP_OUTSIDE_MEMORY', () => {
    const e = thrown(() => chooseBootMode(syntheticApp(0x4000_0000, 0x100), rt1052, 'auto'));
    expect(e.code).toBe('BOOT_APP_OUTSIDE_MEMORY');
    expect(e.message).toBe('the app starts at 0x40000000, which is neither in the boot flash window nor in RAM of i.MX RT1050');
    expect(e.hint).toContain('0x60002000');
  });

  it('an empty image: IMAGE_EMPTY', () => {
    expect(thrown(() => chooseBootMode(MemoryImage.empty(), rt1052, 'auto')).code).toBe('IMAGE_EMPTY');
  });
});
