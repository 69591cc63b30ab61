import type { Chip } from '../db/chip.js';
import type { FlashPart } from '../db/flash-part.js';

/** What a session attaches to: the chip and, when known, its boot flash part. */
export interface TargetSpec {
  readonly chip: Chip;
  /** The flash part; undefined = the driver identifies it (JEDEC ID, SFDP) or fails with a hint. */
  readonly part?: FlashPart;
}
