import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChildProcessRunner, NodeFileSystem } from '@imxflash/bindings-node';
import { buildBootImage, FILE_SYSTEM, findChip, findFlashPart, flash, parseFirmware, parseProbeSelector, PROCESS_RUNNER, systemClock } from '@imxflash/core';
import { createSimBoard, createSimJlinkInstallations, loadBoardState, runBootRom } from '@imxflash/sim';
import { rolldown } from 'rolldown';
import { container } from 'tsyringe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeJlinkHost } from '../discovery/node-jlink-host.js';
import { JlinkDriver } from '../driver/jlink-driver.js';
import { JLINK_HOST } from '../driver/jlink-options.js';
import { registerJlinkDriver } from '../driver/register.js';

const chip = findChip('rt1052');
const part = findFlashPart('is25wp064a');
let root = '';
let standIn = '';

// The stand-in as a real executable: its entry bundled into one ES module that each fake
// install's JLinkExe (a node script) imports; the board lives in a state file between processes.
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'imxflash-jlink-proc-'));
  standIn = path.join(root, 'jlink-stand-in.mjs');
  const entry = fileURLToPath(new URL('../../../sim/src/jlink/stand-in-main.ts', import.meta.url));
  const bundle = await rolldown({ input: entry, platform: 'node', resolve: { conditionNames: ['@imxflash/source', 'import', 'node'] }, logLevel: 'silent' });
  await bundle.write({ file: standIn, format: 'esm', inlineDynamicImports: true });
  await bundle.close();
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('J-Link driver through real JLinkExe processes (sim stand-in executables)', () => {
  it('discovers by banner, switches V6.82d → V7.94g, flashes blinky into the state file, and the ROM boots it', async () => {
    const statePath = path.join(root, 'board.bin');
    const installs = path.join(root, 'SEGGER');
    await createSimJlinkInstallations(installs, ['6.82d', '7.94g'], { boardStatePath: statePath, standInModule: standIn });
    const c = container.createChildContainer();
    c.register(PROCESS_RUNNER, { useValue: new ChildProcessRunner() });
    c.register(FILE_SYSTEM, { useValue: new NodeFileSystem() });
    c.register(JLINK_HOST, { useValue: { ...nodeJlinkHost(), env: {} } });
    registerJlinkDriver(c, { searchFolders: [installs], version: '6.82d', policy: 'auto' });
    const driver = c.resolve(JlinkDriver);

    const { installations } = await driver.discover();
    expect(installations.map((i) => [path.basename(i.dir), i.versionSource])).toEqual([
      ['JLink_V794g', 'banner'],
      ['JLink_V682d', 'banner'],
    ]);
    expect((await driver.list()).map((p) => p.serial)).toEqual(['801000001']);
    const session = await driver.open(parseProbeSelector('jlink'), { clock: systemClock });
    const device = await session.attachFlash({ chip, part });
    const file = fileURLToPath(new URL('../../../../examples/blinky/out/blinky-ram.hex', import.meta.url));
    const boot = buildBootImage(parseFirmware(readFileSync(file), file), { chip, part });
    await flash(boot.image, device, { clock: systemClock, bootCheck: { chip, part }, reset: () => session.reset('system') });
    await session[Symbol.asyncDispose]();

    const board = createSimBoard({ state: await loadBoardState(statePath) });
    for (const seg of boot.image.segments) expect(board.flash.peek(seg.address - 0x6000_0000, seg.data.length)).toEqual(seg.data);
    const verdict = runBootRom(board);
    expect(verdict.verdict, verdict.verdict === 'serial-downloader' ? verdict.reason : '').toBe('booted');
  }, 120_000);
});
