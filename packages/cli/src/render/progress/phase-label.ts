import type { FlashPhase } from '@imxflash/core';

/** Phase names padded to one width, so bars and lines align. */
export function phaseLabel(phase: FlashPhase): string {
  return phase.padEnd(7);
}
