import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimBoard } from '../board/create-sim-board.js';
import { createSimJlinkInstallations, SIM_JLINK_MARKER } from './sim-jlink-installations.js';
import { simJlinkProcessRunner } from './sim-jlink-process-runner.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

function memFiles() {
  const map = new Map<string, Uint8Array>();
  return {
    map,
    readFile: async (p: string) => {
      const d = map.get(p);
      if (d === undefined) throw new Error(`ENOENT ${p}`);
      return d;
    },
    writeFile: async (p: string, d: Uint8Array) => void map.set(p, d),
    exists: async (p: string) => map.has(p),
  };
}

describe('createSimJlinkInstallations', () => {
  it('lays out versioned folders with the stock XML, the loaders each version ships and a marker', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'imxflash-sim-jlink-'));
    dirs.push(root);
    const made = await createSimJlinkInstallations(root, ['6.82d', 'V7.94e'], { boardStatePath: path.join(root, 'board.bin') });
    expect(made.map((m) => path.basename(m.dir))).toEqual(['JLink_V682d', 'JLink_V794e']);
    const has = (p: string) => stat(p).then(() => true, () => false);
    expect(await has(path.join(root, 'JLink_V682d/Devices/NXP/iMXRT105x/NXP_iMXRT105x_QSPI.elf'))).toBe(true);
    expect(await has(path.join(root, 'JLink_V794e/Devices/NXP/iMXRT105x/NXP_iMXRT105x_QSPI.elf'))).toBe(false);
    expect(await readFile(path.join(root, 'JLink_V794e/JLinkDevices.xml'), 'utf8')).toContain('NXP_iMXRT105x_HyperFlash.elf');
    expect(JSON.parse(await readFile(path.join(root, 'JLink_V682d', SIM_JLINK_MARKER), 'utf8'))).toEqual({ version: 'V6.82d', boardStatePath: path.join(root, 'board.bin') });
    expect((await stat(made[0]!.exe)).mode & 0o111).not.toBe(0);
  });
});

describe('simJlinkProcessRunner', () => {
  it('runs the version named by the folder, on the board, with modelled time and the timeout', async () => {
    const board = createSimBoard();
    const files = memFiles();
    files.map.set('/t/c.jlink', new TextEncoder().encode('exit\n'));
    const runner = simJlinkProcessRunner({ board, files });
    const r = await runner.run('/opt/SEGGER/JLink_V682d/JLinkExe', ['-CommandFile', '/t/c.jlink'], { timeoutMs: 10_000 });
    expect(r).toMatchObject({ exitCode: 0, timedOut: false, stdout: expect.stringMatching(/^SEGGER J-Link Commander V6\.82d /) });
    expect(runner.runs[0]!.modelledMs).toBeGreaterThan(0);
    const slow = await runner.run('/opt/SEGGER/JLink_V794e/JLinkExe', ['-CommandFile', '/t/c.jlink'], { timeoutMs: 1 });
    expect(slow).toMatchObject({ exitCode: null, timedOut: true });
    await expect(runner.run('/usr/bin/true', [], { timeoutMs: 1000 })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
