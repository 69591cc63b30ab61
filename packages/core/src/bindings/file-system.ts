/**
 * The few file operations drivers need (J-Link command files, scratch directories, state files),
 * behind a contract so tests and `--sim` run without touching the disk.
 */

export interface FileSystem {
  /** The whole file; rejects FILE_NOT_FOUND or FILE_UNREADABLE. */
  readFile(path: string): Promise<Uint8Array>;
  /** Creates or replaces the file with exactly `data`; rejects OUTPUT_WRITE_FAILED. */
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  /** True when something exists at `path` (file or directory); never rejects. */
  exists(path: string): Promise<boolean>;
  /** Creates a new, empty, private directory whose name starts with `prefix`; resolves with its path. */
  makeTempDir(prefix: string): Promise<string>;
  /** Removes `path` and everything below it; succeeds when it is already gone. */
  remove(path: string): Promise<void>;
}
