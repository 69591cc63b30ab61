import { findChip, findFlashPart, ImxflashError, type Chip, type FlashPart } from '@imxflash/core';
import { describeSource, type Settings } from '../config/settings.js';

/** The board the issue was written for; every default is printed so nobody is surprised. */
export const DEFAULT_CHIP = 'rt1052';
export const DEFAULT_FLASH = 'is25wp064a';

export interface BoardChoice {
  readonly chip: Chip;
  readonly part: FlashPart;
  /** Which of the two were defaults (said in the output). */
  readonly defaulted: readonly ('chip' | 'flash')[];
}

/** Chip and flash part from the settings (flag > IMXFLASH_CHIP/FLASH > config > default). */
export function resolveBoard(settings: Pick<Settings, 'chip' | 'flash' | 'sources' | 'configSource'>): BoardChoice {
  const defaulted: ('chip' | 'flash')[] = [];
  if (settings.chip === undefined) defaulted.push('chip');
  if (settings.flash === undefined) defaulted.push('flash');
  return {
    chip: named(() => findChip(settings.chip ?? DEFAULT_CHIP), settings, 'chip'),
    part: named(() => findFlashPart(settings.flash ?? DEFAULT_FLASH), settings, 'flash'),
    defaulted,
  };
}

/** A lookup whose error names where a value that was not a flag came from. */
function named<T>(lookup: () => T, settings: Pick<Settings, 'sources' | 'configSource'>, key: 'chip' | 'flash'): T {
  try {
    return lookup();
  } catch (e) {
    const from = describeSource(settings as Settings, key);
    if (!(e instanceof ImxflashError) || from === '') throw e;
    throw new ImxflashError(e.code, `${e.message}${from}`, { ...(e.hint ? { hint: e.hint } : {}), details: { ...e.details }, cause: e });
  }
}
