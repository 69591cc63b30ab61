import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimBoard } from '../board/create-sim-board.js';
import { RawNorHost } from '../board/testing/raw-nor-host.js';
import { crc32, encodeBoardState } from './board-state-codec.js';
import { defaultSimStatePath, loadBoardState, saveBoardState, tryLoadBoardState } from './board-state-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imxflash-sim-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('board state file', () => {
  it('lets a second run continue with the board the first run left (flash, QE, fuses, boot pins)', async () => {
    const path = join(dir, 'nested', 'board.bin');
    const first = createSimBoard({ boot: 'serial-downloader', fuses: { 0x450: 0x10 } });
    const host = new RawNorHost(first);
    host.bringUp();
    host.writeStatus(0x40); // QE (IS25WP064A SR1 bit 6)
    host.programPage(0x2000, Uint8Array.of(0xca, 0xfe));
    await saveBoardState(first, path);
    expect(statSync(path).size).toBeLessThan(5000); // one 4 KiB chunk + header, not 8 MiB
    expect(readdirSync(join(dir, 'nested'))).toEqual(['board.bin']); // no temporary file left

    const second = createSimBoard({ state: await loadBoardState(path, { chip: 'rt1052', flash: 'IS25WP064A-JBLE' }) });
    expect(second.flash.peek(0x2000, 3)).toEqual(Uint8Array.of(0xca, 0xfe, 0xff));
    expect(second.flash.exportState().statusRegisters[0]).toBe(0x40);
    expect(second.peripherals.src.bootMode).toBe(1);
    expect(second.bus.read32(0x401f_4450)).toBe(0x10);
  });

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'board.bin');
    await saveBoardState(createSimBoard({ flashContents: new Uint8Array(1 << 20) }), path);
    await saveBoardState(createSimBoard(), path);
    expect((await loadBoardState(path)).flashArray[0]).toBe(0xff);
    expect(readdirSync(dir)).toEqual(['board.bin']);
  });

  it('a missing file: FILE_NOT_FOUND from loadBoardState, undefined from tryLoadBoardState', async () => {
    const path = join(dir, 'none.bin');
    await expect(loadBoardState(path)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(await tryLoadBoardState(path)).toBeUndefined();
  });

  it('a file for another chip or flash than requested: SIM_STATE_MISMATCH naming both', async () => {
    const path = join(dir, 'board.bin');
    await saveBoardState(createSimBoard(), path);
    await expect(loadBoardState(path, { chip: 'rt1062' })).rejects.toMatchObject({
      code: 'SIM_STATE_MISMATCH',
      message: `${path} is for rt1050 with is25wp064a, not rt1060 with is25wp064a`,
      hint: expect.stringContaining('--chip rt1050 --flash is25wp064a'),
    });
    await expect(loadBoardState(path, { flash: 'w25q64jv' })).rejects.toMatchObject({ code: 'SIM_STATE_MISMATCH' });
  });

  it('a corrupt or foreign file: SIM_STATE_INVALID', async () => {
    const path = join(dir, 'board.bin');
    writeFileSync(path, 'not a state file');
    await expect(loadBoardState(path)).rejects.toMatchObject({ code: 'SIM_STATE_INVALID' });
    await saveBoardState(createSimBoard(), path);
    writeFileSync(path, readFileSync(path).subarray(0, 40));
    await expect(tryLoadBoardState(path)).rejects.toMatchObject({ code: 'SIM_STATE_INVALID' });
  });

  it('a well-formed file naming an unknown chip: SIM_STATE_INVALID', async () => {
    const path = join(dir, 'board.bin');
    writeFileSync(path, encodeBoardState({ ...createSimBoard().exportState(), chipId: 'rt9999' }));
    await expect(loadBoardState(path)).rejects.toMatchObject({ code: 'SIM_STATE_INVALID', message: expect.stringContaining("chip 'rt9999'") });
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf4_3926); // the standard check value
  });

  it('an unwritable place: OUTPUT_WRITE_FAILED, and no temporary file left', async () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, '');
    await expect(saveBoardState(createSimBoard(), join(blocker, 'board.bin'))).rejects.toMatchObject({ code: 'OUTPUT_WRITE_FAILED' });
    expect(readdirSync(dir)).toEqual(['file']);
  });

  it('defaultSimStatePath: $XDG_CACHE_HOME or ~/.cache, canonical chip and part ids', () => {
    expect(defaultSimStatePath('rt1052', 'IS25WP064A', { XDG_CACHE_HOME: '/var/cache/u' }, '/home/u')).toBe(
      join('/var/cache/u', 'imxflash', 'sim-state-rt1050-is25wp064a.bin'),
    );
    expect(defaultSimStatePath('MIMXRT1062', 'w25q64jv', {}, '/home/u')).toBe(join('/home/u', '.cache', 'imxflash', 'sim-state-rt1060-w25q64jv.bin'));
    expect(defaultSimStatePath('rt1050', 'is25wp064a', { XDG_CACHE_HOME: 'relative' }, '/home/u')).toBe(
      join('/home/u', '.cache', 'imxflash', 'sim-state-rt1050-is25wp064a.bin'),
    );
    expect(() => defaultSimStatePath('rt9999', 'is25wp064a', {}, '/h')).toThrow(expect.objectContaining({ code: 'CHIP_UNKNOWN' }));
  });
});
