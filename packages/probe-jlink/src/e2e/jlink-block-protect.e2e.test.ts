import { findChip, findFlashPart, flash, MemoryImage, parseProbeSelector } from '@imxflash/core';
import { createSimBoard } from '@imxflash/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { jlinkSimRig } from './jlink-sim-rig.js';

const chip = findChip('rt1052');
const part = findFlashPart('is25wp064a');
const BASE = 0x6000_0000;
const rigs: { cleanup(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.cleanup();
});

const pattern = Uint8Array.from({ length: 0x2_0000 }, (_, i) => (i * 11 + (i >>> 8)) & 0xff);
const image = MemoryImage.from([{ address: BASE + 0x1_0000, data: new Uint8Array(4096).fill(0x42) }]);

/** V7.94g on an RT1052 board whose flash holds `pattern`; `bp` ORed into the status register (ISSI BP0–3 = 0x3c). */
async function rig(bp: number) {
  const r = await jlinkSimRig(['7.94g']);
  rigs.push(r);
  const state = createSimBoard({ chip: 'rt1052', flash: 'is25wp064a', flashContents: pattern }).exportState();
  r.board.importState({ ...state, statusRegisters: [state.statusRegisters[0]! | bp, ...state.statusRegisters.slice(1)] });
  return r;
}

/** The commands JLinkExe echoed (V7.60+ prints `J-Link>cmd`), one list per run. */
const commandsOf = (r: Awaited<ReturnType<typeof jlinkSimRig>>) =>
  r.runner.runs.filter((run) => run.args.includes('-Device')).map((run) => run.result.stdout.split('\n').filter((l) => l.startsWith('J-Link>')).map((l) => l.slice(7).split(' ')[0]!));

describe('J-Link block-protect check on the sim (w4/mem32 register programs)', () => {
  it('a protected flash is refused with FLASH_PROTECTED after two register runs, before any erase or loadbin', async () => {
    const r = await rig(0x3c);
    const erases = r.board.flash.faults.eraseCount;
    const session = await r.driver.open(parseProbeSelector('jlink'), r.context);
    const device = await session.attachFlash({ chip, part });
    await expect(flash(image, device, { clock: r.board.clock, raw: true })).rejects.toMatchObject({
      code: 'FLASH_PROTECTED',
      hint: expect.stringContaining('block-protect'),
      details: { protected: [{ address: BASE + 0x1_0000, bytes: 4096 }] },
    });
    await session[Symbol.asyncDispose]();
    const runs = commandsOf(r);
    expect(runs).toHaveLength(2);
    for (const cmds of runs) expect(cmds.some((c) => /^(erase|loadbin|verifybin|savebin)$/i.test(c))).toBe(false);
    expect(runs[1]).toEqual(expect.arrayContaining(['w4', 'Sleep', 'mem32']));
    expect(r.board.flash.faults.eraseCount).toBe(erases);
    expect(r.board.flash.peek(0, pattern.length)).toEqual(pattern);
    expect(r.board.exportState().statusRegisters[0]! & 0x3c).toBe(0x3c); // the check reads, never clears
  });

  it('an unprotected flash: protectedRanges() is [] and the image flashes as before, the check runs first', async () => {
    const r = await rig(0);
    const session = await r.driver.open(parseProbeSelector('jlink'), r.context);
    const device = await session.attachFlash({ chip, part });
    const t0 = r.board.clock.now();
    expect(await device.protectedRanges!()).toEqual([]);
    const checkMs = r.board.clock.now() - t0;
    const t1 = r.board.clock.now();
    const result = await flash(image, device, { clock: r.board.clock, raw: true });
    const flashMs = r.board.clock.now() - t1;
    await session[Symbol.asyncDispose]();
    expect(result.verifiedBytes).toBe(4096);
    expect(r.board.flash.peek(0x1_0000, 4096)).toEqual(new Uint8Array(4096).fill(0x42));
    expect(r.board.flash.peek(0, 0x1_0000)).toEqual(pattern.subarray(0, 0x1_0000));
    expect(r.board.flash.peek(0x1_1000, pattern.length - 0x1_1000)).toEqual(pattern.subarray(0x1_1000));
    // Two check runs by hand, then flash(): its own two check runs come before the first erase/loadbin.
    const runs = commandsOf(r);
    const firstWrite = runs.findIndex((cmds) => cmds.some((c) => /^(erase|loadbin)$/i.test(c)));
    expect(runs.slice(2, firstWrite).filter((cmds) => cmds.includes('mem32'))).toHaveLength(2);
    console.log(`J-Link (sim, V7.94g): the block-protect check costs ${checkMs.toFixed(1)} ms modelled (2 JLinkExe runs); a 4 KiB flash took ${flashMs.toFixed(0)} ms with it`);
  });

  it('a HyperFlash part gets no protectedRanges (flash() skips the check)', async () => {
    const r = await jlinkSimRig(['7.94g']);
    rigs.push(r);
    const session = await r.driver.open(parseProbeSelector('jlink'), r.context);
    const device = await session.attachFlash({ chip, part: findFlashPart('s26ks512s') });
    expect(device.protectedRanges).toBeUndefined();
    const spiNor = await session.attachFlash({ chip, part });
    expect(typeof spiNor.protectedRanges).toBe('function');
    await session[Symbol.asyncDispose]();
  });
});
