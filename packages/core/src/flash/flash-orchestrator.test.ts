import { describe, expect, it } from 'vitest';
import { buildBootImage } from '../boot-image/build-boot-image.js';
import { findChip } from '../db/chip-lookup.js';
import { findFlashPart } from '../db/flash-part-lookup.js';
import { MemoryImage } from '../image/memory-image.js';
import type { FlashDevice } from '../probe/flash-device.js';
import type { ProgressEvent } from '../progress/progress-event.js';
import { ManualClock } from '../testing/manual-clock.js';
import { MemoryFlashDevice, type MemoryFlashOptions } from '../testing/memory-flash-device.js';
import { ImxflashError } from '../errors/imxflash-error.js';
import { flash, type FlashOptions } from './flash-orchestrator.js';
import { preservedBytesOf } from './preserved-bytes.js';

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

  it('re-flashing unchanged content costs only the plan read: nothing erased, programmed or read back', async () => {
    const { device, events, opts } = setup();
    const image = bootable();
    await flash(image, device, opts());
    events.length = 0;
    device.operations.length = 0;
    const again = await flash(image, device, opts());
    expect(again).toMatchObject({ erasedBytes: 0, programmedBytes: 0, skippedBytes: image.byteCount, verifiedBytes: 0, verify: 'read-back' });
    expect(trace(events)).toEqual(['read+', 'read…', 'read✓', 'plan', 'erase+', 'erase✓', 'program+', 'program✓', 'verify+', 'verify✓']);
    expect(device.operations).toEqual([{ op: 'read', address: BASE, bytes: 0x3000 }]);
  });

  it('verifies only what it erased or programmed: a one-page change reads back that page', async () => {
    const { device, opts } = setup();
    const data = noise(0x4000, 11);
    await flash(MemoryImage.from([{ address: BASE, data }]), device, opts());
    const changed = data.slice();
    changed.fill(0xff, 0x1000, 0x1100); // clear a page, then…
    device.poke(BASE + 0x1000, new Uint8Array(0x100).fill(0xff)); // …as if it were erased: a blank page to program
    changed.set(noise(0x100, 12), 0x1000);
    device.operations.length = 0;
    const result = await flash(MemoryImage.from([{ address: BASE, data: changed }]), device, opts());
    expect(result).toMatchObject({ erasedBytes: 0, programmedBytes: 0x100, verifiedBytes: 0x100 });
    expect(device.operations.filter((o) => o.op === 'read').slice(1)).toEqual([{ op: 'read', address: BASE + 0x1000, bytes: 0x100 }]);
    expect(device.peek(BASE, 0x4000)).toEqual(changed);
  });

  it('verifies image bytes in erased pages left blank (0xFF in the image) though nothing programs them', async () => {
    const { device, opts } = setup();
    device.poke(BASE, noise(0x1000, 13));
    const data = noise(0x1000, 14);
    data.fill(0xff, 0x800, 0x900); // one all-0xFF page: erased, not programmed, still checked
    const result = await flash(MemoryImage.from([{ address: BASE, data }]), device, opts());
    expect(result).toMatchObject({ erasedBytes: 0x1000, programmedBytes: 0xf00, verifiedBytes: 0x1000 });
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
    expect((err as Error).message).toContain('the flash differs at 0x60002010');
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

    it('after erasing: the data beside the image was rewritten right after its erase; the flash is partly written', async () => {
      const { device, events, opts } = setup();
      device.poke(BASE, noise(0x3_0000, 6)); // old data everywhere the image goes and beyond
      const image = MemoryImage.from([{ address: BASE + 0x800, data: noise(0x2_0000, 7) }]); // ends mid-sector at 0x60020800
      const ac = new AbortController();
      const onProgress = (e: ProgressEvent) => {
        events.push(e);
        if (e.type === 'phase-start' && e.phase === 'program') ac.abort();
      };
      const err = await flash(image, device, { ...opts(), onProgress, signal: ac.signal }).catch((e: unknown) => e);
      // The pages holding the 0x800 bytes before and after the image: programmed in the erase phase.
      expect(err).toMatchObject({ code: 'FLASH_ABORTED', details: { phase: 'program', state: 'partly-written', programmedBytes: 0x1000, restoredBytes: 0 } });
      expect((err as ImxflashError).details).not.toHaveProperty('atRisk');
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

  describe('device errors after an erase began (DESIGN §6: data beside the image)', () => {
    // Old data everywhere; the image ends mid-sector at both ends, so 0x800 bytes before it and
    // 0x800 after it (sectors 0x60000000 and 0x60020000) are preserved.
    const OLD = noise(0x3_0000, 6);
    const IMAGE = MemoryImage.from([{ address: BASE + 0x800, data: noise(0x2_0000, 7) }]);
    const expectIntact = (device: MemoryFlashDevice) => {
      expect(device.peek(BASE, 0x800)).toEqual(OLD.subarray(0, 0x800));
      expect(device.peek(BASE + 0x2_0800, 0x800)).toEqual(OLD.subarray(0x2_0800, 0x2_1000));
    };

    it('a link lost right after the last partial sector is erased: the error keeps its code and returns the bytes it could not rewrite', async () => {
      const { device, opts } = setup();
      device.poke(BASE, OLD);
      let dead = false;
      const failing = faulty(device, (op, address) => {
        if (dead) return true;
        if (op === 'erase' && address <= BASE + 0x2_0000 && BASE + 0x2_0000 < address + 0x1_0000) dead = true;
        return false;
      });
      const err = (await flash(IMAGE, failing, opts()).catch((e: unknown) => e)) as ImxflashError;
      expect(err).toBeInstanceOf(ImxflashError);
      expect(err.code).toBe('TRANSPORT_DISCONNECTED');
      // Both partial sectors: the first was rewritten right after its own erase, but with the
      // link gone nothing can be read back to confirm it, so its bytes come back too.
      const atRisk = [{ address: BASE, bytes: 0x800 }, { address: BASE + 0x2_0800, bytes: 0x800 }];
      expect(err.details['atRisk']).toEqual(atRisk);
      expect(preservedBytesOf(err)).toEqual([{ address: BASE, data: OLD.slice(0, 0x800) }, { address: BASE + 0x2_0800, data: OLD.slice(0x2_0800, 0x2_1000) }]);
      expect(err.hint).toContain('recovery file');
      expect(err.message).toContain('0x60000000–0x600007FF, 0x60020800–0x60020FFF');
      // JSON (--json output) carries the ranges, not the bytes.
      expect(JSON.parse(JSON.stringify(err))).toEqual({ code: 'TRANSPORT_DISCONNECTED', message: err.message, hint: err.hint, details: { atRisk } });
      expect(device.peek(BASE, 0x800)).toEqual(OLD.subarray(0, 0x800));
      expect(device.peek(BASE + 0x2_0800, 0x800)).toEqual(new Uint8Array(0x800).fill(0xff));

      // What the hint says: flash the image again, then write the returned bytes back (raw).
      await flash(IMAGE, device, opts());
      const recovery = MemoryImage.from(preservedBytesOf(err).map((p) => ({ address: p.address, data: p.data })));
      const back = await flash(recovery, device, opts({ raw: true }));
      expect(back.erasedBytes).toBe(0);
      expectIntact(device);
      expect(device.peek(BASE + 0x800, 0x2_0000)).toEqual(noise(0x2_0000, 7));
    });

    it('a program that fails once: the pages not yet rewritten are rewritten and read back, and the error carries nothing at risk', async () => {
      const { device, opts } = setup();
      device.poke(BASE, OLD);
      let programs = 0;
      const failing = faulty(device, (op) => op === 'program' && ++programs === 1);
      const err = (await flash(IMAGE, failing, opts()).catch((e: unknown) => e)) as ImxflashError;
      expect(err.code).toBe('FLASH_PROGRAM_FAILED');
      expect(err.details).not.toHaveProperty('atRisk');
      expect(preservedBytesOf(err)).toEqual([]);
      expectIntact(device);
    });

    it('a verify mismatch inside preserved bytes: the page that reads back wrong is returned', async () => {
      const { device, opts } = setup();
      device.poke(BASE, OLD);
      const stuck = BASE + 0x10;
      const err = (await flash(IMAGE, withStuckBit(device, stuck, lowestClearBit(OLD[0x10]!)), opts()).catch((e: unknown) => e)) as ImxflashError;
      expect(err.code).toBe('FLASH_VERIFY_MISMATCH');
      expect(err.details).toMatchObject({ address: stuck, atRisk: [{ address: BASE, bytes: 0x100 }] });
      expect(preservedBytesOf(err)).toEqual([{ address: BASE, data: OLD.slice(0, 0x100) }]);
    });

    it('the restore failing too is caught: the original error is thrown with the bytes at risk', async () => {
      const { device, opts } = setup();
      device.poke(BASE, OLD);
      let dead = false;
      // The first erase runs, then the link is gone before its pages are rewritten.
      const failing = faulty(device, (op) => {
        if (dead) return true;
        if (op === 'erase') dead = true;
        return false;
      });
      const err = (await flash(IMAGE, failing, opts()).catch((e: unknown) => e)) as ImxflashError;
      expect(err.code).toBe('TRANSPORT_DISCONNECTED');
      expect(err.details['atRisk']).toEqual([{ address: BASE, bytes: 0x800 }]);
      expect(err.cause).toBeInstanceOf(ImxflashError);
    });

    it('an erase that fails is treated as maybe done: its preserved pages are rewritten (NOR AND keeps old bytes) and read back', async () => {
      const { device, opts } = setup();
      device.poke(BASE, OLD);
      const failing = faulty(device, (op) => op === 'erase');
      const err = (await flash(IMAGE, failing, opts()).catch((e: unknown) => e)) as ImxflashError;
      expect(err.code).toBe('TRANSPORT_DISCONNECTED');
      expect(err.details).not.toHaveProperty('atRisk');
      expectIntact(device);
    });

    it('an abort between erases: every erased sector already holds its preserved bytes again', async () => {
      const { device, opts } = setup();
      device.poke(BASE, OLD);
      const ac = new AbortController();
      let erases = 0;
      const counting = faulty(device, (op) => {
        if (op === 'erase' && ++erases === 2) ac.abort();
        return false;
      });
      const err = (await flash(IMAGE, counting, opts({ signal: ac.signal })).catch((e: unknown) => e)) as ImxflashError;
      expect(err).toMatchObject({ code: 'FLASH_ABORTED', details: { phase: 'erase', state: 'partly-written', restoredBytes: 0 } });
      expect(err.details).not.toHaveProperty('atRisk');
      expectIntact(device);
    });
  });

  describe('operation size', () => {
    const data = noise(0x2_0000, 15);
    const image = MemoryImage.from([{ address: BASE, data }]);
    const programCalls = (d: MemoryFlashDevice) => d.operations.filter((o) => o.op === 'program').map((o) => o.bytes);

    it('programs in 64 KiB pieces by default, and in the pieces the device prefers', async () => {
      const plain = setup();
      await flash(image, plain.device, plain.opts());
      expect(programCalls(plain.device)).toEqual([0x1_0000, 0x1_0000]);

      const big = setup();
      await flash(image, Object.assign(Object.create(big.device) as FlashDevice, { preferredOperationBytes: 0x10_0000 }), big.opts());
      expect(programCalls(big.device)).toEqual([0x2_0000]);
      expect(big.device.operations.filter((o) => o.op === 'read').map((o) => o.bytes)).toEqual([0x2_0000, 0x2_0000]); // plan read, verify
      expect(big.device.peek(BASE, 0x2_0000)).toEqual(data);
    });

    it('an abort is honoured between the preferred pieces (rounded down to whole pages)', async () => {
      const { device, opts } = setup();
      const ac = new AbortController();
      const dev = Object.assign(Object.create(device) as FlashDevice, { preferredOperationBytes: 0x8000 + 0x80 });
      const err = await flash(image, dev, {
        ...opts({ signal: ac.signal }),
        onProgress: (e) => {
          if (e.type === 'phase-progress' && e.phase === 'program') ac.abort();
        },
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'FLASH_ABORTED', details: { phase: 'program', programmedBytes: 0x8000 } });
      expect(programCalls(device)).toEqual([0x8000]);
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

/**
 * The memory device where an operation for which `fail(op, address)` is true throws
 * TRANSPORT_DISCONNECTED before it reaches the flash (a link gone, or a transient error).
 */
function faulty(device: MemoryFlashDevice, fail: (op: 'read' | 'erase' | 'program', address: number) => boolean): FlashDevice {
  const gone = (what: string, address: number) => new ImxflashError('TRANSPORT_DISCONNECTED', `${what} at ${address.toString(16)}: the probe is gone`, { hint: 'Plug it back in.' });
  const failedProgram = (address: number) => new ImxflashError('FLASH_PROGRAM_FAILED', `program at ${address.toString(16)} failed`, { hint: 'Try again.' });
  let programFailures = 0;
  return {
    geometry: device.geometry,
    readCost: device.readCost,
    read: async (a, n, p) => {
      if (fail('read', a)) throw gone('read', a);
      return device.read(a, n, p);
    },
    erase: async (r, p) => {
      if (fail('erase', r[0]!.address)) throw gone('erase', r[0]!.address);
      return device.erase(r, p);
    },
    program: async (a, data, p) => {
      // The first failing program says FLASH_PROGRAM_FAILED unless reads fail too (a gone link).
      if (fail('program', a)) throw programFailures++ === 0 && !fail('read', a) ? failedProgram(a) : gone('program', a);
      return device.program(a, data, p);
    },
  };
}

describe('flash(): block-protected flash', () => {
  it('refuses a plan that writes into a protected range before any erase or program (FLASH_PROTECTED)', async () => {
    const { device, opts } = setup({ initial: noise(0x1_0000, 7) });
    const guarded = Object.assign(device, { protectedRanges: async () => [{ address: BASE, bytes: 0x8000 }] });
    const image = MemoryImage.from([{ address: BASE + 0x7000, data: new Uint8Array(0x2000).fill(0x42) }]);
    const error = await flash(image, guarded, opts({ raw: true })).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ImxflashError);
    expect((error as ImxflashError).code).toBe('FLASH_PROTECTED');
    expect((error as ImxflashError).message).toContain('0x60007000–0x60007FFF');
    expect((error as ImxflashError).hint).toMatch(/block-protect bits/);
    expect(device.operations.filter((o) => o.op === 'erase' || o.op === 'program')).toEqual([]);
  });

  it('writes outside the protected ranges as usual, and reports the time the check took', async () => {
    const { device, opts, clock } = setup();
    const guarded = Object.assign(device, {
      protectedRanges: async () => {
        await clock.sleep(7);
        return [{ address: BASE + 0x8_0000, bytes: 0x8_0000 }];
      },
    });
    const image = MemoryImage.from([{ address: BASE + 0x1000, data: new Uint8Array(0x100).fill(0x42) }]);
    const result = await flash(image, guarded, opts({ raw: true }));
    expect(device.operations.some((o) => o.op === 'program')).toBe(true);
    expect(result.protectionCheckMs).toBe(7);
    const plain = setup();
    expect((await flash(image, plain.device, plain.opts({ raw: true }))).protectionCheckMs).toBe(0);
  });
});

/**
 * A device in the manner of a debugger's flash download (J-Link loadbin): erases wait; a program
 * replaces the waiting erases it covers and compares on the target first, writing nothing when
 * the range already holds the data; waiting erases it only overlaps run before it, disjoint ones
 * keep waiting (a read runs them all).
 */
function comparingDevice(inner: MemoryFlashDevice): FlashDevice & { confirmed: { address: number; bytes: number }[] } {
  type Range = { address: number; bytes: number };
  let pending: Range[] = [];
  const confirmed: Range[] = [];
  const runWhere = async (run: (r: Range) => boolean) => {
    const now = pending.filter(run);
    pending = pending.filter((r) => !run(r));
    if (now.length > 0) await inner.erase(now);
  };
  return {
    geometry: inner.geometry,
    readCost: 'expensive',
    preferredOperationBytes: 0x1_0000,
    confirmed,
    read: async (address, bytes, onProgress) => {
      await runWhere(() => true);
      return inner.read(address, bytes, onProgress);
    },
    erase: async (ranges) => {
      pending.push(...ranges);
    },
    program: async (address, data) => {
      const end = address + data.length;
      const covered = (r: Range) => r.address >= address && r.address + r.bytes <= end;
      const overlaps = (r: Range) => r.address < end && r.address + r.bytes > address;
      await runWhere((r) => overlaps(r) && !covered(r));
      const replaced = pending.filter(covered);
      pending = pending.filter((r) => !covered(r));
      if (inner.peek(address, data.length).every((b, i) => b === data[i])) {
        confirmed.push({ address, bytes: data.length });
        return { unchanged: true };
      }
      if (replaced.length > 0) await inner.erase(replaced);
      await inner.program(address, data);
      return undefined;
    },
  };
}

describe('flash(): a device that compares on the target (FlashDevice.program → unchanged)', () => {
  const image = MemoryImage.from([{ address: BASE, data: noise(0x2_0000, 3) }]);

  it('an unchanged re-flash is confirmed on the target: nothing erased, written or read back', async () => {
    const { device, opts } = setup();
    await flash(image, device, opts({ raw: true }));
    device.operations.length = 0;
    const comparing = comparingDevice(device);
    const again = await flash(image, comparing, opts({ raw: true }));
    expect(again).toMatchObject({ programmedBytes: 0, confirmedBytes: 0x2_0000, verifiedBytes: 0 });
    expect(comparing.confirmed).toEqual([{ address: BASE, bytes: 0x1_0000 }, { address: BASE + 0x1_0000, bytes: 0x1_0000 }]);
    expect(device.operations).toEqual([]);
    expect(device.peek(BASE, 0x2_0000)).toEqual(image.segments[0]!.data);
  });

  it('a changed piece is written and read back; the unchanged piece is neither', async () => {
    const { device, opts } = setup();
    await flash(image, device, opts({ raw: true }));
    device.operations.length = 0;
    const changed = image.segments[0]!.data.slice();
    changed[0x1_2345] = changed[0x1_2345]! ^ 0xff;
    const result = await flash(MemoryImage.from([{ address: BASE, data: changed }]), comparingDevice(device), opts({ raw: true }));
    expect(result).toMatchObject({ programmedBytes: 0x1_0000, confirmedBytes: 0x1_0000, verifiedBytes: 0x1_0000 });
    expect(device.operations.filter((o) => o.op === 'read')).toEqual([{ op: 'read', address: BASE + 0x1_0000, bytes: 0x1_0000 }]);
    expect(device.peek(BASE, 0x2_0000)).toEqual(changed);
  });
});
