import { flash, MemoryImage } from '@imxflash/core';
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
    ops.forEach((op, i) => {
      if (op.kind === 'erase') cells.fill(0xff, op.address - base, op.address - base + op.bytes);
      if (op.kind === 'program') cells.set(op.data, op.address - base);
      if (op.kind === 'read') reads.set(i, cells.slice(op.address - base, op.address - base + op.bytes));
    });
    return reads;
  };
  const device = new JlinkFlashDevice({ base, sizeBytes: size, pageBytes: 256, eraseUnits: [{ bytes: 4096 }] }, run);
  return { cells, runs, device };
}

describe('JlinkFlashDevice', () => {
  it('asks flash() for 1 MiB pieces: a 2 MiB image is two program runs (erases folded in) and two verify reads, not 64', async () => {
    const { device, runs, cells } = fakeJlink(0x40_0000);
    const data = Uint8Array.from({ length: 0x20_0000 }, (_, i) => (i * 7) & 0x7f);
    expect(device.preferredOperationBytes).toBe(JLINK_OPERATION_BYTES);
    const result = await flash(MemoryImage.from([{ address: 0x6000_0000, data }]), device, { clock: new ManualClock() });
    expect(result.verifiedBytes).toBe(0x20_0000);
    // (The fake has 4 KiB sectors only: the first run holds all 512 erases, then the program.)
    expect(runs.map((r) => [...new Set(r)].join('+'))).toEqual(['erase+program', 'program', 'read', 'read']);
    expect(Buffer.from(cells.subarray(0, 0x20_0000)).equals(data)).toBe(true); // (deep equality on 2 MiB is slow)
  });
  it('runs a pending erase in the same JLinkExe run as the next program, without reading erased bytes', async () => {
    const { device, runs, cells } = fakeJlink();
    await device.erase([{ address: 0x6000_0000, bytes: 0x2000 }]);
    expect(runs).toEqual([]);
    await device.program(0x6000_0100, Uint8Array.of(1, 2, 3));
    expect(runs).toEqual([['erase', 'program']]);
    expect(cells.subarray(0xff, 0x104)).toEqual(Uint8Array.of(0xff, 1, 2, 3, 0xff));
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
});
