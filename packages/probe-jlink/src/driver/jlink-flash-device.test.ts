import { findChip, findFlashPart, flash, ImxflashError, MemoryImage, type ProgressEvent } from '@imxflash/core';
import { ManualClock } from '@imxflash/core/testing';
import { describe, expect, it } from 'vitest';
import type { JlinkOperation } from '../script/flash-script.js';
import { JLINK_OPERATION_BYTES, JlinkFlashDevice } from './jlink-flash-device.js';

/** A batch runner over a byte array with flash-download semantics (what loadbin does), recording each run. */
function fakeJlink(size = 0x10000, base = 0x6000_0000) {
  const cells = new Uint8Array(size).fill(0x00);
  const runs: JlinkOperation['kind'][][] = [];
  const run = async (ops: readonly JlinkOperation[]) => {
    runs.push(ops.map((o) => o.kind));
    const reads = new Map<number, Uint8Array>();
    const unchanged = new Set<number>();
    ops.forEach((op, i) => {
      if (op.kind === 'erase') cells.fill(0xff, op.address - base, op.address - base + op.bytes);
      if (op.kind === 'program') {
        // loadbin: compare first, skip when the flash already holds the file.
        if (cells.subarray(op.address - base, op.address - base + op.data.length).every((b, k) => b === op.data[k])) unchanged.add(i);
        else cells.set(op.data, op.address - base);
      }
      if (op.kind === 'read') reads.set(i, cells.slice(op.address - base, op.address - base + op.bytes));
    });
    return { reads, unchanged };
  };
  const device = new JlinkFlashDevice({ base, sizeBytes: size, pageBytes: 256, eraseUnits: [{ bytes: 4096 }] }, run);
  return { cells, runs, device };
}

describe('JlinkFlashDevice', () => {
  it('asks flash() for 1 MiB pieces: a 2 MiB image is two program runs (the erases left to loadbin) and two verify reads, not 64', async () => {
    const { device, runs, cells } = fakeJlink(0x40_0000);
    const data = Uint8Array.from({ length: 0x20_0000 }, (_, i) => (i * 7) & 0x7f);
    expect(device.preferredOperationBytes).toBe(JLINK_OPERATION_BYTES);
    const result = await flash(MemoryImage.from([{ address: 0x6000_0000, data }]), device, { clock: new ManualClock() });
    expect(result).toMatchObject({ verifiedBytes: 0x20_0000, programmedBytes: 0x20_0000, confirmedBytes: 0 });
    expect(runs).toEqual([['program'], ['program'], ['read'], ['read']]);
    expect(Buffer.from(cells.subarray(0, 0x20_0000)).equals(data)).toBe(true); // (deep equality on 2 MiB is slow)
  });
  it('an unchanged re-flash is two loadbins the DLL skips: confirmed on the target, nothing read back', async () => {
    const { device, runs } = fakeJlink(0x40_0000);
    const image = MemoryImage.from([{ address: 0x6000_0000, data: Uint8Array.from({ length: 0x20_0000 }, (_, i) => (i * 7) & 0x7f) }]);
    await flash(image, device, { clock: new ManualClock() });
    runs.length = 0;
    const again = await flash(image, device, { clock: new ManualClock() });
    expect(again).toMatchObject({ programmedBytes: 0, confirmedBytes: 0x20_0000, verifiedBytes: 0 });
    expect(runs).toEqual([['program'], ['program']]);
  });
  it('runs a pending erase that reaches beyond the program in the same JLinkExe run, first; keeps disjoint ones waiting', async () => {
    const { device, runs, cells } = fakeJlink();
    await device.erase([{ address: 0x6000_0000, bytes: 0x2000 }, { address: 0x6000_8000, bytes: 0x1000 }]);
    expect(runs).toEqual([]);
    await device.program(0x6000_0100, Uint8Array.of(1, 2, 3));
    expect(runs).toEqual([['erase', 'program']]);
    expect(cells.subarray(0xff, 0x104)).toEqual(Uint8Array.of(0xff, 1, 2, 3, 0xff));
    expect(cells[0x8000]).toBe(0x00);
    await device.flush();
    expect(runs).toEqual([['erase', 'program'], ['erase']]);
    expect(cells[0x8000]).toBe(0xff);
  });
  it('leaves an erase the program covers to loadbin: the bytes end as the data, and unchanged data is reported so', async () => {
    const { device, runs, cells } = fakeJlink();
    const data = new Uint8Array(0x1000).fill(0x5a);
    await device.erase([{ address: 0x6000_1000, bytes: 0x1000 }]);
    expect(await device.program(0x6000_1000, data)).toEqual({ unchanged: false });
    expect(runs).toEqual([['program']]);
    expect(cells.subarray(0x1000, 0x2000)).toEqual(data);
    await device.erase([{ address: 0x6000_1000, bytes: 0x1000 }]);
    expect(await device.program(0x6000_1000, data)).toEqual({ unchanged: true });
    expect(runs).toEqual([['program'], ['program']]);
  });
  it('programs unknown bytes as old AND new (NOR semantics) after one read run', async () => {
    const { device, runs, cells } = fakeJlink();
    cells.set([0x3c, 0xff], 0x10);
    await device.program(0x6000_0010, Uint8Array.of(0xf0, 0x0f));
    expect(runs).toEqual([['read'], ['program']]);
    expect(cells.subarray(0x10, 0x12)).toEqual(Uint8Array.of(0x30, 0x0f));
  });
  it('flush runs erases still pending; bad ranges are refused before anything runs', async () => {
    const { device, runs, cells } = fakeJlink();
    await expect(device.erase([{ address: 0x6000_0100, bytes: 0x1000 }])).rejects.toMatchObject({ code: 'FLASH_ERASE_UNALIGNED' });
    await expect(device.read(0x6001_0000, 1)).rejects.toMatchObject({ code: 'FLASH_OUT_OF_RANGE' });
    await device.erase([{ address: 0x6000_1000, bytes: 0x1000 }]);
    await device.flush();
    expect(runs).toEqual([['erase']]);
    expect(cells[0x1000]).toBe(0xff);
  });
  it('protection it cannot read (no mem32 line it understands) is skipped with a notice; a failed JLinkExe run stops', async () => {
    const geometry = { base: 0x6000_0000, sizeBytes: 0x80_0000, pageBytes: 256, eraseUnits: [{ bytes: 4096 }] };
    const target = { chip: findChip('rt1052'), part: findFlashPart('is25wp064a') };
    const events: ProgressEvent[] = [];
    const mute = new JlinkFlashDevice(geometry, async () => ({ reads: new Map(), unchanged: new Set() }), { ...target, notify: (e) => events.push(e) });
    expect(await mute.protectedRanges!()).toEqual([]);
    expect(events).toEqual([expect.objectContaining({ type: 'notice', code: 'JLINK_PROTECTION_NOT_CHECKED', text: expect.stringContaining('J-Link returned no word') })]);
    const gone = new ImxflashError('JLINK_NO_PROBE', 'no J-Link', { hint: 'Plug it in.' });
    const broken = new JlinkFlashDevice(geometry, async () => Promise.reject(gone), target);
    await expect(broken.protectedRanges!()).rejects.toBe(gone);
  });
});
