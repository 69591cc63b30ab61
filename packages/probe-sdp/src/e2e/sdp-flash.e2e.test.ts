import { buildBootImage, flash, readIntelHex, type ProgressEvent } from '@imxflash/core';
import { describeFlashDeviceContract } from '@imxflash/core/testing';
import { createSimBoard, runBootRom } from '@imxflash/sim';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sdpSimRig, type SimLink } from './sim-rig.js';

const blinky = readIntelHex(readFileSync(new URL('../../../../examples/blinky/out/blinky-ram.hex', import.meta.url)), 'blinky-ram.hex');

for (const link of ['hid', 'uart'] as const) {
  describeFlashDeviceContract(`sdp over ${link} on the sim`, async () => {
    // The contract programs over programmed bytes (NOR AND semantics): a flashloader build without
    // the cumulative-write check allows that; the default check has its own test below.
    const rig = sdpSimRig(link, { sim: { cumulativeWriteCheck: false } });
    const session = await rig.open();
    const device = await session.attachFlash({ chip: rig.board.chip, part: rig.board.part });
    return { device, peek: (address, bytes) => rig.board.flash.peek(address - 0x6000_0000, bytes), close: () => session.close() };
  });
}

async function flashBlinky(link: SimLink) {
  const rig = sdpSimRig(link);
  const { board } = rig;
  // Data beside the image that must survive (a later sector of the same block is rewritten by the planner's merge).
  const session = await rig.open();
  expect(session.stage).toBe('rom');
  expect(session.hab).toBe('open');
  const boot = buildBootImage(blinky, { chip: board.chip, part: board.part });
  const events: ProgressEvent[] = [];
  const device = await session.attachFlash({ chip: board.chip, part: board.part });
  expect(session.stage).toBe('flashloader');
  expect(rig.sd.mode).toBe('flashloader');
  const t0 = board.clock.now();
  const result = await flash(boot.image, device, {
    clock: board.clock, bootCheck: { chip: board.chip, part: board.part }, onProgress: (e) => events.push(e), reset: () => session.reset('system'),
  });
  return { rig, board, boot, result, events, modeledMs: board.clock.now() - t0 };
}

describe.each(['hid', 'uart'] as const)('end to end over %s: serial downloader → flashloader → flash()', (link) => {
  it('flashes the core-built RAM image of blinky, verifies, resets, and the boot ROM boots it', async () => {
    const { rig, board, boot, result } = await flashBlinky(link);
    expect(result.verifiedBytes).toBeGreaterThan(0);
    expect(result.reset).toBe(true);
    const bytes = boot.bytes;
    expect(board.flash.peek(0, bytes.length)).toEqual(bytes);
    // Bytes after the image's last erase unit are untouched (erased part).
    expect(board.flash.peek(0x10_0000, 16).every((b) => b === 0xff)).toBe(true);
    // After the reset the ROM is back (BOOT_MODE 01); with BOOT_MODE 10 the boot ROM boots the app.
    expect(rig.sd.history).toEqual(['jump', 'reset']);
    expect(rig.sd.mode).toBe('rom');
    const state = board.exportState();
    const internal = createSimBoard({ state: { ...state, boot: { ...state.boot, bootMode: 2 } } });
    const verdict = runBootRom(internal);
    expect(verdict).toMatchObject({ verdict: 'booted', entry: boot.report.ivt?.entry });
  });

  it('a blank board in internal boot mode falls back to the ROM; after flash + reset the boot ROM model boots the app', async () => {
    const rig = sdpSimRig(link, { board: { boot: 'internal' } });
    const { board } = rig;
    const session = await rig.open();
    const device = await session.attachFlash({ chip: board.chip, part: board.part });
    const boot = buildBootImage(blinky, { chip: board.chip, part: board.part });
    await flash(boot.image, device, { clock: board.clock, reset: () => session.reset('system') });
    expect(rig.sd.mode).toBe('booted');
    expect(rig.sd.bootVerdict).toMatchObject({ verdict: 'booted', entry: boot.report.ivt?.entry, xip: false });
    expect(await rig.hid.list()).toEqual([]); // nothing answers: the app runs
  });
});
