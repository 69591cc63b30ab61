import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImxflashError } from '../errors/imxflash-error.js';
import { loadFirmwareFile } from './load-firmware-file.js';

describe('loadFirmwareFile', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imxflash-fw-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads and parses a file, naming it by the path given', async () => {
    const path = join(dir, 'app.hex');
    await writeFile(path, ':0100100007E8\n:0100100009E6\n:00000001FF\n');
    await expect(loadFirmwareFile(path)).rejects.toMatchObject({ code: 'IMAGE_OVERLAP', message: `${path}:1 and ${path}:2 both write 0x00000010 with different bytes (0x07 vs 0x09)` });
    await writeFile(path, ':0100100007E8\n:00000001FF\n');
    const img = await loadFirmwareFile(path);
    expect(img.segments.map((s) => [s.address, Array.from(s.data), s.data.constructor.name])).toEqual([[0x10, [7], 'Uint8Array']]);
  });

  it('passes options through (a raw binary at a base address)', async () => {
    const path = join(dir, 'app.bin');
    await writeFile(path, Uint8Array.of(1, 2, 3));
    const img = await loadFirmwareFile(path, { baseAddress: 0x6000_0000 });
    expect(img.segments.map((s) => [s.address, Array.from(s.data), s.data.constructor.name])).toEqual([[0x6000_0000, [1, 2, 3], 'Uint8Array']]);
  });

  it('a missing file → FILE_NOT_FOUND with the fs error as cause', async () => {
    const path = join(dir, 'missing.hex');
    const e = await loadFirmwareFile(path).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ImxflashError);
    expect(e).toMatchObject({ code: 'FILE_NOT_FOUND', message: `${path}: no such file`, details: { file: path } });
    expect((e as ImxflashError).cause).toMatchObject({ code: 'ENOENT' });
  });

  it('a directory → FILE_UNREADABLE with the fs error as cause', async () => {
    const e = await loadFirmwareFile(dir).catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'FILE_UNREADABLE', message: `${dir}: cannot be read (EISDIR)` });
    expect((e as ImxflashError).cause).toMatchObject({ code: 'EISDIR' });
  });
});
