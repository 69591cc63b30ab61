import { findChip, findFlashPart, type Chip, type FlashPart } from '@imxflash/core';

/** The board the issue was written for; every default is printed so nobody is surprised. */
export const DEFAULT_CHIP = 'rt1052';
export const DEFAULT_FLASH = 'is25wp064a';

export interface BoardChoice {
  readonly chip: Chip;
  readonly part: FlashPart;
  /** Which of the two were defaults (said in the output). */
  readonly defaulted: readonly ('chip' | 'flash')[];
}

export function resolveBoard(chipName: string | undefined, flashName: string | undefined, env: Readonly<Record<string, string | undefined>>): BoardChoice {
  const defaulted: ('chip' | 'flash')[] = [];
  const c = chipName ?? env['IMXFLASH_CHIP'];
  const f = flashName ?? env['IMXFLASH_FLASH'];
  if (c === undefined) defaulted.push('chip');
  if (f === undefined) defaulted.push('flash');
  return { chip: findChip(c ?? DEFAULT_CHIP), part: findFlashPart(f ?? DEFAULT_FLASH), defaulted };
}
