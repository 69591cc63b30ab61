import { describe, expect, it } from 'vitest';
import { buildBootImage } from '../boot-image/build-boot-image.js';
import { findChip } from '../db/chip-lookup.js';
import { findFlashPart } from '../db/flash-part-lookup.js';
import { MemoryImage } from '../image/memory-image.js';
import type { FlashDevice } from '../probe/flash-device.js';
import type { ProgressEvent } from '../progress/progress-event.js';
import { ManualClock } from '../testing/manual-clock.js';
import { MemoryFlashDevice, type MemoryFlashOptions } from '../testing/memory-flash-device.js';
import { flash, type FlashOptions } from './flash-orchestrator.js';

const BASE = 0x6000_0000;
const chip = findChip('rt1052');
const part = findFlashPart('is25wp064a');

/**
 * An XIP app (vector table at 0x60002000, reset handler inside it) built into a boot image, as
 * one flat run from the flash base (the gaps between FCB, IVT and app filled with 0xFF, so old
 * bytes there do not survive).
 */
function bootable(appBytes = 0x300): MemoryImage {
  const app = new Uint8Array(appBytes).fill(0x00);
  const v = new DataView(app.buffer);
  v.setUint32(0, 0x2002_0000, true); // initial SP in DTCM
  v.setUint32(4, 0x6000_2101, true); // reset handler, Thumb
  for (let i = 8; i < appBytes; i++) app[i] = (i * 13) & 0xff;
  const boot = buildBootImage(MemoryImage.from([{ address: 0x6000_2000, data: app }]), { chip, part });
  return MemoryImage.from([{ address: boot.flashBase, data: boot.bytes }]);
}

/** Data that is never 0xFF (so no byte of it looks erased). */
const noise = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => ((i + seed) * 2654435761) >>> 25);

function setup(options: Omit<MemoryFlashOptions, 'timing'> = {}) {
  const clock = new ManualClock();
  const device = new MemoryFlashDevice({ sizeBytes: 0x10_0000, ...options, timing: { clock } });
  const events: ProgressEvent[] = [];
  const opts = (more: Partial<FlashOptions> = {}): FlashOptions => ({ clock, onProgress: (e) => events.push(e), ...more });
  return { clock, device, events, opts };
}

/** Compact event trace: `erase+` start, `erase…` progress (runs collapsed), `erase✓`/`erase✗` end. */
function trace(events: readonly ProgressEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    const s =
      e.type === 'plan-ready' ? 'plan'
      : e.type === 'phase-start' ? `${e.phase}+`
      : e.type === 'phase-progress' ? `${e.phase}…`
      : e.type === 'phase-end' ? `${e.phase}${e.ok ? '✓' : '✗'}`
      : `notice:${e.code}`;
    if (out[out.length - 1] !== s) out.push(s);
  }
  return out;
}

/** The documented order (progress-event.ts), checked on any trace. */
function expectWellOrdered(events: readonly ProgressEvent[]): void {
  let open: { phase: string; total: number; done: number } | undefined;
  let plans = 0;
  events.forEach((e, i) => {
    if (e.type === 'plan-ready') {
      expect(open).toBeUndefined();
      plans++;
    } else if (e.type === 'phase-start') {
      expect(open).toBeUndefined();
      open = { phase: e.phase, total: e.totalBytes, done: 0 };
    } else if (e.type === 'phase-progress') {
      expect(e.phase).toBe(open?.phase);
      expect(e.doneBytes).toBeGreaterThanOrEqual(open!.done);
      open!.done = e.doneBytes;
    } else if (e.type === 'phase-end') {
      expect(e.phase).toBe(open?.phase);
      if (e.ok && open!.total > 0) expect(open!.done).toBe(open!.total);
      if (!e.ok) expect(i).toBe(events.length - 1);
      open = undefined;
    }
  });
  expect(plans).toBeLessThanOrEqual(1);
}

