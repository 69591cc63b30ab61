import { ImxflashError } from '../errors/imxflash-error.js';
import type { FlashDevice } from '../probe/flash-device.js';
import { hex32 } from '../util/hex.js';
import type { FlashRange } from './flash-plan.js';
import { mergeRanges } from './flash-planner.js';
import { intersectRanges } from './preserved-bytes.js';

/**
 * FLASH_PROTECTED, before anything is sent, when `ranges` (what a command would erase or
 * program) meet what the part's block protection guards (FlashDevice.protectedRanges): a
 * protected part ignores erases and programs without an error, so the command would otherwise
 * report work it did not do. `doing` names the command in the message ("this flash", "this erase").
 * Devices that cannot tell (no protectedRanges) pass; nothing to write passes without asking.
 */
export async function refuseProtectedWrites(device: FlashDevice, ranges: readonly FlashRange[], doing: string): Promise<void> {
  if (!device.protectedRanges) return;
  const written = mergeRanges(ranges.filter((r) => r.bytes > 0));
  if (written.length === 0) return;
  const blocked = intersectRanges(written, await device.protectedRanges());
  if (blocked.length === 0) return;
  const where = blocked.map((r) => `${hex32(r.address)}–${hex32(r.address + r.bytes - 1)}`).join(', ');
  throw new ImxflashError('FLASH_PROTECTED', `the flash is write-protected at ${where}, which ${doing} would erase or program; nothing was erased`, {
    hint: 'Its block-protect bits (BP in the status register) are set; imxflash does not clear protection by itself. Clear them (e.g. with the vendor tool or your firmware), then run the command again.',
    details: { protected: blocked },
  });
}
