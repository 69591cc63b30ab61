import { flash, MemoryImage, type ProgressEvent } from '@imxflash/core';
import { createSimBoard } from '@imxflash/sim';
import { describe, expect, it } from 'vitest';
import { sdpSimRig } from './sim-rig.js';

const BASE = 0x6000_0000;

/** A serial-downloader board whose flash status register 1 reads `sr1` (the rest as shipped). */
function boardWithStatus(sr1: number) {
  const state = createSimBoard({ boot: 'serial-downloader', flashContents: Uint8Array.from({ length: 8192 }, (_, i) => i & 0xff) }).exportState();
  return { state: { ...state, statusRegisters: [sr1, ...state.statusRegisters.slice(1)] } };
}

describe.each(['hid', 'uart'] as const)('block protection over sdp/%s (status read through the ROM before the flashloader)', (link) => {
  it('BP bits set: the device reports the whole array protected and flash() refuses before any erase', async () => {
    const rig = sdpSimRig(link, { board: boardWithStatus(0x40 | 0x0c) });
    const session = await rig.open();
    const device = await session.attachFlash({ chip: rig.board.chip, part: rig.board.part });
    expect(await device.protectedRanges!()).toEqual([{ address: BASE, bytes: rig.board.part.sizeBytes }]);
    const before = rig.board.flash.peek(0, 0x2_0000);
    const erases = rig.board.flash.faults.eraseCount;
    const image = MemoryImage.from([{ address: BASE + 0x1_0000, data: new Uint8Array(4096).fill(0x42) }]);
    await expect(flash(image, device, { clock: rig.board.clock, raw: true })).rejects.toMatchObject({ code: 'FLASH_PROTECTED', hint: expect.stringMatching(/BP/) });
    expect(rig.board.flash.faults.eraseCount).toBe(erases);
    expect(rig.board.flash.peek(0, 0x2_0000)).toEqual(before);
    await session.close();
  });

  it('QE alone (and WEL) protects nothing: the write goes in', async () => {
    const rig = sdpSimRig(link, { board: boardWithStatus(0x40) });
    const session = await rig.open();
    const device = await session.attachFlash({ chip: rig.board.chip, part: rig.board.part });
    expect(await device.protectedRanges!()).toEqual([]);
    const image = MemoryImage.from([{ address: BASE + 0x1_0000, data: new Uint8Array(4096).fill(0x42) }]);
    await flash(image, device, { clock: rig.board.clock, raw: true });
    expect(rig.board.flash.peek(0x1_0000, 4096).every((b) => b === 0x42)).toBe(true);
    await session.close();
  });
});

describe('block protection when the session starts on a running flashloader', () => {
  it('is not checked (the flashloader cannot read the status register), and the session says so', async () => {
    const rig = sdpSimRig('hid', { board: boardWithStatus(0x0c) });
    const first = await rig.open();
    await first.attachFlash({ chip: rig.board.chip, part: rig.board.part });
    await first.close();
    const events: ProgressEvent[] = [];
    const second = await rig.driver.open({ text: 'sdp:hid', driver: 'sdp', link: 'usb' }, { clock: rig.board.clock, onProgress: (e) => events.push(e) });
    const device = await second.attachFlash({ chip: rig.board.chip, part: rig.board.part });
    expect(device.protectedRanges).toBeUndefined();
    expect(events).toContainEqual(expect.objectContaining({ type: 'notice', code: 'SDP_PROTECTION_NOT_CHECKED', text: expect.stringContaining('reset the board') }));
    await second[Symbol.asyncDispose]();
  });
});
