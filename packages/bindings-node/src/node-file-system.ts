import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImxflashError, type FileSystem } from '@imxflash/core';

/** core's FileSystem on node:fs (J-Link command files, scratch folders). Temp folders go under os.tmpdir(). */
export class NodeFileSystem implements FileSystem {
  constructor(private readonly tempRoot: string = tmpdir()) {}

  async readFile(path: string): Promise<Uint8Array> {
    try {
      const b = await readFile(path);
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (cause) {
      const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
      throw new ImxflashError(missing ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `cannot read ${path}: ${(cause as Error).message}`, {
        hint: missing ? 'Check the path.' : 'Check the file permissions.',
        cause,
        details: { path },
      });
    }
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    try {
      await writeFile(path, data);
    } catch (cause) {
      throw new ImxflashError('OUTPUT_WRITE_FAILED', `cannot write ${path}: ${(cause as Error).message}`, {
        hint: 'Check that the folder exists and is writable, and that the disk is not full.',
        cause,
        details: { path },
      });
    }
  }

  async exists(path: string): Promise<boolean> {
    return stat(path).then(
      () => true,
      () => false,
    );
  }

  async makeTempDir(prefix: string): Promise<string> {
    try {
      return await mkdtemp(join(this.tempRoot, prefix));
    } catch (cause) {
      throw new ImxflashError('OUTPUT_WRITE_FAILED', `cannot create a temporary folder in ${this.tempRoot}: ${(cause as Error).message}`, {
        hint: 'Set TMPDIR (TEMP on Windows) to a writable folder.',
        cause,
      });
    }
  }

  async remove(path: string): Promise<void> {
    await rm(path, { recursive: true, force: true });
  }
}
