import { readFile } from 'node:fs/promises';
import { ImxflashError } from '../errors/imxflash-error.js';
import { type MemoryImage } from '../image/memory-image.js';
import { parseFirmware, type ParseFirmwareOptions } from './firmware-format.js';

/**
 * Reads and parses a firmware file; messages name it by `path` as given. A missing file is
 * FILE_NOT_FOUND, any other read failure (permissions, a directory, I/O) FILE_UNREADABLE, with
 * the fs error as `cause`.
 */
export async function loadFirmwareFile(path: string, options: ParseFirmwareOptions = {}): Promise<MemoryImage> {
  let buffer: Uint8Array;
  try {
    buffer = await readFile(path);
  } catch (cause) {
    const code = (cause as { code?: unknown } | null)?.code;
    if (code === 'ENOENT') {
      throw new ImxflashError('FILE_NOT_FOUND', `${path}: no such file`, {
        hint: 'Check the path; a relative path is taken from the current directory.',
        details: { file: path },
        cause,
      });
    }
    throw new ImxflashError('FILE_UNREADABLE', `${path}: cannot be read (${typeof code === 'string' ? code : String(cause)})`, {
      hint: 'Check that it is a regular file and that you may read it.',
      details: { file: path },
      cause,
    });
  }
  // A plain Uint8Array over the Buffer's memory: Buffer.slice() would share, not copy.
  return parseFirmware(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), path, options);
}
