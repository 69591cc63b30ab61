import { resolve } from 'node:path';
import { bootFlashBase, buildBootImage, parseFirmware, type BootImage, type BootModeRequest, type FirmwareFormat, type MemoryImage } from '@imxflash/core';
import type { CommandContext } from '../context.js';
import { parseAddress, parseChoice } from '../options/parse-address.js';
import type { BoardChoice } from './board-options.js';
import { readInputFile } from './read-input-file.js';

export const INPUT_FORMATS: readonly FirmwareFormat[] = ['ihex', 'srec', 'elf', 'bin'];

export interface ImageFlags {
  base?: string;
  inputFormat?: string;
}

/** What goes into the flash: the built boot image, or (raw) the file's bytes at their addresses. */
export interface FlashImage {
  readonly image: MemoryImage;
  /** Undefined for a raw write. */
  readonly boot: BootImage | undefined;
  readonly flashBase: number;
}

/** Reads a firmware file (hex, srec, elf; bin at --base). */
export async function loadFirmware(ctx: CommandContext, file: string, o: ImageFlags, defaultBase?: number): Promise<MemoryImage> {
  const bytes = await readInputFile(resolve(ctx.io.cwd, file), file, 'input file');
  const base = o.base !== undefined ? parseAddress(o.base, '--base') : defaultBase;
  return parseFirmware(bytes, file, {
    ...(o.inputFormat ? { format: parseChoice(o.inputFormat, '--input-format', INPUT_FORMATS) } : {}),
    ...(base !== undefined ? { baseAddress: base } : {}),
  });
}

/**
 * The image to flash: with `raw` the file as it is (a bin without --base goes to the flash
 * base); otherwise the boot image built from it (FCB + IVT + boot data + app; as-is when the
 * file already carries its headers).
 */
export async function loadFlashImage(ctx: CommandContext, file: string, board: BoardChoice, o: ImageFlags & { mode: BootModeRequest; raw: boolean }): Promise<FlashImage> {
  const flashBase = bootFlashBase(board.chip);
  if (o.raw) return { image: await loadFirmware(ctx, file, o, flashBase), boot: undefined, flashBase };
  const app = await loadFirmware(ctx, file, o);
  const boot = buildBootImage(app, { chip: board.chip, part: board.part, mode: o.mode });
  return { image: boot.image, boot, flashBase };
}