describe('flash()', () => {
  it('erases, programs, verifies and resets, with events in the documented order and times from the Clock', async () => {
    const { clock, device, events, opts } = setup();
    device.poke(BASE, noise(0x2300, 1)); // an old image, as long as the new one
    device.poke(BASE + 0x8000, noise(0x100, 2)); // user data beyond it
    const image = bootable();
    let resets = 0;
    const result = await flash(image, device, opts({ reset: async () => void resets++ }));

    expect(trace(events)).toEqual(['read+', 'read…', 'read✓', 'plan', 'erase+', 'erase…', 'erase✓', 'program+', 'program…', 'program✓', 'verify+', 'verify…', 'verify✓', 'reset+', 'reset✓']);
    expectWellOrdered(events);
    for (const s of image.segments) expect(device.peek(s.address, s.data.length)).toEqual(s.data);
    expect(device.peek(BASE + 0x8000, 0x100)).toEqual(noise(0x100, 2));
    expect(resets).toBe(1);
    expect(result).toMatchObject({
      readBytes: 0x3000,
      erasedBytes: 0x3000,
      skippedBytes: 0,
      preservedBytes: 0,
      verifiedBytes: image.byteCount,
      verify: 'read-back',
      reset: true,
      plan: { chipErase: false, eraseCommands: 3, sectorsErased: 3 },
    });
    expect(result.programmedBytes).toBe(result.plan.programBytes);
    expect(result.phaseMs.erase).toBeGreaterThan(0);
    expect(result.phaseMs.program).toBeGreaterThan(0);
    expect(result.totalMs).toBe(clock.now());
    const plan = events.find((e) => e.type === 'plan-ready');
    expect(plan?.type === 'plan-ready' && plan.plan.totals).toEqual(expect.objectContaining({ eraseBytes: 0x3000 }));
  });

  it('re-flashing unchanged content erases and programs nothing, and still verifies', async () => {
    const { device, events, opts } = setup();
    const image = bootable();
    await flash(image, device, opts());
    events.length = 0;
    const again = await flash(image, device, opts());
    expect(again).toMatchObject({ erasedBytes: 0, programmedBytes: 0, skippedBytes: image.byteCount, verifiedBytes: image.byteCount });
    expect(trace(events)).toEqual(['read+', 'read…', 'read✓', 'plan', 'erase+', 'erase✓', 'program+', 'program✓', 'verify+', 'verify…', 'verify✓']);
  });

  it('keeps data beside the image in partially covered sectors, reading only those when reads are expensive', async () => {
    const { device, opts } = setup({ readCost: 'expensive' });
    device.poke(BASE + 0x2200, noise(0x2000, 3)); // old data under the end of the app and after it
    const image = bootable(); // ends at 0x60002300: sector 2 is partly covered
    const result = await flash(image, device, opts());
    expect(result.readBytes).toBe(0x1000); // sector 2 only
    expect(result.preservedBytes).toBe(0xd00);
    expect(device.peek(BASE + 0x2300, 0x1f00)).toEqual(noise(0x2000, 3).subarray(0x100));
    for (const s of image.segments) expect(device.peek(s.address, s.data.length)).toEqual(s.data);
  });

  it('detects a stuck bit on verify and names the address and the bytes', async () => {
    const { device, events, opts } = setup();
    const image = bootable();
    const stuck = 0x6000_2010;
    const expectedByte = image.read(stuck, 1)[0]!;
    const mask = lowestClearBit(expectedByte);
    const err = await flash(image, withStuckBit(device, stuck, mask), opts()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FLASH_VERIFY_MISMATCH', details: { address: stuck, expected: expectedByte, actual: expectedByte | mask } });
    expect((err as Error).message).toContain('verify failed at 0x60002010');
    expect(trace(events).at(-1)).toBe('verify✗');
    expectWellOrdered(events);
  });

  it('with checksum verify, a mismatch still names the first wrong address', async () => {
    const { device, opts } = setup({ checksum: true });
    const image = bootable();
    const result = await flash(image, device, opts({ verify: 'checksum' }));
    expect(result.verify).toBe('checksum');
    const other = setup({ checksum: true });
    const stuck = 0x6000_1004; // IVT entry field
    const mask = lowestClearBit(image.read(stuck, 1)[0]!);
    await expect(flash(image, withStuckBit(other.device, stuck, mask), other.opts({ verify: 'checksum' }))).rejects.toMatchObject({
      code: 'FLASH_VERIFY_MISMATCH',
      details: { address: stuck },
    });
  });

  it('falls back to read-back, with a notice, when checksum is asked and the device has none', async () => {
    const { device, events, opts } = setup();
    const result = await flash(bootable(), device, opts({ verify: 'checksum' }));
    expect(result.verify).toBe('read-back');
    expect(trace(events)).toContain('notice:VERIFY_READ_BACK');
  });

  it('refuses an image the ROM would not boot before touching the flash, unless raw', async () => {
    const { device, events, opts } = setup();
    device.poke(BASE, noise(0x100, 4));
    const data = MemoryImage.from([{ address: BASE, data: noise(0x1000, 5) }]);
    await expect(flash(data, device, opts({ bootCheck: { chip, part } }))).rejects.toMatchObject({
      code: 'FLASH_NOT_BOOTABLE',
      hint: expect.stringContaining('--raw'),
    });
    expect(device.operations).toEqual([]);
    expect(events).toEqual([]);
    expect(device.peek(BASE, 0x100)).toEqual(noise(0x100, 4));

    await flash(data, device, opts({ bootCheck: { chip, part }, raw: true }));
    expect(device.peek(BASE, 0x1000)).toEqual(noise(0x1000, 5));
  });

  it('accepts a bootable image under the boot check', async () => {
    const { device, opts } = setup();
    await expect(flash(bootable(), device, opts({ bootCheck: { chip, part } }))).resolves.toMatchObject({ verify: 'read-back' });
  });

  it('refuses an image outside the flash before touching it', async () => {
    const { device, opts } = setup();
    const image = MemoryImage.from([{ address: BASE + 0x10_0000 - 4, data: noise(8, 1) }]);
    await expect(flash(image, device, opts())).rejects.toMatchObject({ code: 'FLASH_OUT_OF_RANGE' });
    expect(device.operations).toEqual([]);
  });

  describe('abort', () => {
    it('before anything happened: the flash is unchanged', async () => {
      const { device, opts } = setup();
      const signal = AbortSignal.abort();
      await expect(flash(bootable(), device, opts({ signal }))).rejects.toMatchObject({ code: 'FLASH_ABORTED', details: { state: 'untouched' } });
      expect(device.operations).toEqual([]);
    });

    it('after erasing: rewrites the data beside the image before stopping, and says the flash is partly written', async () => {
      const { device, events, opts } = setup();
      device.poke(BASE, noise(0x3_0000, 6)); // old data everywhere the image goes and beyond
      const image = MemoryImage.from([{ address: BASE + 0x800, data: noise(0x2_0000, 7) }]); // ends mid-sector at 0x60020800
      const ac = new AbortController();
      const onProgress = (e: ProgressEvent) => {
        events.push(e);
        if (e.type === 'phase-start' && e.phase === 'program') ac.abort();
      };
      const err = await flash(image, device, { ...opts(), onProgress, signal: ac.signal }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'FLASH_ABORTED', details: { phase: 'program', state: 'partly-written', programmedBytes: 0 } });
      expect((err as { details: { restoredBytes: number } }).details.restoredBytes).toBeGreaterThan(0);
      // The bytes beside the image survived the read-erase-rewrite, though the image is incomplete.
      expect(device.peek(BASE, 0x800)).toEqual(noise(0x3_0000, 6).subarray(0, 0x800));
      expect(device.peek(BASE + 0x2_0800, 0x800)).toEqual(noise(0x3_0000, 6).subarray(0x2_0800, 0x2_1000));
      expect(device.peek(BASE + 0x2_1000, 0x100)).toEqual(noise(0x3_0000, 6).subarray(0x2_1000, 0x2_1100));
      expect(trace(events).slice(-2)).toEqual(['program+', 'program✗']);
    });

    it('during verify: the image is written but not verified', async () => {
      const { device, opts } = setup();
      const ac = new AbortController();
      const image = MemoryImage.from([{ address: BASE, data: noise(0x2_0000, 8) }]);
      const options = opts({ signal: ac.signal });
      const err = await flash(image, device, {
        ...options,
        onProgress: (e) => {
          options.onProgress?.(e);
          if (e.type === 'phase-start' && e.phase === 'verify') ac.abort();
        },
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'FLASH_ABORTED', details: { phase: 'verify', state: 'written-unverified' } });
      expect(Buffer.from(device.peek(BASE, 0x2_0000)).equals(noise(0x2_0000, 8))).toBe(true);
    });
  });

  it('ends the phase with ok: false and passes a device error on', async () => {
    const { device, events, opts } = setup();
    device.poke(BASE, noise(0x1000, 9));
    const failing: FlashDevice = Object.assign(Object.create(device) as FlashDevice, {
      erase: async () => {
        const { ImxflashError } = await import('../errors/imxflash-error.js');
        throw new ImxflashError('FLASH_ERASE_FAILED', 'erase of 0x60000000 failed');
      },
    });
    await expect(flash(MemoryImage.from([{ address: BASE, data: noise(0x10, 1) }]), failing, opts())).rejects.toMatchObject({ code: 'FLASH_ERASE_FAILED' });
    expect(trace(events).slice(-2)).toEqual(['erase+', 'erase✗']);
    expectWellOrdered(events);
  });
});

function lowestClearBit(byte: number): number {
  const mask = ~byte & (byte + 1) & 0xff;
  if (mask === 0) throw new Error('test set-up: the byte is 0xFF, no bit can be stuck at 1');
  return mask;
}

/** The memory device with one bit that stays 1 when programmed (a worn cell). */
function withStuckBit(device: MemoryFlashDevice, address: number, mask: number): FlashDevice {
  return {
    geometry: device.geometry,
    readCost: device.readCost,
    read: (a, n, p) => device.read(a, n, p),
    erase: (r, p) => device.erase(r, p),
    program: (a, data, p) => {
      const copy = data.slice();
      if (address >= a && address < a + data.length) copy[address - a]! |= mask;
      return device.program(a, copy, p);
    },
    ...(device.checksum ? { checksum: device.checksum } : {}),
  };
}
