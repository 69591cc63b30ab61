import { ImxflashError, type FileSystem } from '@imxflash/core';

/** An in-memory FileSystem for tests: files by path, temp folders numbered, everything inspectable. */
export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Set<string>();
  /** Every file ever written, in order (path, text), so tests can read what a run produced after it was removed. */
  readonly written: { path: string; text: string }[] = [];
  private next = 0;

  constructor(private readonly tempRoot = '/tmp') {}

  async readFile(path: string): Promise<Uint8Array> {
    const data = this.files.get(path);
    if (data === undefined) throw new ImxflashError('FILE_NOT_FOUND', `no file ${path}`);
    return data;
  }
  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    this.files.set(path, bytes);
    this.written.push({ path, text: new TextDecoder().decode(bytes) });
  }
  async exists(path: string): Promise<boolean> {
    return this.files.has(path) || this.dirs.has(path);
  }
  async makeTempDir(prefix: string): Promise<string> {
    const dir = `${this.tempRoot}/${prefix}${this.next++}`;
    this.dirs.add(dir);
    return dir;
  }
  async remove(path: string): Promise<void> {
    this.dirs.delete(path);
    for (const key of [...this.files.keys()]) if (key === path || key.startsWith(`${path}/`) || key.startsWith(`${path}\\`)) this.files.delete(key);
  }
  /** Paths still present below `dir`. */
  leftovers(): string[] {
    return [...this.dirs, ...this.files.keys()];
  }
}
