import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildBootImage, findChip, findFlashPart, flash, parseFirmware, parseProbeSelector, PROBE_DRIVER } from '@imxflash/core';
import { runBootRom } from '@imxflash/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { jlinkSimRig, jlinkSimRigWithPath } from './jlink-sim-rig.js';

const chip = findChip('rt1052');
const part = findFlashPart('is25wp064a');
const rigs: { cleanup(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.cleanup();
});

function blinkyBootImage() {
  const file = fileURLToPath(new URL('../../../../examples/blinky/out/blinky-ram.hex', import.meta.url));
  return buildBootImage(parseFirmware(readFileSync(file), file), { chip, part });
}
async function rig(...args: Parameters<typeof jlinkSimRig>) {
  const r = await jlinkSimRig(...args);
  rigs.push(r);
  return r;
}
const scratchLeft = async () => (await readdir(tmpdir())).filter((n) => n.startsWith('imxflash-jlink-') && !n.startsWith('imxflash-jlink-e2e-'));

describe('J-Link driver end to end on the sim (stand-in JLinkExe installs)', () => {
  it('lists all installs and the J-Link; pinned V6.82d under auto switches to V7.94g, flashes blinky, the ROM boots it', async () => {
    const before = await scratchLeft();
    const r = await rig(['6.62a', '6.82d', '7.94g'], { version: '6.82d', policy: 'auto' });
    const { installations } = await r.driver.discover();
    expect(installations.map((i) => [i.dir.slice(r.root.length + 1), i.versionSource])).toEqual([
      ['JLink_V794g', 'banner'],
      ['JLink_V682d', 'banner'],
      ['JLink_V662a', 'banner'],
    ]);
    expect((await r.driver.installations({ chip, part })).find((i) => i.version === 'V6.82d')?.knownIssues.map((k) => k.id)).toEqual(['rt105x-qspi-4byte-loader']);
    expect(await r.driver.list()).toEqual([
      { driver: 'jlink', id: '801000001', serial: '801000001', link: 'usb', description: 'J-Link V11 (J-Link software V7.94g)', access: 'ok' },
    ]);

    const session = await r.driver.open(parseProbeSelector('jlink'), r.context);
    const device = await session.attachFlash({ chip, part });
    expect(device.readCost).toBe('expensive');
    expect(r.events).toContainEqual({ type: 'notice', code: 'jlink-version-switched', text: expect.stringContaining('using V7.94g') });

    const boot = blinkyBootImage();
    const t0 = r.board.clock.now();
    const result = await flash(boot.image, device, { clock: r.board.clock, bootCheck: { chip, part }, reset: () => session.reset('system') });
    expect(result.verifiedBytes).toBeGreaterThan(0);
    for (const seg of boot.image.segments) expect(r.board.flash.peek(seg.address - 0x6000_0000, seg.data.length)).toEqual(seg.data);
    const verdict = runBootRom(r.board);
    expect(verdict.verdict, verdict.verdict === 'serial-downloader' ? verdict.reason : '').toBe('booted');
    await session[Symbol.asyncDispose]();

    // Every run used V7.94g with the QSPI loader suffix, ExitOnError and -NoGui; scratch folders are gone.
    const flashRuns = r.runner.runs.filter((run) => run.args.includes('-Device'));
    expect(flashRuns.length).toBeGreaterThan(0);
    for (const run of flashRuns) {
      expect(run.exe).toMatch(/JLink_V794g\/JLinkExe$/);
      expect(run.args).toEqual(expect.arrayContaining(['-NoGui', '1', '-ExitOnError', '1', '-Device', 'MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI']));
      expect(run.result.exitCode).toBe(0);
    }
    expect(await scratchLeft()).toEqual(before);
    console.log(`J-Link (sim, V7.94g): ${boot.bytes.length} bytes flashed in ${(r.board.clock.now() - t0).toFixed(0)} ms modelled, ${flashRuns.length} JLinkExe runs`);
  });

  it('strict with only V6.82d refuses before running anything, explaining the RT105x QSPI bug and the fix', async () => {
    const r = await rig(['6.82d'], { policy: 'strict' });
    const session = await r.driver.open(parseProbeSelector('jlink:801000001'), r.context);
    const runsBefore = r.runner.runs.length;
    const error = await session.attachFlash({ chip, part }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'JLINK_KNOWN_ISSUE',
      message: expect.stringContaining('Writing target memory failed.'),
      hint: expect.stringMatching(/V6\.82 to V6\.84b \(fixed in V6\.86\).*--probe sdp.*--probe cmsis-dap/s),
      details: { version: 'V6.82d', policy: 'strict', alternatives: [] },
    });
    expect(r.runner.runs.length).toBe(runsBefore);
  });

  it('strict with V6.82d pinned among V6.62a and V7.94g refuses and names both alternatives', async () => {
    const r = await rig(['6.62a', '6.82d', '7.94g'], { version: 'V6.82d', policy: 'strict' });
    const session = await r.driver.open(parseProbeSelector('jlink'), r.context);
    await expect(session.attachFlash({ chip, part })).rejects.toMatchObject({
      code: 'JLINK_KNOWN_ISSUE',
      details: { version: 'V6.82d', alternatives: ['V7.94g', 'V6.62a'] },
      hint: expect.stringContaining('Installed versions without this issue: V7.94g, V6.62a'),
    });
  });

  it('a configured install folder (V6.62a) is used as a pin: no -NoGui, the XML override, and the ROM boots the result', async () => {
    const r = await rig(['6.62a', '7.94g'], { policy: 'strict' });
    const dir = r.installs.find((i) => i.version === 'V6.62a')!.dir;
    const r2 = await jlinkSimRigWithPath(r, dir);
    const session = await r2.driver.open(parseProbeSelector('jlink'), r.context);
    const device = await session.attachFlash({ chip, part });
    const boot = blinkyBootImage();
    await flash(boot.image, device, { clock: r.board.clock, bootCheck: { chip, part }, reset: () => session.reset('system') });
    await session[Symbol.asyncDispose]();
    const flashRuns = r.runner.runs.filter((run) => run.args.includes('-Device'));
    expect(flashRuns.every((run) => run.exe.endsWith('JLink_V662a/JLinkExe') && !run.args.includes('-NoGui') && run.args.includes('-SettingsFile'))).toBe(true);
    expect(runBootRom(r.board).verdict).toBe('booted');
  });

  it('warn with only V6.82d runs through the override XML and fails with the mapped "Writing target memory failed."', async () => {
    const r = await rig(['6.82d'], { policy: 'warn' });
    const session = await r.driver.open(parseProbeSelector('jlink'), r.context);
    const device = await session.attachFlash({ chip, part });
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'notice', code: 'jlink-known-issue:rt105x-qspi-4byte-loader' }));
    const boot = blinkyBootImage();
    const error = await flash(boot.image, device, { clock: r.board.clock }).then(
      () => undefined,
      (e: unknown) => e as { code: string; hint: string; details: Record<string, unknown>; cause?: { code: string; hint: string; details: Record<string, unknown> } },
    );
    // The orchestrator may wrap the device error (FLASH_ABORTED-style); the J-Link error is the cause then.
    const jlinkError = error?.code?.startsWith('JLINK_') ? error : error?.cause;
    expect(jlinkError).toMatchObject({ code: 'JLINK_WRITE_FAILED', details: { knownIssue: 'rt105x-qspi-4byte-loader', version: 'V6.82d' } });
    expect(jlinkError!.hint).toMatch(/known issue rt105x-qspi-4byte-loader.*--probe sdp.*--probe cmsis-dap/s);
    // The run used the settings-file XML with the install's QSPI loader (V6.82d has no loader suffix).
    const run = r.runner.runs.at(-1)!;
    expect(run.args).toContain('-SettingsFile');
    expect(run.args).toEqual(expect.arrayContaining(['-NoGui', '1', '-ExitOnError', '1', '-Device', 'MIMXRT1052xxxxB']));
    expect(run.result.stdout).toContain('Writing target memory failed.');
    expect(r.board.flash.peek(0x1000, 4)).toEqual(new Uint8Array(4).fill(0xff));
  });

  it('registers under PROBE_DRIVER and resolves with the rest of the drivers', async () => {
    const r = await rig(['7.94g']);
    expect(r.driver.name).toBe('jlink');
    expect(PROBE_DRIVER).toBeTypeOf('symbol');
  });
});
