import { readFileSync } from 'node:fs';
import { ImxflashError } from '@imxflash/core';

/** Reads a whole file, mapping fs failures to coded errors that name the option. */
export async function readInputFile(fullPath: string, path: string, what: string): Promise<Uint8Array> {
  try {
    // One-shot CLI: a single synchronous read beats readFile's chunked round trips on big inputs.
    const b = readFileSync(fullPath);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ImxflashError('FILE_NOT_FOUND', `${what} not found: ${path}`, { hint: 'Check the path (it is relative to the current directory).', cause, details: { path } });
    }
    throw new ImxflashError('FILE_UNREADABLE', `cannot read ${what} ${path}: ${(cause as Error).message}`, { hint: 'Check the file permissions.', cause, details: { path } });
  }
}
