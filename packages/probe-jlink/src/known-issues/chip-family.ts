import type { Chip } from '@imxflash/core';
import type { JlinkChipFamily } from './known-issue.js';

const FAMILY_BY_CHIP: Readonly<Record<string, JlinkChipFamily>> = {
  rt1010: 'rt101x',
  rt1015: 'rt101x',
  rt1020: 'rt102x',
  rt1024: 'rt102x',
  rt1040: 'rt104x',
  rt1050: 'rt105x',
  rt1060: 'rt106x',
  rt1064: 'rt106x',
  rt1170: 'rt117x',
};

/** The release-note family of a core chip entry (rt1050 → rt105x); undefined for chips SEGGER groups otherwise. */
export function jlinkFamilyOf(chip: Pick<Chip, 'id'>): JlinkChipFamily | undefined {
  return FAMILY_BY_CHIP[chip.id];
}
